import { nextBusinessDay } from '../operations/fields/business-days.js';
import { carrierMessageWords, dayWords, shortId, statusWords } from '../operations/glossary.js';
import { orderTraits } from '../operations/registry.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { isSuccessfulOrderStatus } from '../telegent/order-status.js';
import { mention, messageLink, sandboxPrefix, slackTime } from './blocks.js';
import { batchCounts, batchesInOrder, batchesOf, batchLine } from './digest-batches.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { needsAction as orderNeedsAction } from './order-line.js';
import {
  actionNeeded,
  type Block,
  numbersText,
  packLines,
  SANDBOX_NOTE,
  SLACK_LIMITS,
  type SlackMessage,
} from './order-messages.js';
import { statusEmoji } from './status-emoji.js';
import { whoWhySuffix } from './who-why.js';

export interface DigestInput {
  channelId: string;
  /** The channel's local date ('YYYY-MM-DD') and subscription. */
  localDate: string;
  localTime: string;
  timeZone: string;
  now: Date;
  /** Every open order of the channel (all kinds). */
  open: OrderRecord[];
  /** Orders of the channel closed in the last 24 h (all kinds). */
  closedSince: OrderRecord[];
  /**
   * Every order of the requests named by `open` and `closedSince` (a batch's numbers finished earlier too): a
   * request with several port-ins (a business's numbers) is one line, "Acme · 40 numbers: 31 complete, …".
   */
  requestOrders?: OrderRecord[] | undefined;
  /** The Telegent account the channel is bound to (distributors), by name. */
  account?: { id: string; name: string | null } | null | undefined;
  /**
   * Requesters by Slack user id → the name Slack shows. A digest read every morning must not ping each
   * requester for each open port-in; a requester whose name is unknown is still named, by mention.
   */
  requesterNames?: ReadonlyMap<string, string> | undefined;
  sandbox: boolean;
}

/** Pipeline order for the "open by status" groups; unknown statuses follow alphabetically. */
const STATUS_ORDER = [
  'Pending',
  'Submitted',
  'InProgress',
  'Processing',
  'Updated',
  'Pending Carrier Approval',
  'Approved',
  'Scheduled',
];
/** The carrier refused (fixable), or the order failed: someone has to act. */
const NEEDS_ACTION = { test: (status: string) => orderNeedsAction({ status }) };
const PER_GROUP = 5;
const PER_CLOSED_LIST = 10;

const DAY_MS = 86_400_000;

/**
 * How long a port-in has been open, in days once it is a day old ("open 4 days"), closer before ("opened
 * just now", "opened 25 min ago", "opened 3 h ago"); a closed one says how long it took ("took 4 days").
 */
function age(order: Pick<OrderRecord, 'createdAt' | 'closedAt'>, now: Date): string {
  const end = order.closedAt ?? now;
  const ms = Math.max(0, end.getTime() - order.createdAt.getTime());
  const days = Math.floor(ms / DAY_MS);
  if (order.closedAt) return days < 1 ? 'took under a day' : `took ${count(days, 'day')}`;
  if (days >= 1) return `open ${count(days, 'day')}`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'opened just now';
  if (minutes < 60) return `opened ${minutes} min ago`;
  return `opened ${Math.round(minutes / 60)} h ago`;
}

/** "1 port-in", "3 port-ins". */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The order's numbers, linked to its thread in the channel (the story of the request), then whom and why. */
function linkedNumbers(order: OrderRecord): string {
  return `${messageLink(order.channelId, order.threadTs, numbersText(order.numbers, 2))}${whoWhySuffix(order, { reasonMax: 60 })}`;
}

/**
 * "• (512) 555-0123 — J. Doe · Acme · ZD-4821 · *In progress* · @maya · open 3 days · port date Wed, Dec 2 ·
 * `JNUOID-…`": per port-in what a manager asks (which customer, which ticket, whose, how long, when it ports).
 * `lead` replaces the port date where the line starts with the day (porting soon), so the day is said once;
 * `status` is left out where the list's heading says it.
 */
