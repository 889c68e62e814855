import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { readPortinContinueValue } from '../action-values.js';
import { ACTION } from '../ids.js';
import { portinModal } from '../modals/portin-modal.js';
import { updateModal } from './modal.js';
import { readModalMetadata, writeModalMetadata } from './modal-metadata.js';
import { warmPickers } from './pickers.js';

/** "Continue to port-in…" on an eligible verdict turns the verdict modal into the port-in form. */
export function registerPortinContinue(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION.portinContinue, async ({ ack, body, action, client }) => {
    await ack();
    const value = readPortinContinueValue(action.value);
    const view = body.view;
    const metadata = readModalMetadata(view?.private_metadata);
    if (!value || !view || !metadata || !value.eligibility.eligible) return;
    const e = value.eligibility;
    warmPickers(ctx);
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
        metadata: writeModalMetadata({
          channelId: metadata.channelId,
          phoneNumber: value.phoneNumber,
          eligibility: e,
        }),
        sandbox: ctx.sandbox,
      }),
    );
  });
}
