import type { AppContext } from '../app-context.js';
import { section } from '../messages/blocks.js';
import { type Decision, decidedCard } from '../messages/decided-card.js';
import { type ExecutionStatus, executionOutcomeMessage } from '../messages/execution-outcome-message.js';
import { escapeMrkdwn, oneLine } from '../messages/limits.js';
import { orderRootMessage } from '../messages/order-messages.js';
import { requestCard } from '../messages/request-card.js';
import { operationTitle, storedSummary } from '../messages/request-line.js';
import { requestStoryMessage, type StoryStep } from '../messages/request-story.js';
import { revealedSecretMessage } from '../messages/revealed-secret-message.js';
import type { RevealedSecret } from '../operations/operation.js';
import { customerShortName, type ExecutionOutcome } from '../requests/index.js';
import type { OrderRecord } from '../store/orders-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { EVENT_TYPES, messageMetadata } from './message-metadata.js';

function describe(request: RequestRecord) {
  return { title: operationTitle(request.kind), summary: storedSummary(request) };
}

/** Posting is best effort after the state change is stored: a Slack failure is logged, never undoes it. */
async function attempt<T>(ctx: AppContext, what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    ctx.logger.warn({ err: { message: (error as Error).message }, what }, 'Slack call failed');
    return undefined;
  }
}

/**
 * The approval card (approvals channel, else the requester's) and, in the requester's channel, the request's
 * one message (its story: what and which number, waiting for approval, a link to the card), recorded on the
 * request so every later step edits it and threads under it. Without an approvals channel the card itself,
 * posted in the requester's channel, is that message. False when Slack would not take the card: the request
 * stays pending and approvers still find it in App Home, so the caller says so instead of failing; the story
 * is still posted (saying so), so the channel hears of the request and later steps have a message to edit.
 */
export async function announcePendingRequest(ctx: AppContext, request: RequestRecord): Promise<boolean> {
  const { title, summary } = describe(request);
  const channel = ctx.approvalsChannelId ?? request.channelId;
  const bound = await ctx.store.channelAccounts.get(request.channelId);
  const accountName = bound?.accountId === request.accountId ? bound.accountName : null;
  const card = requestCard({ request, title, summary, accountName, sandbox: ctx.sandbox });
  const posted = await attempt(ctx, 'approval card', () =>
    ctx.notify.post(channel, card, {
      metadata: messageMetadata(EVENT_TYPES.approvalCard, { request_id: request.id }),
    }),
  );
  const carded = Boolean(posted?.ts);
  if (posted?.ts) {
    await ctx.store.requests.setCard(request.id, posted.channel, posted.ts);
    const cardIsStory = posted.channel === request.channelId;
    if (cardIsStory) await ctx.store.requests.setStory(request.id, posted.ts);
    // A decision that landed while the card was being posted could not edit it: do it now.
    const current = await ctx.store.requests.get(request.id);
    if (current && current.status !== 'pending_approval') {
      await announceDecision(ctx, current, decisionOf(current.status), current.approver, {
        cardHasButtons: true,
      });
    }
    if (cardIsStory) return true;
  }
  const permalink = posted?.ts
    ? await attempt(ctx, 'chat.getPermalink', () => ctx.notify.permalink(posted.channel, posted.ts))
    : null;
  const story = requestStoryMessage({
    request,
    title,
    summary,
    step: 'waiting',
    permalink,
    cardRefused: !carded,
    sandbox: ctx.sandbox,
  });
  const storyPost = await attempt(ctx, 'request story', () =>
    ctx.notify.post(request.channelId, story, {
      metadata: messageMetadata(EVENT_TYPES.requestStory, { request_id: request.id }),
    }),
  );
  if (storyPost?.ts) {
    await ctx.store.requests.setStory(request.id, storyPost.ts);
    // A decision that landed while the story was being posted could not edit it: do it now. Should the request
    // even have run meanwhile (its outcome went elsewhere, with no story to edit), the story still must not
    // say "waiting" with a live Nudge button: it says approved, and the outcome is in the card's thread.
    const now = await ctx.store.requests.get(request.id);
    if (now && now.status !== 'pending_approval')
      await tellStory(ctx, now, decisionOf(now.status), now.approver, { evenIfItRan: true });
  }
  return carded;
}

