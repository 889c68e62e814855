import { openOrdersMessage } from '../messages/open-orders-message.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

export async function orders({
  slash,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'orders' }>>) {
  const open = await ctx.store.orders.listOpenByChannel(slash.channel_id, 200);
  return reply(openOrdersMessage({ orders: open, sandbox: ctx.sandbox }));
}
