import type { AppContext } from '../../app-context.js';
import { classificationWords, formatPhone } from '../../operations/glossary.js';
import { operations } from '../../operations/registry.js';
import { validateInput } from '../../operations/validation-errors.js';
import type { ViewSubmissionArgs } from '../../slack/listener-args.js';
import { PORTIN_TITLE, showPortinEligibility } from '../forms/portin-eligibility.js';
import { readModalMetadata } from '../modal-metadata.js';
import { loadingModal } from '../modals/status-modals.js';
import { errorsForView, readViewInput } from '../view-input.js';

/**
 * The customer card's "Port a number in…" form: a bad number is answered under its input inside the ack; a good
 * one turns the form into the eligibility check, then the verdict with "Continue to port-in…".
 */
export function customerPortinSubmission(ctx: AppContext) {
  return async function onCustomerPortin({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> {
    const raw = readViewInput(view.state.values, view.blocks);
    const checked = validateInput(operations['portin-eligibility'], raw, { now: ctx.now });
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: errorsForView(checked.errors, view) });
      return;
    }
    const { phoneNumber, targetClassification } = checked.value;
    await ack({
      response_action: 'update',
      view: loadingModal(
        PORTIN_TITLE,
        `Checking whether ${formatPhone(phoneNumber)} can be ported in as a ${classificationWords(targetClassification)}…`,
      ),
    });
    const channelId = readModalMetadata(view.private_metadata)?.channelId ?? body.user.id;
    await showPortinEligibility(ctx, client, view.id, { channelId, phoneNumber, targetClassification });
  };
}
