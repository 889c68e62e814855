import type { AppContext } from '../app-context.js';
import { readPortinContinueValue } from '../messages/action-values.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { portinFormWithPlan } from '../views/forms/portin-form.js';
import { readModalMetadata } from '../views/modal-metadata.js';
import { updateModal } from '../views/open-modal.js';

/** How long the form waits for the plan list (usually cached). */
const PLAN_LOOKUP_MAX_MS = 1_000;

/** "Continue to port-in…" on an eligible verdict turns the verdict modal into the port-in form. */
export function portinContinueButton(ctx: AppContext) {
  return async function onPortinContinue({ ack, body, action, client }: ButtonArgs): Promise<void> {
    await ack();
    const value = readPortinContinueValue(action.value);
    const view = body.view;
    const metadata = readModalMetadata(view?.private_metadata);
    if (!value || !view || !metadata || !value.eligibility.eligible) return;
    ctx.pickers.warm();
    // A views.update has no trigger to outlive, but the person is waiting: a slow plan list gives a picker.
    await updateModal(
      client,
      view.id,
      await portinFormWithPlan(
        ctx,
        {
          channelId: metadata.channelId,
          phoneNumber: value.phoneNumber,
          targetClassification: value.targetClassification,
          eligibility: value.eligibility,
          // A list's summary (`/telegent portin n1 n2 …`): the eligible numbers and those left out, with why.
          ...(metadata.phoneNumbers ? { phoneNumbers: metadata.phoneNumbers } : {}),
          ...(metadata.leftOut ? { leftOut: metadata.leftOut } : {}),
        },
        PLAN_LOOKUP_MAX_MS,
      ),
    );
  };
}
