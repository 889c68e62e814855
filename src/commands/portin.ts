import { eligibilityMessage } from '../messages/eligibility-message.js';
import { errorMessage } from '../messages/error-message.js';
import { userFacingError } from '../slack/user-facing-error.js';
import type { PortInEligibility } from '../telegent/response-schemas.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { infoModal } from '../views/modals/modal.js';
import { errorModal, loadingModal } from '../views/modals/status-modals.js';
import { openModal, updateModal } from '../views/open-modal.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';
import { checkInput, runRead } from './run-read.js';

const TITLE = 'Port-in';

/** Eligibility first: the verdict (carrier, wireline or not) and, only when eligible, a Continue button. */
export async function portin({
  parsed,
  slash,
  client,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'portin' }>>) {
  if (!parsed.phoneNumber) {
    return reply(
      errorMessage(
        'Which number? Type `/telegent portin +18015551234` (we check eligibility first).',
        ctx.sandbox,
      ),
    );
  }
  const checked = checkInput(ctx, 'portin-eligibility', { phoneNumber: parsed.phoneNumber });
  if (!checked.ok) return reply(errorMessage(checked.error, ctx.sandbox));
  const phoneNumber = String(checked.value.phoneNumber);
  const metadata = writeModalMetadata({ channelId: slash.channel_id, phoneNumber });
  const viewId = await openModal(
    client,
    slash.trigger_id,
    loadingModal(TITLE, `Checking whether ${phoneNumber} can be ported in…`),
  );
  if (!viewId) return;
  try {
    const verdict = await runRead<PortInEligibility>(ctx, 'portin-eligibility', { phoneNumber });
    if (!verdict.ok) return updateModal(client, viewId, errorModal(TITLE, verdict.error));
    const shown = eligibilityMessage({ eligibility: verdict.value, phoneNumber, sandbox: ctx.sandbox });
    await updateModal(client, viewId, infoModal(TITLE, shown.blocks, metadata));
  } catch (error) {
    await updateModal(
      client,
      viewId,
      errorModal(TITLE, userFacingError(error, ctx.logger, { command: 'portin' })),
    );
  }
}
