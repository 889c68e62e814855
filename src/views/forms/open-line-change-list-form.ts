import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { errorModal } from '../../messages/error-views.js';
import { localIsoDate } from '../../operations/fields/port-in-date.js';
import { formatPhone } from '../../operations/glossary.js';
import type { LineChangeOperation } from '../../operations/line-change.js';
import { countWords } from '../../operations/line-change-numbers.js';
import { isTelegentError } from '../../telegent/errors.js';
import { writeModalMetadata } from '../modal-metadata.js';
import { lineChangeModal } from '../modals/line-change-modal.js';
import { loadingModal } from '../modals/status-modals.js';
import { openModal, updateModal } from '../open-modal.js';

/** Reads at a time: a 100-number list is read in a few seconds without taking the whole rate budget at once. */
const READS_AT_ONCE = 4;

export interface LineChangeListForm {
  op: LineChangeOperation;
  numbers: string[];
  triggerId: string;
  channelId: string;
}

/** What reading the list found: the numbers not on the account, and those whose status the change does not fit. */
async function readList(ctx: AppContext, op: LineChangeOperation, numbers: readonly string[]) {
  const missing: string[] = [];
  const misfit: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < numbers.length) {
      const number = numbers[next++] as string;
      try {
        const record = await ctx.telegent.getNumber({ Number: number });
        if (!op.lineChange.from.includes(record.Status ?? ''))
          misfit.push(`${formatPhone(number)} is ${record.Status ?? 'of unknown status'}`);
      } catch (error) {
        if (!(isTelegentError(error) && error.status === 404)) throw error;
        missing.push(formatPhone(number));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, numbers.length) }, worker));
  return { missing, misfit };
}

/**
 * The form of a list change: a loading view opens at once (the trigger lives 3 s), every number is read, then
 * the form, or one sentence naming the numbers not on the account or not in a status the change applies to.
 */
export async function openLineChangeListForm(
  ctx: AppContext,
  client: webApi.WebClient,
  form: LineChangeListForm,
): Promise<void> {
  const { op, numbers } = form;
  const viewId = await openModal(
    client,
    form.triggerId,
    loadingModal(op.title, `Reading ${countWords(numbers.length)}…`),
  );
  if (!viewId) return;
  const { missing, misfit } = await readList(ctx, op, numbers);
  if (missing.length > 0 || misfit.length > 0) {
    const lines = [
      ...(missing.length > 0 ? [`Not on your Telegent account: ${missing.join(', ')}.`] : []),
      ...(misfit.length > 0
        ? [
            `${op.title} does not apply to: ${misfit.join(', ')} (it applies to ${op.lineChange.from.join(', ')} numbers).`,
          ]
        : []),
    ];
    await updateModal(
      client,
      viewId,
      errorModal(op.title, `Nothing was filed. ${lines.join(' ')} Run the command again without them.`),
    );
    return;
  }
  const zone = await ctx.store.digests.timeZoneOf(form.channelId, ctx.digestDefaults.timeZone);
  await updateModal(
    client,
    viewId,
    lineChangeModal({
      op,
      phoneNumber: numbers[0] as string,
      phoneNumbers: numbers,
      facts: [],
      today: localIsoDate(ctx.now(), zone),
      metadata: writeModalMetadata({ channelId: form.channelId, phoneNumbers: numbers }),
      sandbox: ctx.sandbox,
      verificationMethods: ctx.verificationMethods,
    }),
  );
}
