import type { AppContext } from '../app-context.js';
import { readPortinContinueValue } from '../messages/action-values.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { readModalMetadata, writeModalMetadata } from '../views/modal-metadata.js';
import { portinModal } from '../views/modals/portin-modal.js';
import { updateModal } from '../views/open-modal.js';

/** "Continue to port-in…" on an eligible verdict turns the verdict modal into the port-in form. */
export function portinContinueButton(ctx: AppContext) {
  return async function onPortinContinue({ ack, body, action, client }: ButtonArgs): Promise<void> {
    await ack();
    const value = readPortinContinueValue(action.value);
    const view = body.view;
    const metadata = readModalMetadata(view?.private_metadata);
    if (!value || !view || !metadata || !value.eligibility.eligible) return;
    const e = value.eligibility;
    ctx.pickers.warm();
    await updateModal(
      client,
      view.id,
      portinModal({
        phoneNumber: value.phoneNumber,
        eligibility: {
          Eligible: e.eligible === true,
          NumberType: e.numberType,
          CurrentCarrier: e.currentCarrier,
          Message: e.message,
          PhoneNumber: value.phoneNumber,
        },
        targetClassification: value.targetClassification,
        metadata: writeModalMetadata({
          channelId: metadata.channelId,
          phoneNumber: value.phoneNumber,
          targetClassification: value.targetClassification,
          eligibility: e,
        }),
        sandbox: ctx.sandbox,
      }),
    );
  };
}
