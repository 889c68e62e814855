import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { eligibilityMessage } from '../../messages/eligibility-message.js';
import { errorModal } from '../../messages/error-views.js';
import type { TargetClassification } from '../../operations/fields/enums.js';
import { operations } from '../../operations/registry.js';
import { runRead } from '../../reads/run-read.js';
import { writeModalMetadata } from '../modal-metadata.js';
import { infoModal } from '../modals/modal.js';
import { updateModal } from '../open-modal.js';

export const PORTIN_TITLE = 'Port-in';

/**
 * A port-in's first step, in a modal already open on a loading view: Telegent's eligibility verdict for the
 * number, with "Continue to port-in…" when it may move (`/telegent portin` and the customer card's Port a number
 * in…). A failure leaves the loading view to the one error path, which turns it into the sentence.
 */
export async function showPortinEligibility(
  ctx: AppContext,
  client: webApi.WebClient,
  viewId: string,
  args: { channelId: string; phoneNumber: string; targetClassification: TargetClassification },
): Promise<void> {
  const { phoneNumber, targetClassification } = args;
  const verdict = await runRead(ctx, operations['portin-eligibility'], { phoneNumber, targetClassification });
  if (!verdict.ok) return updateModal(client, viewId, errorModal(PORTIN_TITLE, verdict.error));
  const shown = eligibilityMessage({
    eligibility: verdict.value,
    phoneNumber,
    targetClassification,
    sandbox: ctx.sandbox,
  });
  const metadata = writeModalMetadata({ channelId: args.channelId, phoneNumber, targetClassification });
  await updateModal(client, viewId, infoModal(PORTIN_TITLE, shown.blocks, metadata));
}
