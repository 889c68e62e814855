import type { KnownBlock } from '@slack/types';
import { formatPhone, shortId } from '../operations/glossary.js';
import type { TrailEntry } from '../store/audit-repo.js';
import type { HistoryPageValue } from './action-values.js';
import { trailLine } from './audit-trail.js';
import { actions, button, context, header, type MessagePayload, message, section } from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn } from './limits.js';

export const HISTORY_PAGE_SIZE = 10;

export interface HistoryMessageArgs {
  /** The number or OrderId asked about. */
  subject: string;
  /** Up to HISTORY_PAGE_SIZE + 1 entries, newest first: one more than shown means there are older ones. */
  entries: TrailEntry[];
  /** A later page (Older…): the first line says so. */
  older?: boolean;
  sandbox?: boolean | undefined;
}

/**
 * `/telegent history <+1…|OrderId>`: who asked, who approved, what Telegent answered, newest first, from the
 * audit log (redacted when written), a page at a time.
 */
export function historyMessage(args: HistoryMessageArgs): MessagePayload {
  // A number as people write it, an order by its short id (the value of Older… keeps the subject as typed).
  const subject = shortId(formatPhone(args.subject));
  const shown = args.entries.slice(0, HISTORY_PAGE_SIZE);
  const more = args.entries.length > HISTORY_PAGE_SIZE;
  const blocks: KnownBlock[] = [
    header(`History of ${subject}${args.older ? ' (older)' : ''}`),
    section(
      shown.length > 0
        ? shown.map(trailLine).join('\n')
        : `Nothing ${args.older ? 'older ' : ''}from Telegent Ops about ${escapeMrkdwn(subject)}.`,
    ),
  ];
  const oldest = shown.at(-1);
  if (more && oldest) {
    const value: HistoryPageValue = { subject: args.subject, before: oldest.id };
    blocks.push(
      actions([button({ text: 'Older…', actionId: ACTION.historyOlder, value: JSON.stringify(value) })]),
    );
  } else if (shown.length > 0) {
    blocks.push(context('That is everything this app recorded.'));
  }
  return message(`History of ${subject}`, blocks, args.sandbox);
}
