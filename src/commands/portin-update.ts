import { errorMessage } from '../messages/error-message.js';
import { findTrackedPortIn } from '../reads/tracked-portin.js';
import { openPortinUpdateForm } from '../views/portin-update-form.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** The update form, pre-filled from what we stored (secrets are never pre-filled). */
export async function portinUpdate({
  parsed,
  slash,
  client,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'portin-update' }>>) {
  const found = await findTrackedPortIn(ctx, parsed.orderId, '/telegent portin update JNUOID-…', 'updated');
  if (!found.ok) return reply(errorMessage(found.error, ctx.sandbox));
  await openPortinUpdateForm(client, ctx, slash.trigger_id, found.order);
}
