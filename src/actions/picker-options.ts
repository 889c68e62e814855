import type { AppContext } from '../app-context.js';
import { oneLine } from '../messages/limits.js';
import type { OptionsArgs } from '../slack/listener-args.js';
import { ackTimeLeft, withinAckDeadline } from '../slack/within-ack-deadline.js';
import type { PickerKind, PickerOption } from '../telegent/picker-source.js';
import { readModalMetadata } from '../views/modal-metadata.js';

const OPTION_TEXT_MAX = 75;

/** What each list is called when it is still being read for the first time. */
const LIST_WORDS: Record<PickerKind, string> = {
  subscriber: 'customers',
  messageRoute: 'message routes',
  voiceRoute: 'voice routes',
};

/** The one option a picker shows while its list was never read yet: never an empty list that looks like "none". */
export function stillLoadingOption(kind: PickerKind): PickerOption {
  return { label: `still loading ${LIST_WORDS[kind]} — type again in a moment`, value: 'still-loading' };
}

/**
 * external_select type-ahead for routes and subscribers (by name, email or id), answered inside the ack: a read
 * that does not finish in time yields the list read last (kept warm in the background), or, when none was ever
 * read, one "still loading" option; an outage yields no options (the one error path acks a failed picker with
 * none), not an error.
 */
export function pickerOptions(ctx: AppContext, picker: PickerKind) {
  return async function onPickerOptions({ ack, options, body, context }: OptionsArgs): Promise<void> {
    // A form opened in a channel bound to a distributor account picks from that account's lists.
    const channelId = readModalMetadata(body.view?.private_metadata)?.channelId;
    const bound = channelId ? await ctx.store.channelAccounts.get(channelId) : null;
    const query = options.value ?? '';
    const late = Symbol('late');
    const answer = await withinAckDeadline<PickerOption[] | typeof late>(
      ctx.pickers.search(picker, query, bound?.accountId),
      late,
      ackTimeLeft(context),
    );
    const found =
      answer !== late
        ? answer
        : (ctx.pickers.searchLoaded(picker, query, bound?.accountId) ?? [stillLoadingOption(picker)]);
    await ack({
      options: found.map((item) => ({
        text: { type: 'plain_text' as const, text: oneLine(item.label, OPTION_TEXT_MAX) },
        value: item.value,
      })),
    });
  };
}
