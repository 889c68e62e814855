import type { HomeView, KnownBlock } from '@slack/types';
import { formatPhone, statusWords } from '../operations/glossary.js';
import { orderTraits } from '../operations/registry.js';
import type { OrderRecord } from '../store/orders-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { actions, context, divider, header, sandboxBlocks, section } from './blocks.js';
import { escapeMrkdwn, fitItems, LIMITS } from './limits.js';
import { isPortIn, orderButtons } from './order-buttons.js';
import { needingActionFirst, orderLine } from './order-line.js';
import { decisionButtons } from './request-card.js';
import { operationTitle, requestLine, storedSummary, waitingLine } from './request-line.js';

export interface AppHomeArgs {
  userId: string;
  /** The user's open requests. */
  myRequests: readonly RequestRecord[];
  /** Pending requests this user may decide; null when the user is not an approver. */
  waitingForMe: readonly RequestRecord[] | null;
  /** Open orders the user asked for, and those of channels where a request of theirs is open. */
  openOrders: readonly OrderRecord[];
  /** For the age of what waits. */
  now: Date;
  sandbox?: boolean | undefined;
}

/** Most actionable first; each list keeps at most this many blocks so the others still show. */
const WAITING_MAX_BLOCKS = 40;
const MINE_MAX_BLOCKS = 20;

const NUMBERS_MAX = 15;

const REQUEST_STATE: Partial<Record<RequestRecord['status'], string>> = {
  pending_approval: 'waiting for approval',
  approved: 'approved, about to run',
  executing: 'running',
};

/** Every number named by an open request or order of these lists, with what is open on it (by number). */
function numbersWithOpenWork(args: AppHomeArgs): Array<[string, string[]]> {
  const byNumber = new Map<string, string[]>();
  const add = (numbers: readonly unknown[], what: string) => {
    for (const n of numbers) {
      if (typeof n !== 'string' || !n.startsWith('+')) continue;
      const list = byNumber.get(n) ?? [];
      if (!list.includes(what)) list.push(what);
      byNumber.set(n, list);
    }
  };
  for (const r of [...(args.waitingForMe ?? []), ...args.myRequests]) {
    const input = r.input as { phoneNumber?: unknown; numbers?: unknown };
    const named = [input.phoneNumber, ...(Array.isArray(input.numbers) ? input.numbers : [])];
    add(named, `${operationTitle(r.kind)} (${REQUEST_STATE[r.status] ?? r.status})`);
  }
  for (const o of args.openOrders)
    add(o.numbers, `${orderTraits(o.kind).label} order (${statusWords(o.status)})`);
  return [...byNumber.entries()].sort(([a], [b]) => a.localeCompare(b));
}

const more = (what: string) => (hidden: number) => context(`…and ${hidden} more ${what} not shown.`);

/** App Home: requests waiting for me (approvers), my open requests, open orders; ≤ 100 blocks. */
export function appHomeView(args: AppHomeArgs): HomeView {
  const blocks: KnownBlock[] = [...sandboxBlocks(args.sandbox), header('Telegent Ops')];
  const budget = () => LIMITS.homeBlocks - blocks.length;

  if (args.waitingForMe !== null) {
    blocks.push(section(`*Waiting for your approval* (${args.waitingForMe.length}, oldest first)`));
    if (args.waitingForMe.length === 0) blocks.push(context('Nothing to approve.'));
    else
      blocks.push(
        ...fitItems(
          args.waitingForMe,
          (r) => [waitingLine(r, args.now), decisionButtons(r, operationTitle(r.kind), storedSummary(r))],
          { maxBlocks: Math.min(WAITING_MAX_BLOCKS, budget() - 8) },
          more('request(s) waiting'),
        ),
      );
    blocks.push(divider());
  }

  blocks.push(section(`*Your open requests* (${args.myRequests.length})`));
  if (args.myRequests.length === 0) blocks.push(context('None. Type `/telegent help` to start one.'));
  else
    blocks.push(
      ...fitItems(
        args.myRequests,
        (r) => [requestLine(r)],
        { maxBlocks: Math.min(MINE_MAX_BLOCKS, budget() - 5) },
        more('request(s)'),
      ),
    );
  blocks.push(divider());

  const numbers = numbersWithOpenWork(args);
  if (numbers.length > 0) {
    const lines = numbers
      .slice(0, NUMBERS_MAX)
      .map(([number, what]) => `• *${escapeMrkdwn(formatPhone(number))}*: ${escapeMrkdwn(what.join(', '))}`);
    const hidden = numbers.length - NUMBERS_MAX;
    blocks.push(
      section(`*Numbers with open requests or orders* (${numbers.length})\n${lines.join('\n')}`),
      context(
        `${hidden > 0 ? `…and ${hidden} more. ` : ''}\`/telegent number &lt;number&gt;\` shows a number's card and what can be done with it.`,
      ),
      divider(),
    );
  }

  // Says exactly what it lists (orders you asked for, and those in channels where a request of yours is open),
  // and where the rest are: a channel's open orders may be others' and not listed here.
  blocks.push(
    section(`*Your open orders* (${args.openOrders.length})`),
    context(
      `${args.openOrders.length === 0 ? 'None. ' : ''}Orders you asked for, and the open orders of channels where a request of yours is open. \`/telegent orders\` in a channel lists all of its open orders.`,
    ),
  );
  if (args.openOrders.length > 0)
    blocks.push(
      ...fitItems(
        needingActionFirst(args.openOrders),
        (o) => [
          orderLine(o, { statusButton: false }),
          actions(orderButtons(o.orderId, { portIn: isPortIn(o.kind), status: o.status })),
        ],
        { maxBlocks: budget() },
        more('order(s)'),
      ),
    );

  return { type: 'home', blocks: blocks.slice(0, LIMITS.homeBlocks) };
}
