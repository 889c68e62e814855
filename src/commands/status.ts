import { errorMessage } from '../messages/error-message.js';
import { orderStatusMessage } from '../messages/order-status-message.js';
import { operations } from '../operations/registry.js';
import { runRead } from '../reads/run-read.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** Live status from Telegent, with what we know of the order when it is one of ours. */
export async function status({
  parsed,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'status' }>>) {
  if (!parsed.orderId)
    return reply(errorMessage('Which order? Type `/telegent status JNUOID-…`.', ctx.sandbox));
  const live = await runRead(ctx, operations.status, { orderId: parsed.orderId });
  if (!live.ok) return reply(errorMessage(live.error, ctx.sandbox));
  const stored = await ctx.store.orders.get(live.input.orderId);
  return reply(orderStatusMessage({ order: live.value, stored, sandbox: ctx.sandbox }));
}
