import type { AppContext } from '../app-context.js';
import { oneLine } from '../messages/limits.js';
import type { OptionsArgs } from '../slack/listener-args.js';
import { ackTimeLeft, withinAckDeadline } from '../slack/within-ack-deadline.js';
import type { PickerKind } from '../telegent/picker-source.js';
import { readModalMetadata } from '../views/modal-metadata.js';

const OPTION_TEXT_MAX = 75;

/**
 * external_select type-ahead for routes and subscribers (by name, email or id), answered inside the ack: a slow
 * Telegent yields no options now and a warm cache next time; an outage yields no options (the one error path
 * acks a failed picker with none), not an error.
 */
export function pickerOptions(ctx: AppContext, picker: PickerKind) {
  return async function onPickerOptions({ ack, options, body, context }: OptionsArgs): Promise<void> {
    // A form opened in a channel bound to a distributor account picks from that account's lists.
    const channelId = readModalMetadata(body.view?.private_metadata)?.channelId;
    const bound = channelId ? await ctx.store.channelAccounts.get(channelId) : null;
    const found = await withinAckDeadline(
      ctx.pickers.search(picker, options.value ?? '', bound?.accountId),
      [],
      ackTimeLeft(context),
    );
    await ack({
      options: found.map((item) => ({
        text: { type: 'plain_text' as const, text: oneLine(item.label, OPTION_TEXT_MAX) },
        value: item.value,
      })),
    });
  };
}
