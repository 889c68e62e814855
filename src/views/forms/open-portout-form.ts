import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { userFacingError } from '../../slack/user-facing-error.js';
import { isTelegentError } from '../../telegent/errors.js';
import { writeModalMetadata } from '../modal-metadata.js';
import { portoutModal } from '../modals/portout-modal.js';
import { errorModal, loadingModal } from '../modals/status-modals.js';
import { openModal, updateModal } from '../open-modal.js';

const TITLE = 'Port-out PIN';

/**
 * The port-out PIN form (from `/telegent portout` or the number card): opens at once (the trigger lives
 * 3 s), then shows the number's details from Telegent before asking for the PIN.
 */
export async function openPortoutForm(
  ctx: AppContext,
  client: webApi.WebClient,
  at: { triggerId: string; channelId: string },
  phoneNumber: string,
): Promise<void> {
  const viewId = await openModal(client, at.triggerId, loadingModal(TITLE, `Looking up ${phoneNumber}…`));
  if (!viewId) return;
  try {
    const number = await ctx.telegent.getNumber({ Number: phoneNumber });
    const metadata = writeModalMetadata({ channelId: at.channelId, phoneNumber });
    await updateModal(client, viewId, portoutModal({ phoneNumber, number, metadata, sandbox: ctx.sandbox }));
  } catch (error) {
    const text =
      isTelegentError(error) && error.status === 404
        ? `${phoneNumber} is not on your Telegent account, so it has no port-out PIN to set. Check the number.`
        : userFacingError(error, ctx.logger, { form: 'portout' });
    await updateModal(client, viewId, errorModal(TITLE, text));
  }
}
