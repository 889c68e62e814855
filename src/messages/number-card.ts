import type { KnownBlock } from '@slack/types';
import {
  dateWords,
  dayWords,
  formatPhone,
  messageTypeWords,
  shortId,
  statusWords,
} from '../operations/glossary.js';
import { simTail } from '../operations/personal-data.js';
import { LINE_CHANGE_OPERATIONS, orderTraits } from '../operations/registry.js';
import type { HistoryEntry } from '../store/history-repo.js';
import type { OrderRecord } from '../store/orders-repo.js';
import type {
  DataUsageInfo,
  DataUsageSettings,
  NumberRecord,
  Subscriber,
} from '../telegent/response-schemas.js';
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
import { ACTION } from './ids.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { endPlanButton, type LinePlan, planButton, planText } from './line-plan.js';
import { productLine } from './number-details.js';
import { describeThresholds } from './thresholds.js';

export interface NumberCardArgs {
  number: NumberRecord;
  /** Null: no subscriber is bound; undefined: it could not be read. */
  subscriber: Subscriber | null | undefined;
  usage?: { info: DataUsageInfo; settings: DataUsageSettings } | undefined;
  /** Open orders this app watches for the number, with a link to each one's thread when known. */
  openOrders: Array<{ order: OrderRecord; link?: string | undefined }>;
  /** The newest entries of the number's history (ours and the carrier's). */
  history: HistoryEntry[];
  /** Route labels by id as the pickers list them ("Main SIP Trunk · Trunk"); the card shows a short id otherwise. */
  routeNames?: ReadonlyMap<string, string> | undefined;
  sandbox?: boolean | undefined;
  /** The line's plan (subscription); absent or `hidden` when plans are not enabled for the account. */
  plan?: LinePlan | undefined;
}

const safe = (v: string | null | undefined, fallback = '—') => (v ? escapeMrkdwn(oneLine(v, 200)) : fallback);
const yesNo = (v: boolean | null | undefined) => (v === true ? 'on' : v === false ? 'off' : 'unknown');
const SAFE_URL = /^https:\/\/[^\s|<>]+$/;

/** The statuses where a port-out PIN or data limits still mean something. */
const LIVE = ['Active', 'Parked', 'Suspended', 'Inactive'];

function subscriberLine(s: Subscriber | null | undefined, id: string | null | undefined): string {
  if (s === null)
    return ':warning: no subscriber: Telegent wants every number bound to one (Update… binds one)';
  if (!s) return id ? `${safe(shortId(id))} (details could not be read)` : '—';
  const name = s.Name?.trim() ? safe(s.Name) : 'no name';
  return s.Email ? `${name} — ${safe(s.Email)}` : name;
}

function dataLine(args: NumberCardArgs): string {
  const info = args.usage?.info.PhoneNumbers[0];
  const settings = args.usage?.settings.PhoneNumbers[0];
  if (!args.usage) return 'could not be read';
  const used = info?.Used ? `${safe(info.Used)} used` : 'usage unknown';
  return `${used} · ${escapeMrkdwn(describeThresholds(settings))}`;
}

function buttons(n: NumberRecord, plan?: LinePlan): KnownBlock[] {
  const status = n.Status ?? '';
  const value = n.Number;
  const lineChanges = LINE_CHANGE_OPERATIONS.filter((op) => op.lineChange.from.includes(status)).map((op) =>
    button({
      text: op.lineChange.button,
      actionId: ACTION.numberButton(op.kind),
      value,
      ...(op.lineChange.final ? { style: 'danger' as const } : {}),
    }),
  );
  const live = LIVE.includes(status)
    ? [
        button({ text: 'Update…', actionId: ACTION.numberUpdate, value }),
        button({ text: 'Port-out PIN…', actionId: ACTION.numberButton('portout'), value }),
        button({ text: 'Limits…', actionId: ACTION.numberButton('limits'), value }),
        ...[planButton(plan, value)].filter((b) => b !== undefined),
      ]
    : [];
  // AI Guardian (block / allow callers and texters): the protection card, which says so if no one owns the line.
  const protect = LIVE.includes(status)
    ? [button({ text: 'Protect…', actionId: ACTION.protect, value })]
    : [];
  const endPlan = [endPlanButton(plan, n.Status, value)].filter((b) => b !== undefined);
  const all = [...lineChanges, ...live, ...protect, ...endPlan];
  return all.length > 0 ? [actions(all, `number-card:${value}`)] : [];
}

