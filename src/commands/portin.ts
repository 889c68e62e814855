import { errorMessage } from '../messages/error-message.js';
import { type ParsedPhoneNumbers, parsePhoneNumbers } from '../operations/fields/phone-number.js';
import { MAX_NUMBERS_PER_REQUEST } from '../operations/fields/phone-number-list.js';
import { classificationWords, formatPhone } from '../operations/glossary.js';
import { countWords } from '../operations/line-change-numbers.js';
import { portInBlocked } from '../operations/portin-numbers.js';
import { operations } from '../operations/registry.js';
import { checkInput } from '../reads/run-read.js';
import { PORTIN_TITLE, showPortinEligibility } from '../views/forms/portin-eligibility.js';
import { showPortinListEligibility } from '../views/forms/portin-list.js';
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
  const list = parsePhoneNumbers(parsed.phoneNumber);
  // Several numbers (or one beside something that is not a number): the list flow; one number: as always.
  const several =
    list.numbers.length + list.duplicates.length > 1 || (list.numbers.length > 0 && list.errors.length > 0);
  const checked = checkInput(ctx, operations['portin-eligibility'], {
    phoneNumber: several ? list.numbers[0] : parsed.phoneNumber,
    ...(parsed.classification ? { targetClassification: parsed.classification } : {}),
  });
  if (!checked.ok) return reply(errorMessage(checked.error, ctx.sandbox));
  const phoneNumber = checked.value.phoneNumber;
  // Eligibility is checked in the classification the port-in will use; the form submits the same one.
  const targetClassification = checked.value.targetClassification;
  if (several) {
    const refused = await refuseList(ctx, list);
    if (refused) return reply(errorMessage(refused, ctx.sandbox));
    const listViewId = await openModal(
      client,
      slash.trigger_id,
      loadingModal(
        PORTIN_TITLE,
        `Checking whether ${countWords(list.numbers.length)} can be ported in as a ${classificationWords(targetClassification)}…`,
      ),
    );
    if (!listViewId) return;
    return showPortinListEligibility(ctx, client, listViewId, {
      channelId: slash.channel_id,
      numbers: list.numbers,
      targetClassification,
    });
  }
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

/**
 * A list that is not what they meant (a bad entry, a number twice, more than 100, a number already being ported
 * in) is refused whole, naming what to fix: nothing is checked or filed.
 */
async function refuseList(
  ctx: CommandContext<Extract<TelegentCommand, { name: 'portin' }>>['ctx'],
  list: ParsedPhoneNumbers,
): Promise<string | null> {
  const problems = [
    ...list.errors.map((e) => `• "${e.input.slice(0, 30)}" is not a US number: ${e.message}`),
    ...list.duplicates.map((n) => `• ${formatPhone(n)} is given twice: list each number once`),
  ];
  if (problems.length > 0) return `Nothing was checked or filed. Numbers:\n${problems.join('\n')}`;
  if (list.numbers.length > MAX_NUMBERS_PER_REQUEST)
    return `At most ${MAX_NUMBERS_PER_REQUEST} numbers at a time; you gave ${list.numbers.length}. Nothing was checked or filed: split the list.`;
  const checks = { orders: ctx.store.orders, requests: ctx.store.requests };
  const busy: string[] = [];
  for (const number of list.numbers) {
    const reason = await portInBlocked(checks, operations.portin.kind, number);
    if (reason) busy.push(`• ${reason}`);
  }
  return busy.length > 0 ? `Nothing was checked or filed:\n${busy.join('\n')}` : null;
}
