import { orderTraits } from '../operations/registry.js';
import { customerFullName, requestReason } from '../requests/request-context.js';
import type { CustomerNoticeRecord } from '../store/customer-notices-repo.js';
import type { LineSubscriptionRecord } from '../store/line-subscriptions-repo.js';
import type { OrderRecord } from '../store/orders-repo.js';
import type { RequestItemRecord } from '../store/request-items-repo.js';
import type { RequestStatus } from '../store/request-lifecycle.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { batchStoryMessage } from './batch-story.js';
import { type MessagePayload, section } from './blocks.js';
import { type Decision, decidedCard } from './decided-card.js';
import { type ExecutionStatus, executionOutcomeMessage } from './execution-outcome-message.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { orderRootMessage, type SlackMessage } from './order-messages.js';
import { requestCard } from './request-card.js';
import { operationTitle, requestItemWords, requestTitle, storedSummary } from './request-line.js';
import { requestStoryMessage, type StoryStep } from './request-story.js';
import { customerWords } from './who-why.js';

/** What is stored about a request that its messages show. */
export interface RequestState {
  request: RequestRecord;
  /** The order it created, once stored. */
  order: OrderRecord | null;
  /** The channel's bound account, by name, when the request is filed under it (distributors). */
  accountName: string | null;
  /** The text to the line (SIM swap, port-out PIN), once claimed or skipped; absent for other requests. */
  notice?: CustomerNoticeRecord | null | undefined;
  /** The new line's plan step, for a request that chose a plan. */
  plan?: LineSubscriptionRecord | null | undefined;
  /** Every line's plan step of a batch (3 new lines); when absent, `plan` alone. */
  plans?: readonly LineSubscriptionRecord[] | undefined;
  /** A batch's items (3 new lines), once it runs: the story lists what each got. */
  items?: readonly RequestItemRecord[] | undefined;
  /** Every order the request created (a batch: one per number): its open port-ins offer Cancel all…. */
  orders?: readonly OrderRecord[] | undefined;
}

/** What a message carries (its metadata says so): the approval card, the request's story, or its order's root. */
export type Shows = 'card' | 'story' | 'order';

export interface Drawing {
  message: MessagePayload | SlackMessage;
  shows: Shows;
}

/**
 * The thread lines a request owes, each posted once: the decision notice, the outcome (card's and story's), and
 * what became of the new line's plan when it did not go through.
 */
export type LineName = 'decision' | 'card-outcome' | 'story-outcome' | 'plan' | `plan-${number}`;

export interface Line {
  name: LineName;
  /** In the approval card's thread, or the story's (the card's, when the card is the story). */
  thread: 'card' | 'story';
  message: MessagePayload;
}

export interface RequestPicture {
  /** The approval card: null for a request that never waited for approval. */
  card: Drawing | null;
  /** The request's one message in the requester's channel; the card itself when the card is the story. */
  story: Drawing;
  /** Where the card is (or goes): the approvals channel, else the requester's. */
  cardChannel: string;
  /** The card is posted in the requester's channel: it is the story (one message, not two). */
  cardIsStory: boolean;
  lines: Line[];
}

export interface PictureOptions {
  /** APPROVALS_CHANNEL_ID (unset: cards go to the requester's channel). */
  approvalsChannelId?: string | undefined;
  /** chat.getPermalink of the card, for the waiting story ("open the approval request"). */
  cardPermalink?: string | null | undefined;
  sandbox: boolean;
}

const RAN: Partial<Record<RequestStatus, ExecutionStatus>> = {
  succeeded: 'succeeded',
  failed: 'failed',
  unknown: 'unknown',
};

const DECIDED: Partial<Record<RequestStatus, Decision>> = {
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
};

/** How a decision reads once made: every status past the approval but a refusal was an approval. */
const decisionOf = (status: RequestStatus): Decision => DECIDED[status] ?? 'approved';

/** Who decided: the approver (or rejecter), the requester who withdrew, nobody for an expiry. */
function decider(request: RequestRecord): string | null {
  if (request.status === 'cancelled') return request.requestedBy;
  if (request.status === 'expired') return null;
  return request.approver;
}

const STORY_STEP: Record<Decision, StoryStep> = {
  approved: 'approved',
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
};

const NOTICE: Partial<Record<RequestStatus, string>> = {
  rejected: 'was rejected',
  expired: 'expired without a decision',
};

/**
 * A request that waited for approval had a message before it ran, so its outcome is told in that message's
 * thread; one that ran at once is told by the message itself.
 */
const waitedForApproval = (request: RequestRecord) => request.expiresAt !== null;

/** What a request ran to, from what is stored (its status, error, read-back), for threads, channel and modal. */
export function requestOutcomeMessage(
  request: RequestRecord,
  order: OrderRecord | null,
  sandbox: boolean,
): MessagePayload {
  const status = RAN[request.status] ?? 'unknown';
  const reconciliation = (request.result as { reconciliation?: { detail?: unknown } } | null)?.reconciliation;
  const detail = typeof reconciliation?.detail === 'string' ? reconciliation.detail : undefined;
  return executionOutcomeMessage({
    title: requestTitle(request),
    status,
    orderId: order?.orderId,
    order: order ? { status: order.status, numbers: order.numbers } : null,
    // "J. Doe · Acme": the account as the order stored it (a channel may be rebound since).
    customer: customerWords({
      customerName: customerFullName(request.input),
      accountName: order?.accountName,
    }),
    reason: requestReason(request.input),
    summary: storedSummary(request),
    error: status === 'succeeded' ? null : request.error,
    hint: status === 'unknown' ? detail : undefined,
    channelId: request.channelId,
    sandbox,
  });
}

