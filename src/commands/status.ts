import { errorMessage } from '../messages/error-message.js';
import { orderStatusMessage } from '../messages/order-status-message.js';
import { operations } from '../operations/registry.js';
import { resolveOrderRef } from '../reads/order-ref.js';
import { runRead } from '../reads/run-read.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/**
 * Live status from Telegent, with what we know of the order when it is one of ours. The id may be any unique
 * start of one of ours, as messages show it (`JNUOID-85f74761…`).
 */
export async function status({
  parsed,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'status' }>>) {
  if (!parsed.orderId)
    return reply(errorMessage('Which order? Type `/telegent status JNUOID-…`.', ctx.sandbox));
  const ref = await resolveOrderRef(ctx, parsed.orderId);
  if (!ref.ok) return reply(errorMessage(ref.error, ctx.sandbox));
  const live = await runRead(ctx, operations.status, { orderId: ref.orderId });
  if (!live.ok) return reply(errorMessage(live.error, ctx.sandbox));
  return reply(orderStatusMessage({ order: live.value, stored: ref.order, sandbox: ctx.sandbox }));
}
