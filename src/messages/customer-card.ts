import type { KnownBlock } from '@slack/types';
import { formatPhone, shortId, statusWords } from '../operations/glossary.js';
import { simTail } from '../operations/personal-data.js';
import type { HistoryEntry } from '../store/history-repo.js';
import type { OrderRecord } from '../store/orders-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import type { NumberRecord, Subscriber } from '../telegent/response-schemas.js';
import {
  actions,
  button,
  context,
  fieldsSection,
  header,
  type MessagePayload,
  message,
  section,
} from './blocks.js';
import { historyLine } from './history-line.js';
import { ACTION, inBlock } from './ids.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { type LinePlan, planText } from './line-plan.js';
import { orderLine } from './order-line.js';
import { requestLine } from './request-line.js';

/** One of the customer's lines: the number, and its record when Telegent could be read. */
export interface CustomerLine {
  number: string;
  record?: NumberRecord | undefined;
  /** The line's plan; absent or `hidden` when plans are not enabled for the account. */
  plan?: LinePlan | undefined;
}

export interface CustomerCardArgs {
  subscriber: Subscriber;
  lines: CustomerLine[];
  /** Lines beyond those read (a customer with very many). */
  moreLines: number;
  openRequests: RequestRecord[];
  openOrders: OrderRecord[];
  /** Ours and the carrier's, merged, newest first. */
  history: HistoryEntry[];
  sandbox?: boolean | undefined;
}

const safe = (v: string | null | undefined, fallback = '—') => (v ? escapeMrkdwn(oneLine(v, 200)) : fallback);

/** The subscriber's name as people read it, or their email when Telegent has no name. */
export function customerName(s: Pick<Subscriber, 'Name' | 'Email' | 'SubscriberId'>): string {
  return s.Name?.trim() || s.Email?.trim() || shortId(s.SubscriberId);
}

function lineText(line: CustomerLine): string {
  const r = line.record;
  if (!r) return `• ${escapeMrkdwn(formatPhone(line.number))} · could not be read`;
  const sim = r.Iccid ? `SIM ${escapeMrkdwn(simTail(r.Iccid))}` : 'no SIM';
  // Plans not enabled for the account: nothing about them at all.
  const text = planText(line.plan);
  const plan = !text ? '' : line.plan?.state === 'none' ? ' · no plan' : ` · plan: ${text}`;
  return `• ${escapeMrkdwn(formatPhone(line.number))} · ${safe(statusWords(r.Status), 'status unknown')} · ${sim}${plan}`;
}

/**
 * `/telegent customer …`: one ephemeral card (name and email are personal data: never in a channel): who, their
 * account, their lines, what is open for them, the last steps, and what can be done next.
 */
export function customerCard(args: CustomerCardArgs): MessagePayload {
  const s = args.subscriber;
  const account = s.Account?.CompanyName?.trim()
    ? `${safe(s.Account.CompanyName)}${s.Account.AccountId ? ` (\`${safe(shortId(s.Account.AccountId))}\`)` : ''}`
    : s.Account?.AccountId
      ? `\`${safe(shortId(s.Account.AccountId))}\``
      : 'none';
  const blocks: KnownBlock[] = [
    header(customerName(s)),
    fieldsSection([
      ['Email', safe(s.Email)],
      ['Account', account],
      ['Role', safe(s.Role)],
      ['Subscriber id', `\`${safe(s.SubscriberId)}\``],
    ]),
  ];
  const lines = args.lines.map(lineText);
  if (args.moreLines > 0) lines.push(`…and ${args.moreLines} more`);
  blocks.push(section(`*Lines*\n${lines.length > 0 ? lines.join('\n') : 'none yet'}`));
  if (args.openRequests.length + args.openOrders.length === 0) {
    blocks.push(section('*Open requests and orders*\nnone'));
  } else {
    blocks.push(section('*Open requests and orders*'));
    for (const request of args.openRequests.slice(0, 5)) blocks.push(requestLine(request));
    for (const order of args.openOrders.slice(0, 5)) blocks.push(orderLine(order));
  }
  const history = args.history.map((entry) => historyLine(entry, true));
  blocks.push(
    section(`*Recent history*\n${history.length > 0 ? history.join('\n') : 'nothing from this app yet'}`),
  );
  blocks.push(
    actions(
      [
        button({ text: 'New line…', actionId: ACTION.customerNewLine, value: s.SubscriberId }),
        button({ text: 'Port a number in…', actionId: ACTION.customerPortin, value: s.SubscriberId }),
      ],
      `customer:${s.SubscriberId}`,
    ),
  );
  const cards = args.lines.slice(0, 20).map((line, i) =>
    button({
      text: `${formatPhone(line.number)}…`,
      actionId: inBlock(ACTION.customerNumberCard, i),
      value: line.number,
    }),
  );
  if (cards.length > 0) {
    blocks.push(context('Open a line’s number card (Park…, Swap SIM…, Port-out PIN…, Limits…):'));
    blocks.push(actions(cards, `customer-lines:${s.SubscriberId}`));
    // Protect… per line: the line's AI Guardian card (block or allow callers and texters).
    blocks.push(context('Protect a line from spam calls and texts:'));
    blocks.push(
      actions(
        args.lines.slice(0, 20).map((line, i) =>
          button({
            text: `Protect ${formatPhone(line.number)}…`,
            actionId: inBlock(ACTION.protect, i),
            value: line.number,
          }),
        ),
        `customer-protect:${s.SubscriberId}`,
      ),
    );
  }
  return message(`${customerName(s)}: ${args.lines.length + args.moreLines} line(s)`, blocks, args.sandbox);
}

/** Several customers match: a short list, each with a button that shows their card. */
export function customerPickList(
  matches: readonly Subscriber[],
  query: string,
  sandbox?: boolean,
): MessagePayload {
  const shown = matches.slice(0, 10);
  const blocks: KnownBlock[] = [
    section(`${matches.length} customers match *${safe(query)}*. Which one?`),
    ...shown.map((s) =>
      section(
        `*${safe(customerName(s))}*${s.Email && s.Name?.trim() ? ` — ${safe(s.Email)}` : ''} · ${s.PhoneNumbers.length} line(s)`,
        { accessory: button({ text: 'Show', actionId: ACTION.customerShow, value: s.SubscriberId }) },
      ),
    ),
  ];
  if (matches.length > shown.length)
    blocks.push(context(`${matches.length - shown.length} more: type more of the name, or their email.`));
  return message(`${matches.length} customers match ${query}`, blocks, sandbox);
}

/** How to search, said when nothing matched or nothing was typed. */
export const CUSTOMER_SEARCH_HINT =
  'Search by email (`/telegent customer jane@example.com`), name (`/telegent customer Jane Doe`), one of their numbers (`/telegent customer +18015551234`) or their `TSUID-…`.';
export const CUSTOMERS_STILL_LOADING =
  'Still loading customers from Telegent — type the command again in a moment.';
