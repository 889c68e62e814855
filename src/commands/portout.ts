import { errorMessage } from '../messages/error-message.js';
import { userFacingError } from '../slack/user-facing-error.js';
import { isTelegentError } from '../telegent/errors.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { portoutModal } from '../views/modals/portout-modal.js';
import { errorModal, loadingModal } from '../views/modals/status-modals.js';
import { openModal, updateModal } from '../views/open-modal.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';
import { checkInput } from './run-read.js';

const TITLE = 'Port-out PIN';

/** Shows the number's details from Telegent before asking for the PIN (typed or generated). */
export async function portout({
  parsed,
  slash,
  client,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'portout' }>>) {
  if (!parsed.phoneNumber)
    return reply(errorMessage('Which number? Type `/telegent portout +18015551234`.', ctx.sandbox));
  const checked = checkInput(ctx, 'usage', { phoneNumber: parsed.phoneNumber });
  if (!checked.ok) return reply(errorMessage(checked.error, ctx.sandbox));
  const phoneNumber = String(checked.value.phoneNumber);
  const viewId = await openModal(client, slash.trigger_id, loadingModal(TITLE, `Looking up ${phoneNumber}…`));
  if (!viewId) return;
  try {
    const number = await ctx.telegent.getNumber({ Number: phoneNumber });
    const metadata = writeModalMetadata({ channelId: slash.channel_id, phoneNumber });
    await updateModal(client, viewId, portoutModal({ phoneNumber, number, metadata, sandbox: ctx.sandbox }));
  } catch (error) {
    const text =
      isTelegentError(error) && error.status === 404
        ? `${phoneNumber} is not on your Telegent account, so it has no port-out PIN to set. Check the number.`
        : userFacingError(error, ctx.logger, { command: 'portout' });
    await updateModal(client, viewId, errorModal(TITLE, text));
  }
}
