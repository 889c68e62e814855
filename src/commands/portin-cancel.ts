import { errorMessage } from '../messages/error-message.js';
import { orderStatusMessage } from '../messages/order-status-message.js';
import { operations } from '../operations/registry.js';
import { runRead } from '../reads/run-read.js';
import { findTrackedPortIn } from '../reads/tracked-portin.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/**
 * Shows the port-in's live state first; its "⋯" menu's Cancel port-in… opens the cancel form (final, reason
 * required), the same as on the order's message.
 */
export async function portinCancel({
  parsed,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'portin-cancel' }>>) {
  const found = await findTrackedPortIn(ctx, parsed.orderId, '/telegent portin cancel JNUOID-…', 'cancelled');
  if (!found.ok) return reply(errorMessage(found.error, ctx.sandbox));
  const live = await runRead(ctx, operations.status, { orderId: found.order.orderId });
  if (!live.ok) return reply(errorMessage(live.error, ctx.sandbox));
  return reply(orderStatusMessage({ order: live.value, stored: found.order, sandbox: ctx.sandbox }));
}
