import type { AppContext } from '../app-context.js';
import { errorMessage } from '../messages/error-message.js';
import { readCustomerCard } from '../reads/customer-card.js';
import { customerById } from '../reads/customer-lookup.js';
import type { ButtonArgs } from '../slack/listener-args.js';

/** Show on `/telegent customer`'s pick list: that customer's card replaces the list. */
export function customerShowButton(ctx: AppContext) {
  return async function onCustomerShow({ ack, action, body, respond }: ButtonArgs): Promise<void> {
    await ack();
    const channelId = body.channel?.id;
    const accountId = channelId ? (await ctx.store.channelAccounts.get(channelId))?.accountId : undefined;
    const found = action.value ? await customerById(ctx, action.value, accountId) : null;
    const card = found
      ? await readCustomerCard(ctx, found)
      : errorMessage(
          'Telegent no longer knows that customer. Search again with `/telegent customer`.',
          ctx.sandbox,
        );
    await respond({
      replace_original: true,
      response_type: 'ephemeral',
      text: card.text,
      blocks: card.blocks,
    });
  };
}