/** "Plan" beside the other fields; no field at all when plans are not enabled for the account. */
function planField(plan: LinePlan | undefined): Array<[string, string]> {
  const text = planText(plan);
  return text ? [['Plan', text]] : [];
}

/**
 * A route as the pickers label it, without a type the name already says: "Main SIP Trunk · Trunk" → "Main SIP
 * Trunk", while "Main SMS · Webhook" keeps its type.
 */
function routeWords(label: string): string {
  const [name = label, type] = label.split(' · ');
  return type && !name.toLowerCase().includes(type.trim().toLowerCase()) ? label : name;
}

/**
 * `/telegent number <+1…>`: one ephemeral card answering a ticket at a glance, with the actions that make
 * sense for the number's status. The SIM shows its last four digits only.
 */
export function numberCard(args: NumberCardArgs): MessagePayload {
  const n = args.number;
  const route = (id: string | null | undefined) => {
    const label = id ? args.routeNames?.get(id) : undefined;
    if (label) return safe(routeWords(label));
    return id ? `\`${safe(shortId(id))}\` (name not found)` : 'none';
  };
  const blocks: KnownBlock[] = [
    header(`${formatPhone(n.Number)} · ${n.Status ?? 'status unknown'}`),
    fieldsSection([
      ['Product', safe(productLine(n))],
      [
        'Messaging / voice',
        `messaging ${yesNo(n.MessageEnabled)}${n.MessageType ? ` (${safe(messageTypeWords(n.MessageType))})` : ''}, voice ${yesNo(n.VoiceEnabled)}`,
      ],
      ['Routes', `message ${route(n.MessageRouteId)}\nvoice ${route(n.VoiceRouteId)}`],
      ['SIM', n.Iccid ? escapeMrkdwn(simTail(n.Iccid)) : 'none'],
      [
        'SIM swaps left',
        n.SwapsRemaining === undefined || n.SwapsRemaining === null
          ? 'unknown'
          : `${n.SwapsRemaining}${n.NextSwapResetDate ? ` (more from ${safe(dayWords(n.NextSwapResetDate.slice(0, 10)))})` : ''}`,
      ],
      ['Subscriber', subscriberLine(args.subscriber, n.AssignedSubscriberId)],
      ['Data', dataLine(args)],
      ['Purchased', n.OriginalDatePurchased ? safe(dateWords(n.OriginalDatePurchased)) : '—'],
      ...planField(args.plan),
    ]),
  ];
  const orders = args.openOrders.map(({ order, link }) => {
    const label = orderTraits(order.kind).label;
    const id =
      link && SAFE_URL.test(link)
        ? `<${link}|${escapeMrkdwn(shortId(order.orderId))}>`
        : `\`${escapeMrkdwn(shortId(order.orderId))}\``;
    return `• ${escapeMrkdwn(label)} ${id}: ${safe(statusWords(order.status))}`;
  });
  blocks.push(section(`*Open orders*\n${orders.length > 0 ? orders.join('\n') : 'none'}`));
  const history = args.history.map((entry) => historyLine(entry, true));
  blocks.push(
    section(`*Recent history*\n${history.length > 0 ? history.join('\n') : 'nothing from this app yet'}`),
  );
  const actionsBlock = buttons(n, args.plan);
  blocks.push(...actionsBlock);
  if (actionsBlock.length === 0)
    blocks.push(
      context(
        `Nothing can be changed from Slack while the number is ${safe(n.Status, 'of unknown status')}.`,
      ),
    );
  return message(`${formatPhone(n.Number)}: ${n.Status ?? 'status unknown'}`, blocks, args.sandbox);
}