/** What every line needs: the clock (days open) and how to name a requester. */
interface LineContext {
  now: Date;
  requester: (userId: string) => string;
}

function orderLine(
  order: OrderRecord,
  { now, requester }: LineContext,
  options: { lead?: string; status?: boolean } = {},
): string {
  const parts = [
    options.lead,
    linkedNumbers(order),
    options.status === false ? undefined : `*${escapeMrkdwn(statusWords(order.status))}*`,
    requester(order.requestedBy),
    age(order, now),
    !options.lead && order.portInDate ? `port date ${dayWords(order.portInDate)}` : undefined,
    `\`${escapeMrkdwn(shortId(order.orderId))}\``,
  ];
  return `• ${parts.filter(Boolean).join(' · ')}`;
}

function needsActionLine(order: OrderRecord, { now, requester }: LineContext): string {
  const words = carrierMessageWords(order.statusMessage);
  const message = words ? ` — ${escapeMrkdwn(words)}` : '';
  const action =
    actionNeeded(order.orderId, order.statusMessage) ??
    (order.closedAt
      ? '*Next step:* once the customer has sorted it out with their carrier, start a new port-in with `/telegent portin <number>`.'
      : `*Next step:* check \`/telegent status ${order.orderId}\`, then fix it with \`/telegent portin update ${order.orderId}\`.`);
  const port = order.portInDate ? ` · port date ${dayWords(order.portInDate)}` : '';
  return (
    `${statusEmoji(order.status)} ${linkedNumbers(order)} · *${escapeMrkdwn(statusWords(order.status))}*${message} · ` +
    `${requester(order.requestedBy)} · ${age(order, now)}${port}\n      ${action}`
  );
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

/**
 * "\nOther orders: 1 provision open; in the last 24 h 2 provisions done and 1 port-out PIN issued." (zeros left
 * out). A port-out order issues a PIN the customer takes to their new carrier: no customer is lost yet.
 */
function otherOrders(
  provisioning: { open: number; done: number },
  portouts: { open: number; done: number },
): string {
  const open = [
    provisioning.open > 0 ? `${count(provisioning.open, 'provision')} open` : undefined,
    portouts.open > 0 ? `${count(portouts.open, 'port-out PIN')} being issued` : undefined,
  ].filter(Boolean);
  const done = [
    provisioning.done > 0 ? `${count(provisioning.done, 'provision')} done` : undefined,
    portouts.done > 0 ? `${count(portouts.done, 'port-out PIN')} issued` : undefined,
  ].filter(Boolean);
  if (open.length === 0 && done.length === 0) return '';
  const parts = [
    open.length > 0 ? open.join(' and ') : undefined,
    done.length > 0 ? `in the last 24 h ${done.join(' and ')}` : undefined,
  ].filter(Boolean);
  return `\nOther orders: ${parts.join('; ')}.`;
}

/** A day with nothing open and nothing finished: one line (and the account and sandbox notes, if any). */
function emptyDay(input: DigestInput): SlackMessage {
  const line = `${sandboxPrefix(input.sandbox)}Port-in digest · ${dayWords(input.localDate)}: nothing open, nothing completed or cancelled in the last 24 h.`;
  const notes = [
    ...(input.account
      ? [
          `Account: ${input.account.name ? `${escapeMrkdwn(input.account.name)} ` : ''}\`${escapeMrkdwn(input.account.id)}\``,
        ]
      : []),
    ...(input.sandbox ? [SANDBOX_NOTE] : []),
  ];
  return {
    text: line,
    blocks: [
      section(`:white_check_mark: ${line}`),
      ...(notes.length > 0
        ? [{ type: 'context' as const, elements: notes.map((text) => ({ type: 'mrkdwn' as const, text })) }]
        : []),
    ],
  };
}
const divider: Block = { type: 'divider' };

/**
 * The daily port-in digest of one channel: counts first, then the port-ins that need someone (Error /
 * Rejected with the carrier code explained and the fixing command), open port-ins by status with age and
 * port date, and what completed or was cancelled in the last 24 h. However many orders there are, it stays
 * within Slack's limits (≤ 50 blocks, ≤ 3000 characters a section): lists are cut with "…and N more".
 */
export function digestMessage(input: DigestInput): SlackMessage {
  const { now } = input;
  const line: LineContext = {
    now,
    requester: (userId) => {
      const name = input.requesterNames?.get(userId);
      return name ? escapeMrkdwn(oneLine(name, 60)) : mention(userId);
    },
  };
  // The counts are of every port-in; the lists show a batch's port-ins as the batch's one line.
  const allOpen = input.open.filter((o) => orderTraits(o.kind).portIn);
  const allClosed = input.closedSince.filter((o) => orderTraits(o.kind).portIn);
  const batches = batchesOf(input.requestOrders ?? []);
  const single = (o: OrderRecord) => !o.requestId || !batches.has(o.requestId);
  const shownBatches = batchesInOrder(
    [...batches]
      .filter(([id]) => [...allOpen, ...allClosed].some((o) => o.requestId === id))
      .map(([, batch]) => batch),
  );
  const portins = allOpen.filter(single);
  const closedPortins = allClosed.filter(single);
  const needsAction = [
    ...portins.filter((o) => NEEDS_ACTION.test(o.status)),
    ...closedPortins.filter((o) => NEEDS_ACTION.test(o.status)),
  ];
  // The header counts what the lines say: the single port-ins needing action and each batch line's count.
  const needsActionCount =
    needsAction.length + shownBatches.reduce((sum, batch) => sum + batchCounts(batch).action, 0);
  // Port-ins whose port date is today or the next business day come first: the customer is about to move.
  const nextDay = nextBusinessDay(input.localDate);
  const portingSoon = portins
    .filter(
      (o) => !NEEDS_ACTION.test(o.status) && (o.portInDate === input.localDate || o.portInDate === nextDay),
    )
    .sort((a, b) => (a.portInDate ?? '').localeCompare(b.portInDate ?? ''));
  const waiting = portins.filter((o) => !NEEDS_ACTION.test(o.status) && !portingSoon.includes(o));
  const completed = closedPortins.filter((o) => isSuccessfulOrderStatus(o.status));
  const cancelled = closedPortins.filter((o) => /^cancel/i.test(o.status));
  const completedCount = allClosed.filter((o) => isSuccessfulOrderStatus(o.status)).length;
  const cancelledCount = allClosed.filter((o) => /^cancel/i.test(o.status)).length;
  const countOf = (kind: OrderRecord['kind']) => ({
    open: input.open.filter((o) => o.kind === kind).length,
    done: input.closedSince.filter((o) => o.kind === kind && isSuccessfulOrderStatus(o.status)).length,
  });
  const provisioning = countOf('provision');
  const portouts = countOf('portout');
  if (
    allOpen.length === 0 &&
    allClosed.length === 0 &&
    provisioning.open + provisioning.done + portouts.open + portouts.done === 0
  )
    return emptyDay(input);

  const blocks: Block[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: `${sandboxPrefix(input.sandbox)}Port-in digest · ${dayWords(input.localDate)}`,
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `<#${input.channelId}> every day at ${slackTime(now)} · turn it off with \`/telegent digest off\``,
        },
        ...(input.account
          ? [
              {
                type: 'mrkdwn' as const,
                text: `Account: ${input.account.name ? `${escapeMrkdwn(input.account.name)} ` : ''}\`${escapeMrkdwn(input.account.id)}\``,
              },
            ]
          : []),
        ...(input.sandbox ? [{ type: 'mrkdwn' as const, text: SANDBOX_NOTE }] : []),
      ],
    },
    // The counts as sentences: read at a glance, not decoded from "need action: 0 · cancelled (24 h): 0".
    section(
      `*${count(allOpen.length, 'open port-in')}*, ${
        needsActionCount === 0
          ? 'none needing action'
          : `${needsActionCount} ${needsActionCount === 1 ? 'needs' : 'need'} action`
      }. In the last 24 h: ${completedCount} completed, ${cancelledCount} cancelled.${otherOrders(provisioning, portouts)}`,
    ),
  ];

  if (shownBatches.length > 0) {
    blocks.push(
      divider,
      section(`:package: *Port-ins of several numbers (${shownBatches.length})*`),
      ...packLines(
        shownBatches.map((batch) => batchLine(batch, { requester: line.requester, age: (o) => age(o, now) })),
        2,
        (n) => `…and ${n} more: /telegent orders lists their numbers`,
      ),
    );
  }

  if (needsAction.length > 0) {
    blocks.push(
      divider,
      section(`:rotating_light: *Needs action (${needsAction.length})*`),
      ...packLines(
        needsAction.map((o) => needsActionLine(o, line)),
        4,
        (n) => `…and ${n} more needing action: /telegent orders lists them`,
      ),
    );
  }

  if (portingSoon.length > 0) {
    blocks.push(
      divider,
      section(`:calendar: *Porting today or next business day (${portingSoon.length})*`),
      ...packLines(
        portingSoon.map((o) =>
          orderLine(o, line, {
            lead: o.portInDate === input.localDate ? '*today*' : `*${dayWords(o.portInDate!)}*`,
          }),
        ),
        2,
        (n) => `…and ${n} more porting soon: /telegent orders lists them`,
      ),
    );
  }

  if (waiting.length > 0) {
    const groups = new Map<string, OrderRecord[]>();
    for (const order of waiting) {
      const words = statusWords(order.status);
      groups.set(words, [...(groups.get(words) ?? []), order]);
    }
    const rank = (s: string) => {
      const i = STATUS_ORDER.findIndex((known) => statusWords(known) === s);
      return i < 0 ? STATUS_ORDER.length : i;
    };
    const statuses = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const lines: string[] = [];
    for (const status of statuses) {
      const list = (groups.get(status) ?? []).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      lines.push(`${statusEmoji(status)} *${escapeMrkdwn(status)}* (${list.length})`);
      lines.push(...list.slice(0, PER_GROUP).map((o) => orderLine(o, line, { status: false })));
      if (list.length > PER_GROUP)
        lines.push(`   _…and ${list.length - PER_GROUP} more ${escapeMrkdwn(status)}_`);
    }
    blocks.push(
      divider,
      section(`*Open port-ins by status (${waiting.length})*`),
      ...packLines(lines, 6, (n) => `…and ${n} more lines: /telegent orders lists every open order`),
    );
  } else if (needsAction.length === 0 && portingSoon.length === 0 && shownBatches.length === 0) {
    blocks.push(divider, section('No open port-ins. :tada:'));
  }

  for (const [title, list] of [
    ['Completed in the last 24 h', completed],
    ['Cancelled in the last 24 h', cancelled],
  ] as const) {
    if (list.length === 0) continue;
    const lines = list.slice(0, PER_CLOSED_LIST).map((o) => orderLine(o, line, { status: false }));
    if (list.length > PER_CLOSED_LIST) lines.push(`_…and ${list.length - PER_CLOSED_LIST} more_`);
    blocks.push(
      divider,
      section(`*${title} (${list.length})*`),
      ...packLines(lines, 1, (n) => `…and ${n} more`),
    );
  }

  // Belt and braces: never exceed Slack's block count, whatever the sections above produced.
  if (blocks.length > SLACK_LIMITS.blocks) {
    blocks.length = SLACK_LIMITS.blocks - 1;
    blocks.push(section('_…cut to fit Slack: /telegent orders lists every open order_'));
  }
  return {
    text:
      `${sandboxPrefix(input.sandbox)}Port-in digest ${dayWords(input.localDate)}: ${allOpen.length} open, ` +
      `${needsActionCount} need action, ${completedCount} completed in the last 24 h`,
    blocks,
  };
}
