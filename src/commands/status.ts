import { errorMessage } from '../messages/error-message.js';
import { orderStatusMessage } from '../messages/order-status-message.js';
import type { OrderDetails } from '../telegent/response-schemas.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';
import { runRead } from './run-read.js';

/** Live status from Telegent, with what we know of the order when it is one of ours. */
export async function status({
  parsed,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'status' }>>) {
  if (!parsed.orderId)
    return reply(errorMessage('Which order? Type `/telegent status JNUOID-…`.', ctx.sandbox));
  const live = await runRead<OrderDetails>(ctx, 'status', { orderId: parsed.orderId });
  if (!live.ok) return reply(errorMessage(live.error, ctx.sandbox));
  const stored = await ctx.store.orders.get(String(live.input.orderId));
  return reply(orderStatusMessage({ order: live.value, stored, sandbox: ctx.sandbox }));
}
