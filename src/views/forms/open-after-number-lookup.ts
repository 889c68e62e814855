import type { webApi } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { AppContext } from '../../app-context.js';
import { errorModal } from '../../messages/error-views.js';
import { isTelegentError } from '../../telegent/errors.js';
import { nameInSubscriberLabel } from '../../telegent/picker-source.js';
import type { NumberRecord } from '../../telegent/response-schemas.js';
import { loadingModal } from '../modals/status-modals.js';
import { openModal, updateModal } from '../open-modal.js';

export interface NumberLookupForm {
  triggerId: string;
  title: string;
  phoneNumber: string;
  /** The sentence shown when the number is not on the account (404). */
  notOnAccount: string;
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
 * read, then `build` turns the record into the form (or an error view); a number not on the account says so.
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
    // Any other failure leaves the loading view to the one error path, which turns it into the sentence.
    if (!(isTelegentError(error) && error.status === 404)) throw error;
    await updateModal(client, viewId, errorModal(form.title, form.notOnAccount));
  }
}