/** To the requester, in their request's thread: a refusal or an expiry (nothing was sent), for whom and why. */
function decisionNotice(request: RequestRecord, notice: string, accountName: string | null): MessagePayload {
  const by = request.approver && request.status === 'rejected' ? ` (<@${request.approver}>)` : '';
  const reason = request.decisionReason
    ? ` Reason: ${escapeMrkdwn(oneLine(request.decisionReason, 500))}`
    : '';
  const customer = customerWords({ customerName: customerFullName(request.input), accountName });
  const ticket = requestReason(request.input);
  const about = `${customer ? ` for ${escapeMrkdwn(customer)}` : ''}${ticket ? ` (${escapeMrkdwn(oneLine(ticket, 80))})` : ''}`;
  const text = `<@${request.requestedBy}> your ${operationTitle(request.kind)} request${about} ${notice}${by}.${reason} Nothing was sent to Telegent.`;
  return { text, blocks: [section(text)] };
}

/**
 * Everything a request shows in Slack, as a pure function of what is stored: the approval card (buttons while
 * pending, "1 of 2 approved" on the way, who decided after), the story in the requester's channel (waiting →
 * approved / rejected / expired / withdrawn → its outcome, or its order's root with the order's status), and
 * the thread lines it owes. Without an approvals channel the card is the story: it shows the decision, then
 * what the request ran to.
 */
export function requestPicture(state: RequestState, options: PictureOptions): RequestPicture {
  const { request, order, accountName } = state;
  const texted = state.notice;
  const { sandbox } = options;
  const title = requestTitle(request);
  const summary = storedSummary(request);
  const cardChannel = request.cardChannelId ?? options.approvalsChannelId ?? request.channelId;
  const cardIsStory = cardChannel === request.channelId;
  const pending = request.status === 'pending_approval';
  const ran = RAN[request.status];
  const decision = decisionOf(request.status);

  const cardFace: Drawing = {
    shows: 'card',
    message: pending
      ? requestCard({ request, title, summary, accountName, notice: texted, sandbox })
      : decidedCard({
          request,
          title,
          summary,
          decision,
          by: decider(request),
          at: request.decidedAt ?? (decision === 'expired' ? request.expiresAt : null) ?? request.updatedAt,
          reason: request.decisionReason,
          accountName,
          notice: texted,
          sandbox,
        }),
  };
  // Told item by item once any item is under way; a batch stopped before its first item (its preconditions
  // failed when it was about to be sent) is told like any request, with why.
  const batch =
    state.items && state.items.length > 1 && state.items.some((item) => item.status !== 'pending')
      ? state.items
      : null;
  const itemWords = batch ? requestItemWords(request, batch.length) : undefined;
  // Decided by the orders' traits, not the request's kind: any batch of port-ins offers Cancel all….
  const openPortIns = (state.orders ?? []).filter((o) => !o.closedAt && orderTraits(o.kind).portIn).length;
  // The batch's story, and its outcome line in threads (the line without Cancel all…).
  const batchStory = batch
    ? { request, title, summary, items: batch, itemWords, orders: state.orders, sandbox }
    : null;
  const ranFace: Drawing | null = batchStory
    ? { shows: 'story', message: batchStoryMessage({ ...batchStory, openPortIns }) }
    : order
      ? { shows: 'order', message: orderRootMessage(order, { sandbox, actions: true }) }
      : ran
        ? { shows: 'story', message: requestOutcomeMessage(request, null, sandbox) }
        : null;
  const storyFace: Drawing = {
    shows: 'story',
    message: requestStoryMessage({
      request,
      title,
      summary,
      step: pending ? 'waiting' : STORY_STEP[decision],
      accountName,
      by: decider(request),
      permalink: options.cardPermalink,
      cardRefused: pending && !request.cardTs,
      sandbox,
    }),
  };
  const waited = waitedForApproval(request);
  const card = waited ? (cardIsStory ? (ranFace ?? cardFace) : cardFace) : null;
  const story = cardIsStory && card ? card : (ranFace ?? storyFace);

  const lines: Line[] = [];
  const notice = NOTICE[request.status];
  if (notice)
    lines.push({ name: 'decision', thread: 'story', message: decisionNotice(request, notice, accountName) });
  if (ran) {
    const outcome = batchStory
      ? batchStoryMessage(batchStory)
      : requestOutcomeMessage(request, order, sandbox);
    if (!cardIsStory && request.cardTs)
      lines.push({ name: 'card-outcome', thread: 'card', message: outcome });
    if (waited) lines.push({ name: 'story-outcome', thread: 'story', message: outcome });
  }
  // One line per plan step that has something to say (a batch's second line is `plan-1`, and so on).
  for (const plan of state.plans ?? (state.plan ? [state.plan] : [])) {
    const planLine = planStepLine(plan);
    const name: LineName = plan.item > 0 ? `plan-${plan.item}` : 'plan';
    if (planLine) lines.push({ name, thread: 'story', message: planLine });
  }
  return { card, story, cardChannel, cardIsStory, lines };
}

/** The plan step ended without a subscription and has something to say (refused, not enabled, gave up). */
function planStepLine(plan: LineSubscriptionRecord | null | undefined): MessagePayload | null {
  if (!plan?.detail || !['refused', 'skipped', 'failed'].includes(plan.status)) return null;
  return { text: plan.detail, blocks: [section(plan.detail)] };
}
