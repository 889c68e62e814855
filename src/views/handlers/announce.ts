import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import type { ExecutionOutcome } from '../../requests/index.js';
import { describeSlackError } from '../../slack/describe-slack-error.js';
import { EVENT_TYPES, messageMetadata } from '../../slack/message-metadata.js';
import type { RequestRecord } from '../../store/requests-repo.js';
import { section } from '../blocks.js';
import { escapeMrkdwn, oneLine } from '../limits.js';
import { type Decision, decidedCard } from '../messages/decided-card.js';
import { executionOutcomeMessage } from '../messages/execution-outcome-message.js';
import { portOutPinMessage } from '../messages/portout-pin-message.js';
import { requestCard } from '../messages/request-card.js';
import { requestLinkMessage } from '../messages/request-link-message.js';
import { orderRootMessage } from '../order-messages.js';
import { operationTitle, storedSummary } from '../request-line.js';

type Client = webApi.WebClient;

function describe(request: RequestRecord) {
  return { title: operationTitle(request.kind), summary: storedSummary(request) };
}

/**
 * Slack answered "ratelimited" (`ok: false`, which the Web client does not retry, or a 429 it gave up on):
 * nothing was posted, so trying again after Retry-After (≤ 5 s, default 1 s) cannot duplicate a message.
 * Runs after the ack, so the wait costs no handler time.
 */
async function retryRateLimited<T>(fn: () => Promise<T>, tries = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const d = describeSlackError(error);
      const limited =
        d.slackError === 'ratelimited' ||
        d.statusCode === 429 ||
        d.code === 'slack_webapi_rate_limited_error';
      if (!limited || attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(5, Math.max(1, d.retryAfter ?? 1)) * 1000));
    }
  }
}

/** Posting is best effort after the state change is stored: a Slack failure is logged, never undoes it. */
async function attempt<T>(ctx: AppContext, what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await retryRateLimited(fn);
  } catch (error) {
    ctx.logger.warn({ err: { message: (error as Error).message }, what }, 'Slack call failed');
    return undefined;
  }
}

/**
 * The approval card (approvals channel, else the requester's) and a pointer to it in the requester's
 * channel. False when Slack would not take the card: the request stays pending and approvers still find
 * it in App Home, so the caller says so instead of failing.
 */
export async function announcePendingRequest(
  client: Client,
  ctx: AppContext,
  request: RequestRecord,
): Promise<boolean> {
  const { title, summary } = describe(request);
  const channel = ctx.approvalsChannelId ?? request.channelId;
  const card = requestCard({ request, title, summary, sandbox: ctx.sandbox });
  const posted = await attempt(ctx, 'approval card', () =>
    client.chat.postMessage({
      channel,
      text: card.text,
      blocks: card.blocks,
      metadata: messageMetadata(EVENT_TYPES.approvalCard, { request_id: request.id }),
    }),
  );
  if (!posted?.ts || !posted.channel) return false;
  await ctx.store.requests.setCard(request.id, posted.channel, posted.ts);
  // A decision that landed while the card was being posted could not edit it: do it now.
  const current = await ctx.store.requests.get(request.id);
  if (current && current.status !== 'pending_approval') {
    await announceDecision(client, ctx, current, decisionOf(current.status), current.approver);
  }
  if (posted.channel === request.channelId) return true;
  const link = await attempt(ctx, 'chat.getPermalink', () =>
    client.chat.getPermalink({ channel: posted.channel!, message_ts: posted.ts! }),
  );
  const line = requestLinkMessage({ permalink: link?.permalink, title, sandbox: ctx.sandbox });
  await attempt(ctx, 'request link', () =>
    client.chat.postMessage({ channel: request.channelId, text: line.text, blocks: line.blocks }),
  );
  return true;
}

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
 * requester (in the card's thread when the card is in their channel).
 */
export async function announceDecision(
  client: Client,
  ctx: AppContext,
  request: RequestRecord,
  decision: Decision,
  by: string | null,
): Promise<void> {
  const { title, summary } = describe(request);
  if (request.cardChannelId && request.cardTs) {
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
      client.chat.update({
        channel: request.cardChannelId!,
        ts: request.cardTs!,
        text: card.text,
        blocks: card.blocks,
        metadata: messageMetadata(EVENT_TYPES.approvalCard, { request_id: request.id }),
      }),
    );
  }
  const notice = DECISION_NOTICE[decision];
  if (!notice) return;
  const reason = request.decisionReason
    ? ` Reason: ${escapeMrkdwn(oneLine(request.decisionReason, 500))}`
    : '';
  const text = `<@${request.requestedBy}> your ${title} request ${notice}${by ? ` (<@${by}>)` : ''}.${reason} Nothing was sent to Telegent.`;
  const inThread =
    request.cardChannelId === request.channelId && request.cardTs ? { thread_ts: request.cardTs } : {};
  await attempt(ctx, 'decision notice', () =>
    client.chat.postMessage({ channel: request.channelId, text, blocks: [section(text)], ...inThread }),
  );
}

