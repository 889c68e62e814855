import { openModal } from '../views/handlers/modal.js';
import { writeModalMetadata } from '../views/handlers/modal-metadata.js';
import { errorMessage } from '../views/messages/error-message.js';
import { portinUpdateModal } from '../views/modals/portin-update-modal.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';
import { findTrackedPortIn } from './tracked-portin.js';

/** The update form, pre-filled from what we stored (secrets are never pre-filled). */
export async function portinUpdate({
  parsed,
  slash,
  client,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'portin-update' }>>) {
  const found = await findTrackedPortIn(ctx, parsed.orderId, '/telegent portin update JNUOID-…');
  if (!found.ok) return reply(errorMessage(found.error, ctx.sandbox));
  const { order } = found;
  const stored = order.requestId ? (await ctx.store.requests.get(order.requestId))?.input : undefined;
  await openModal(
    client,
    slash.trigger_id,
    portinUpdateModal({
      orderId: order.orderId,
      stored,
      metadata: writeModalMetadata({ channelId: slash.channel_id, orderId: order.orderId }),
      sandbox: ctx.sandbox,
    }),
  );
}
