import { eligibilityMessage } from '../messages/eligibility-message.js';
import { errorMessage } from '../messages/error-message.js';
import { errorModal } from '../messages/error-views.js';
import { classificationWords, formatPhone } from '../operations/glossary.js';
import { operations } from '../operations/registry.js';
import { checkInput, runRead } from '../reads/run-read.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { infoModal } from '../views/modals/modal.js';
import { loadingModal } from '../views/modals/status-modals.js';
import { openModal, updateModal } from '../views/open-modal.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

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
        'Which number? Type `/telegent portin +18015551234` (add `iot` to port in as IoT; we check eligibility first).',
        ctx.sandbox,
      ),
    );
  }
  const checked = checkInput(ctx, operations['portin-eligibility'], {
    phoneNumber: parsed.phoneNumber,
    ...(parsed.classification ? { targetClassification: parsed.classification } : {}),
  });
  if (!checked.ok) return reply(errorMessage(checked.error, ctx.sandbox));
  const phoneNumber = checked.value.phoneNumber;
  // Eligibility is checked in the classification the port-in will use; the form submits the same one.
  const targetClassification = checked.value.targetClassification;
  const metadata = writeModalMetadata({ channelId: slash.channel_id, phoneNumber, targetClassification });
  const viewId = await openModal(
    client,
    slash.trigger_id,
    loadingModal(
      TITLE,
      `Checking whether ${formatPhone(phoneNumber)} can be ported in as a ${classificationWords(targetClassification)}…`,
    ),
  );
  if (!viewId) return;
  // A failure leaves the loading view to the one error path, which turns it into the sentence.
  const verdict = await runRead(ctx, operations['portin-eligibility'], {
    phoneNumber,
    targetClassification,
  });
  if (!verdict.ok) return updateModal(client, viewId, errorModal(TITLE, verdict.error));
  const shown = eligibilityMessage({
    eligibility: verdict.value,
    phoneNumber,
    targetClassification,
    sandbox: ctx.sandbox,
  });
  await updateModal(client, viewId, infoModal(TITLE, shown.blocks, metadata));
}