/** What happened when a request ran, for the card thread, the channel and the submitter's modal. */
export function executionMessage(
  ctx: AppContext,
  execution: Exclude<ExecutionOutcome, { status: 'not_claimed' }>,
) {
  const { title, summary } = describe(execution.request);
  return executionOutcomeMessage({
    title,
    status: execution.status,
    orderId: execution.status === 'succeeded' ? execution.order?.orderId : undefined,
    summary,
    error: execution.status === 'succeeded' ? null : execution.error,
    hint:
      execution.status === 'failed'
        ? execution.hint
        : execution.status === 'unknown'
          ? execution.reconciliation.detail
          : undefined,
    sandbox: ctx.sandbox,
  });
}

/**
 * After execution: the outcome in the card's thread; in the requester's channel the order's root message
 * (its thread then carries every status change) or the outcome; the port-out PIN to the requester alone.
 */
export async function announceExecution(
  client: Client,
  ctx: AppContext,
  execution: ExecutionOutcome,
): Promise<void> {
  if (execution.status === 'not_claimed' || !execution.request) return;
  const request = execution.request;
  const order = execution.status === 'succeeded' ? execution.order : null;
  const outcome = executionMessage(ctx, execution);
  if (request.cardChannelId && request.cardTs) {
    await attempt(ctx, 'card thread', () =>
      client.chat.postMessage({
        channel: request.cardChannelId!,
        thread_ts: request.cardTs!,
        text: outcome.text,
        blocks: outcome.blocks,
      }),
    );
  }
  if (order) {
    const root = orderRootMessage(order, { sandbox: ctx.sandbox, actions: true });
    const posted = await attempt(ctx, 'order root', () =>
      client.chat.postMessage({
        channel: order.channelId,
        text: root.text,
        blocks: root.blocks,
        metadata: messageMetadata(EVENT_TYPES.order, { order_id: order.orderId }),
      }),
    );
    if (posted?.ts) await ctx.store.orders.setThread(order.orderId, posted.ts);
  } else if (request.cardChannelId !== request.channelId) {
    await attempt(ctx, 'outcome', () =>
      client.chat.postMessage({ channel: request.channelId, text: outcome.text, blocks: outcome.blocks }),
    );
  }
  if (execution.status === 'succeeded' && execution.revealToRequester) {
    await sendPinToRequester(client, ctx, request, execution.revealToRequester.pin, order?.orderId ?? '');
  }
}

/** A DM to the requester (never a channel). If the DM cannot be opened, an ephemeral in their channel. */
async function sendPinToRequester(
  client: Client,
  ctx: AppContext,
  request: RequestRecord,
  pin: string,
  orderId: string,
): Promise<void> {
  const payload = portOutPinMessage({
    phoneNumber: String(request.input.phoneNumber),
    pin,
    orderId,
    sandbox: ctx.sandbox,
  });
  const dm = await attempt(ctx, 'conversations.open', () =>
    client.conversations.open({ users: request.requestedBy }),
  );
  const dmChannel = dm?.channel?.id;
  const sent = dmChannel
    ? await attempt(ctx, 'pin DM', () =>
        client.chat.postMessage({ channel: dmChannel, text: payload.text, blocks: payload.blocks }),
      )
    : undefined;
  if (sent) return;
  await attempt(ctx, 'pin ephemeral', () =>
    client.chat.postEphemeral({
      channel: request.channelId,
      user: request.requestedBy,
      text: payload.text,
      blocks: payload.blocks,
    }),
  );
}