/**
 * Without an approvals channel the approval card, in the requester's channel, is the request's one message:
 * the card's own edits (buttons → who decided) tell its story until the request runs, when the outcome or
 * the order's status takes the message over.
 */
function cardIsStory(request: RequestRecord): boolean {
  return (
    request.storyTs !== null &&
    request.storyTs === request.cardTs &&
    request.cardChannelId === request.channelId
  );
}

/**
 * An approval announced after the request already ran (a late or replayed announcement): its outcome, or its
 * order's status, owns the request's message now, so "approved" must not be written over it.
 */
function ranAlready(request: RequestRecord, decision: Decision): boolean {
  return decision === 'approved' && !['approved', 'executing'].includes(request.status);
}

const STORY_STEP: Record<Decision, StoryStep> = {
  approved: 'approved',
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
};

/** Edits the request's message in its channel to where the request stands (no-op without one). */
async function tellStory(
  ctx: AppContext,
  request: RequestRecord,
  decision: Decision,
  by: string | null,
  options: { evenIfItRan?: boolean } = {},
): Promise<void> {
  // The card is the story: the card's own edit already told this step.
  if (!request.storyTs || cardIsStory(request)) return;
  if (ranAlready(request, decision) && !options.evenIfItRan) return;
  const { title, summary } = describe(request);
  const story = requestStoryMessage({
    request,
    title,
    summary,
    step: STORY_STEP[decision],
    by,
    sandbox: ctx.sandbox,
  });
  await attempt(ctx, 'story update', () =>
    ctx.notify.update(
      request.channelId,
      request.storyTs!,
      story,
      messageMetadata(EVENT_TYPES.requestStory, { request_id: request.id }),
    ),
  );
}

/**
 * One approval of several landed: the card shows where the request stands ("1 of 2 approved by @x") and keeps
 * its buttons. Should the decision have landed meanwhile (the Nth approval, a rejection, the expiry) this
 * edit may have overwritten the decided card, so the request is read again and the decision re-applied.
 */
export async function announceApprovalProgress(ctx: AppContext, request: RequestRecord): Promise<void> {
  if (!request.cardChannelId || !request.cardTs) return;
  const { title, summary } = describe(request);
  const bound = await ctx.store.channelAccounts.get(request.channelId);
  const accountName = bound?.accountId === request.accountId ? bound.accountName : null;
  const card = requestCard({ request, title, summary, accountName, sandbox: ctx.sandbox });
  await attempt(ctx, 'card progress', () =>
    ctx.notify.update(
      request.cardChannelId!,
      request.cardTs!,
      card,
      messageMetadata(EVENT_TYPES.approvalCard, { request_id: request.id }),
    ),
  );
  const current = await ctx.store.requests.get(request.id);
  if (current && current.status !== 'pending_approval') {
    await announceDecision(ctx, current, decisionOf(current.status), current.approver, {
      cardHasButtons: true,
    });
  }
}

/** The request's message in its channel edited into its order's root (status, buttons; the thread follows it). */
async function showOrderRoot(ctx: AppContext, order: OrderRecord, ts: string, what: string): Promise<void> {
  await attempt(ctx, what, () =>
    ctx.notify.update(
      order.channelId,
      ts,
      orderRootMessage(order, { sandbox: ctx.sandbox, actions: true }),
      messageMetadata(EVENT_TYPES.order, { order_id: order.orderId }),
    ),
  );
}

/**
 * A request that already ran, on its message in the requester's channel: its order's root (the order's
 * thread carries the rest), else its outcome as stored (status and error).
 */
