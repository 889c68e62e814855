import type { KnownBlock } from '@slack/types';
import { formatPhone, shortId } from '../operations/glossary.js';
import type { HistoryEntry, HistorySubjectKind } from '../store/history-repo.js';
import type { HistoryPageValue } from './action-values.js';
import { actions, button, context, header, type MessagePayload, message, section } from './blocks.js';
import { historyLine } from './history-line.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn } from './limits.js';

export const HISTORY_PAGE_SIZE = 10;

export interface HistoryMessageArgs {
  /** The number, OrderId or customer (TSUID) asked about. */
  subject: string;
  /** What the subject is (a number or an order when not given). */
  kind?: HistorySubjectKind;
  /** How the heading names a customer (their name or email: the answer is ephemeral). */
  label?: string | undefined;
  /** Up to HISTORY_PAGE_SIZE + 1 entries, newest first: one more than shown means there are older ones. */
  entries: HistoryEntry[];
  /** A later page (Older…): the first line says so. */
  older?: boolean;
  sandbox?: boolean | undefined;
}

/**
 * `/telegent history <+1…|OrderId|customer>`: who asked, who approved, what Telegent answered and every status
 * the carrier gave the orders, newest first, from the audit log (redacted when written) and the orders' recorded
 * status changes, a page at a time.
 */
export function historyMessage(args: HistoryMessageArgs): MessagePayload {
  // A number as people write it, an order by its short id (the value of Older… keeps the subject as typed).
  const subject =
    args.kind === 'customer' ? (args.label ?? shortId(args.subject)) : shortId(formatPhone(args.subject));
  const showOrder = args.kind !== 'order';
  const shown = args.entries.slice(0, HISTORY_PAGE_SIZE);
  const more = args.entries.length > HISTORY_PAGE_SIZE;
  const blocks: KnownBlock[] = [
    header(`History of ${subject}${args.older ? ' (older)' : ''}`),
    section(
      shown.length > 0
        ? shown.map((entry) => historyLine(entry, showOrder)).join('\n')
        : `Nothing ${args.older ? 'older ' : ''}from Telegent Ops about ${escapeMrkdwn(subject)}.`,
    ),
  ];
  const oldest = shown.at(-1);
  if (more && oldest) {
    const value: HistoryPageValue = { subject: args.subject, before: oldest.cursor };
    blocks.push(
      actions([button({ text: 'Older…', actionId: ACTION.historyOlder, value: JSON.stringify(value) })]),
    );
  } else if (shown.length > 0) {
    blocks.push(context('That is everything this app recorded.'));
  }
  return message(`History of ${subject}`, blocks, args.sandbox);
}
