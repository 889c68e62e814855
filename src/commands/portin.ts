import { errorMessage } from '../messages/error-message.js';
import { classificationWords, formatPhone } from '../operations/glossary.js';
import { operations } from '../operations/registry.js';
import { checkInput } from '../reads/run-read.js';
import { PORTIN_TITLE, showPortinEligibility } from '../views/forms/portin-eligibility.js';
import { loadingModal } from '../views/modals/status-modals.js';
import { openModal } from '../views/open-modal.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

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
  const viewId = await openModal(
    client,
    slash.trigger_id,
    loadingModal(
      PORTIN_TITLE,
      `Checking whether ${formatPhone(phoneNumber)} can be ported in as a ${classificationWords(targetClassification)}…`,
    ),
  );
  if (!viewId) return;
  await showPortinEligibility(ctx, client, viewId, {
    channelId: slash.channel_id,
    phoneNumber,
    targetClassification,
  });
}
