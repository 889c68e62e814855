import type { AppContext } from '../app-context.js';
import { errorModal } from '../messages/error-views.js';
import { normalisePhoneNumber } from '../operations/fields/phone-number.js';
import type { ProtectAction } from '../operations/protect-input.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { openProtectionCard } from '../views/forms/open-protection-card.js';
import { readModalMetadata, writeModalMetadata } from '../views/modal-metadata.js';
import { protectModal } from '../views/modals/protect-modal.js';

/** Protect… on the number card and on the customer card's lines: the line's protection card. */
export function protectOpenButton(ctx: AppContext) {
  return async function onProtect({ ack, body, action, client }: ButtonArgs): Promise<void> {
    await ack();
    const number = normalisePhoneNumber(action.value ?? '');
    if (!number.ok) return;
    const channelId = body.channel?.id ?? body.user.id;
    await openProtectionCard(ctx, client, { triggerId: body.trigger_id, channelId }, number.value);
  };
}

/**
 * Block… / Unblock… / Allow… / Text filter… on the protection card: the form is pushed over the card (Back
 * returns to it), carrying the card's line, subscriber and channel, and the card's view to redraw afterwards.
 */
export function protectActionButton(ctx: AppContext, action: ProtectAction) {
  return async function onProtectAction({ ack, body, action: clicked, client }: ButtonArgs): Promise<void> {
    await ack();
    const card = body.view;
    const m = readModalMetadata(card?.private_metadata);
    if (!card || !m?.phoneNumber || !m.subscriberId) {
      await client.views.push({
        trigger_id: body.trigger_id,
        view: errorModal('Protection', 'This card is from an older version: run /telegent protect again.'),
      });
      return;
    }
    const metadata = writeModalMetadata({
      channelId: m.channelId,
      phoneNumber: m.phoneNumber,
      subscriberId: m.subscriberId,
      customer: m.customer,
      cardViewId: card.id,
    });
    await client.views.push({
      trigger_id: body.trigger_id,
      view: protectModal({
        action,
        phoneNumber: m.phoneNumber,
        customer: m.customer,
        currentTextMode: clicked.value,
        metadata,
        sandbox: ctx.sandbox,
      }),
    });
  };
}