async function showWhatItRanTo(ctx: AppContext, request: RequestRecord): Promise<void> {
  if (!request.storyTs) return;
  const order = await ctx.store.orders.getByRequest(request.id);
  if (order) return showOrderRoot(ctx, order, request.storyTs, 'story back to its order');
  const ran = RAN_TO[request.status];
  if (!ran) return;
  const { title, summary } = describe(request);
  await attempt(ctx, 'story back to its outcome', () =>
    ctx.notify.update(
      request.channelId,
      request.storyTs!,
      executionOutcomeMessage({ title, status: ran, summary, error: request.error, sandbox: ctx.sandbox }),
      messageMetadata(EVENT_TYPES.requestStory, { request_id: request.id }),
    ),
  );
}

const RAN_TO: Partial<Record<RequestRecord['status'], ExecutionStatus>> = {
  succeeded: 'succeeded',
  failed: 'failed',
  unknown: 'unknown',
};

function decisionOf(status: RequestRecord['status']): Decision {
  if (status === 'rejected' || status === 'expired' || status === 'cancelled') return status;
  return 'approved';
}

const DECISION_NOTICE: Partial<Record<Decision, string>> = {
  rejected: 'was rejected',
  expired: 'expired without a decision',
};

/**
 * Replaces the card's buttons with who decided and when; a rejection or expiry is also told to the
 * requester (in the thread of the request's message in their channel). `cardHasButtons`: the card may show
 * live buttons (posted or edited as the decision landed) and must lose them, even if the request ran meanwhile.
 */
export async function announceDecision(
  ctx: AppContext,
  request: RequestRecord,
  decision: Decision,
  by: string | null,
  options: { cardHasButtons?: boolean } = {},
): Promise<void> {
  const { title, summary } = describe(request);
  const cardOwnsItsMessage =
    !cardIsStory(request) || !ranAlready(request, decision) || options.cardHasButtons;
  if (request.cardChannelId && request.cardTs && cardOwnsItsMessage) {
    const card = decidedCard({
      request,
      title,
      summary,
      decision,
      by,
      at: request.decidedAt ?? ctx.now(),
      reason: request.decisionReason,
      sandbox: ctx.sandbox,
    });
    await attempt(ctx, 'card update', () =>
      ctx.notify.update(
        request.cardChannelId!,
        request.cardTs!,
        card,
        messageMetadata(EVENT_TYPES.approvalCard, { request_id: request.id }),
      ),
    );
    // The card is the request's message and the request ran meanwhile: that edit took the buttons away but
    // wrote over what it ran to, which the message must show again.
    if (cardIsStory(request) && ranAlready(request, decision)) await showWhatItRanTo(ctx, request);
  }
  await tellStory(ctx, request, decision, by);
  const notice = DECISION_NOTICE[decision];
  if (!notice) return;
  const reason = request.decisionReason
    ? ` Reason: ${escapeMrkdwn(oneLine(request.decisionReason, 500))}`
    : '';
  const text = `<@${request.requestedBy}> your ${title} request ${notice}${by ? ` (<@${by}>)` : ''}.${reason} Nothing was sent to Telegent.`;
  // In the request's thread (the requester is mentioned there), never a new top-level post.
  const threadTs = request.storyTs ?? (request.cardChannelId === request.channelId ? request.cardTs : null);
  await attempt(ctx, 'decision notice', () =>
    ctx.notify.post(request.channelId, { text, blocks: [section(text)] }, { threadTs }),
  );
}

