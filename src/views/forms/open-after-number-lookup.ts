import type { webApi } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { AppContext } from '../../app-context.js';
import { userFacingError } from '../../slack/user-facing-error.js';
import { isTelegentError } from '../../telegent/errors.js';
import { nameInSubscriberLabel } from '../../telegent/picker-source.js';
import type { NumberRecord } from '../../telegent/response-schemas.js';
import { errorModal, loadingModal } from '../modals/status-modals.js';
import { openModal, updateModal } from '../open-modal.js';

export interface NumberLookupForm {
  triggerId: string;
  title: string;
  phoneNumber: string;
  /** The sentence shown when the number is not on the account (404). */
  notOnAccount: string;
  /** Where a failure is logged from (e.g. { form: 'portout' }). */
  logContext: Record<string, unknown>;
}

/**
 * The number's customer by name, from the subscriber picker's cached list (approvers judge a port-out or a
 * SIM swap by whom it is for); undefined when the number has no subscriber or the list cannot be read.
 */
async function customerOf(ctx: AppContext, record: NumberRecord): Promise<string | undefined> {
  const id = record.AssignedSubscriberId;
  if (!id) return undefined;
  const found = await ctx.pickers.search('subscriber', id).catch(() => []);
  const label = found.find((option) => option.value === id)?.label;
  return nameInSubscriberLabel(label)?.slice(0, 100);
}

/**
 * A form that needs the number's details: a loading view opens at once (the trigger lives 3 s), Telegent is
 * read, then `build` turns the record into the form (or an error view); any failure becomes one sentence.
 */
export async function openAfterNumberLookup(
  ctx: AppContext,
  client: webApi.WebClient,
  form: NumberLookupForm,
  build: (record: NumberRecord, customer: string | undefined) => ModalView | Promise<ModalView>,
): Promise<void> {
  const viewId = await openModal(
    client,
    form.triggerId,
    loadingModal(form.title, `Looking up ${form.phoneNumber}…`),
  );
  if (!viewId) return;
  try {
    const record = await ctx.telegent.getNumber({ Number: form.phoneNumber });
    await updateModal(client, viewId, await build(record, await customerOf(ctx, record)));
  } catch (error) {
    const text =
      isTelegentError(error) && error.status === 404
        ? form.notOnAccount
        : userFacingError(error, ctx.logger, form.logContext);
    await updateModal(client, viewId, errorModal(form.title, text));
  }
}
