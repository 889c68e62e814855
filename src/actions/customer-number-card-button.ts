import type { AppContext } from '../app-context.js';
import { normalisePhoneNumber } from '../operations/fields/phone-number.js';
import { readNumberCard } from '../reads/number-card.js';
import type { ButtonArgs } from '../slack/listener-args.js';

/** A line's button on the customer card: that number's card, as `/telegent number` shows it, below. */
export function customerNumberCardButton(ctx: AppContext) {
  return async function onCustomerNumberCard({ ack, action, respond }: ButtonArgs): Promise<void> {
    await ack();
    const number = normalisePhoneNumber(action.value ?? '');
    if (!number.ok) return;
    const card = await readNumberCard(ctx, number.value);
    await respond({
      replace_original: false,
      response_type: 'ephemeral',
      text: card.text,
      blocks: card.blocks,
    });
  };
}