/** What happened when a request ran, for the card thread, the channel and the submitter's modal. */
export function executionMessage(
  ctx: AppContext,
  execution: Exclude<ExecutionOutcome, { status: 'not_claimed' }>,
) {
  const { title, summary } = describe(execution.request);
  const order = execution.status === 'succeeded' ? execution.order : null;
  return executionOutcomeMessage({
    title,
    status: execution.status,
    orderId: order?.orderId,
    order: order ? { status: order.status, numbers: order.numbers } : null,
    customer: customerShortName(execution.request.input),
    summary,
    error: execution.status === 'succeeded' ? null : execution.error,
    hint:
      execution.status === 'failed'
        ? execution.hint
        : execution.status === 'unknown'
          ? execution.reconciliation.detail
          : undefined,
    channelId: execution.request.channelId,
    sandbox: ctx.sandbox,
  });
}

/**
 * After execution: the outcome in the card's thread; in the requester's channel the request's message becomes
 * the order's root (edited to its status; its thread then carries every status change) or shows the outcome,
 * with the outcome in its thread. A request without a message there (it ran at once, or its message could not
 * be posted) gets one now. A secret (PIN, temporary password) goes to the requester alone; stale picker lists
 * are dropped so the next form finds what was just created.
 */
export async function announceExecution(ctx: AppContext, execution: ExecutionOutcome): Promise<void> {
  if (execution.status === 'not_claimed' || !execution.request) return;
  const request = (await ctx.store.requests.get(execution.request.id)) ?? execution.request;
  const order = execution.status === 'succeeded' ? execution.order : null;
  const outcome = executionMessage(ctx, execution);
  // A card that is the request's message gets the outcome in its thread below, once.
  if (request.cardChannelId && request.cardTs && !cardIsStory(request)) {
    await attempt(ctx, 'card thread', () =>
      ctx.notify.post(request.cardChannelId!, outcome, { threadTs: request.cardTs }),
    );
  }
  const storyTs = request.storyTs;
  if (order) {
    if (storyTs) {
      // Stored with the order already (trackOrder), unless the story was recorded after the order was.
      if (order.threadTs !== storyTs) await ctx.store.orders.setThread(order.orderId, storyTs);
      await showOrderRoot(ctx, order, storyTs, 'story as order root');
      await attempt(ctx, 'outcome in the story', () =>
        ctx.notify.post(order.channelId, outcome, { threadTs: storyTs }),
      );
    } else {
      const posted = await attempt(ctx, 'order root', () =>
        ctx.notify.post(order.channelId, orderRootMessage(order, { sandbox: ctx.sandbox, actions: true }), {
          metadata: messageMetadata(EVENT_TYPES.order, { order_id: order.orderId }),
        }),
      );
      if (posted?.ts) await ctx.store.orders.setThread(order.orderId, posted.ts);
    }
  } else if (storyTs) {
    await attempt(ctx, 'story outcome', () =>
      ctx.notify.update(
        request.channelId,
        storyTs,
        outcome,
        messageMetadata(EVENT_TYPES.requestStory, { request_id: request.id }),
      ),
    );
    await attempt(ctx, 'outcome in the story', () =>
      ctx.notify.post(request.channelId, outcome, { threadTs: storyTs }),
    );
  } else if (request.cardChannelId !== request.channelId) {
    await attempt(ctx, 'outcome', () => ctx.notify.post(request.channelId, outcome));
  }
  if (execution.status === 'succeeded') {
    for (const list of execution.staleLists ?? []) ctx.pickers.forget(list);
    if (execution.revealToRequester) await revealToRequester(ctx, request, execution.revealToRequester);
  }
}

/** A DM to the requester (never a channel). If the DM cannot be opened, an ephemeral in their channel. */
async function revealToRequester(
  ctx: AppContext,
  request: RequestRecord,
  reveal: RevealedSecret,
): Promise<void> {
  const payload = revealedSecretMessage(reveal, ctx.sandbox);
  const sent = await attempt(ctx, 'secret DM', () => ctx.notify.dm(request.requestedBy, payload));
  if (sent) return;
  await attempt(ctx, 'secret ephemeral', () =>
    ctx.notify.ephemeral(request.channelId, request.requestedBy, payload),
  );
}
