/**
 * Tolerant user journeys for the weather drills: unlike `flows.ts` (which throws when a step does not come),
 * each journey here goes as far as the app lets it and returns what the user SAW, classified:
 *
 *   success · clear failure (":warning:", ":x: … failed" with the reason) · unknown — being checked
 *   (":grey_question: … outcome unknown", NOT retried) · our-side error ("Something went wrong on our side")
 *   · no answer (nothing visible within the timeout).
 *
 * The first three keep the promise; the last two break it. Every signed request's ack time is kept.
 */

import type { AppProcess } from './app-process.js';
import { APPROVALS_CHANNEL, CHANNEL, type DrillWorld, REQUESTER } from './drill-world.js';
import { PROVISION_FILL } from './flows.js';
import { approveRequestId, textOf } from './slack-driver.js';
import { sleep } from './wait.js';

export type OutcomeKind =
  | 'success'
  | 'clear failure'
  | 'unknown — being checked'
  | 'our-side error'
  | 'no answer';

export const PROMISE_KEEPING: readonly OutcomeKind[] = [
  'success',
  'clear failure',
  'unknown — being checked',
];

export interface JourneyOutcome {
  journey: string;
  outcome: OutcomeKind;
  /** Where the journey stopped: "answer", "form", "card", "execution". */
  stage: string;
  /** The text that decided the outcome (shortened). */
  evidence: string;
  /** Ack time of every signed request the journey sent (ms). */
  acks: number[];
  /** Sandbox journal index when Approve was clicked (for attributing mutations), if it was. */
  approvedAtJournal?: number;
}

/** What a text shown to a user says. */
export function classifyText(text: string): OutcomeKind {
  if (/Something went wrong on our side/.test(text)) return 'our-side error';
  if (/:grey_question:|outcome unknown/.test(text)) return 'unknown — being checked';
  if (/:warning:|:x:/.test(text)) return 'clear failure';
  return 'success';
}

const short = (text: string) => text.replace(/\s+/g, ' ').slice(0, 240);

async function poll<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) return undefined;
    await sleep(50);
  }
}

export interface JourneyContext {
  world: DrillWorld;
  app: AppProcess;
  /** How long to wait for each visible step (default 25 s: reads retry with backoff and Retry-After). */
  stepTimeoutMs?: number;
  /** Approver for the journeys' requests. */
  approver?: string;
  journalIndex(): number;
}

/** A read command answered ephemerally (`status`, `usage`, `search`, `orders`). */
export async function readJourney(jc: JourneyContext, text: string): Promise<JourneyOutcome> {
  const slack = jc.world.slack(jc.app);
  const sent = await slack.command(text, REQUESTER, CHANNEL);
  const base = { journey: `/telegent ${text}`, acks: [sent.durationMs], stage: 'answer' };
  const answer = await poll(() => slack.answersTo(sent.key)[0], jc.stepTimeoutMs ?? 25_000);
  if (!answer) return { ...base, outcome: 'no answer', evidence: `HTTP ${sent.status}, no answer` };
  const shown = textOf(answer.body);
  return { ...base, outcome: classifyText(shown), evidence: short(shown) };
}

/**
 * A request that needs approval: `command` opens a form (`formCallbackId`, possibly after a lookup that can
 * fail visibly), it is submitted with `fill`, the approval card comes, an approver clicks Approve, and the
 * execution outcome is posted in the card's thread.
 */
export async function approvalJourney(
  jc: JourneyContext,
  journey: { name: string; command: string; formCallbackId: string; fill: Record<string, string> },
): Promise<JourneyOutcome> {
  const { world } = jc;
  const slack = world.slack(jc.app);
  const timeout = jc.stepTimeoutMs ?? 25_000;
  const acks: number[] = [];
  const since = world.fake.calls.length;
  const sent = await slack.command(journey.command, REQUESTER, CHANNEL);
  acks.push(sent.durationMs);
  const base = { journey: journey.name, acks };

  // The form, or a visible refusal (error modal or ephemeral answer).
  const shown = await poll(() => {
    const answer = slack.answersTo(sent.key)[0];
    if (answer) return { kind: 'answer' as const, text: textOf(answer.body) };
    for (const c of world.fake.calls.slice(since)) {
      if ((c.method !== 'views.open' && c.method !== 'views.update') || !c.response.ok) continue;
      const view = c.body.view as { callback_id?: string; blocks?: unknown };
      if (view?.callback_id === journey.formCallbackId) {
        return { kind: 'form' as const, text: '', id: String(c.response.view?.id), view };
      }
      if (/:warning:/.test(textOf(view?.blocks)))
        return { kind: 'answer' as const, text: textOf(view.blocks) };
    }
    return undefined;
  }, timeout);
  if (!shown)
    return { ...base, stage: 'form', outcome: 'no answer', evidence: 'neither a form nor an error' };
  if (shown.kind === 'answer')
    return { ...base, stage: 'form', outcome: classifyText(shown.text), evidence: short(shown.text) };

  const submitSince = world.fake.calls.length;
  const submitted = await slack.submit({ id: shown.id!, view: shown.view as never }, journey.fill, REQUESTER);
  acks.push(submitted.durationMs);
  const action = submitted.body?.response_action;
  if (action === 'errors') {
    const errors = textOf(submitted.body.errors);
    return { ...base, stage: 'form', outcome: 'clear failure', evidence: short(errors) };
  }
  if (action !== 'update' && action !== 'clear') {
    return {
      ...base,
      stage: 'form',
      outcome: 'no answer',
      evidence: `submission answered ${short(textOf(submitted.body))}`,
    };
  }

  // The approval card, or a visible failure in the working view.
  const carded = await poll(() => {
    for (const c of world.fake.calls.slice(submitSince)) {
      if (c.method === 'chat.postMessage' && c.response.ok && c.body.channel === APPROVALS_CHANNEL) {
        const requestId = approveRequestId(c);
        if (requestId) return { requestId, ts: String(c.response.ts) };
      }
      if (c.method === 'views.update' && c.response.ok) {
        const text = textOf((c.body.view as { blocks?: unknown })?.blocks);
        if (/:warning:|:x:|:grey_question:/.test(text)) return { failure: text };
      }
    }
    return undefined;
  }, timeout);
  if (!carded) return { ...base, stage: 'card', outcome: 'no answer', evidence: 'no approval card' };
  if ('failure' in carded) {
    return {
      ...base,
      stage: 'card',
      outcome: classifyText(carded.failure!),
      evidence: short(carded.failure!),
    };
  }

  const approvedAtJournal = jc.journalIndex();
  const clickSince = world.fake.calls.length;
  const click = await slack.click({
    actionId: 'request.approve',
    value: carded.requestId,
    userId: jc.approver ?? world.approvers[0]!,
    channelId: APPROVALS_CHANNEL,
    messageTs: carded.ts,
  });
  acks.push(click.durationMs);
  const outcome = await poll(() => {
    const post = world.fake.calls
      .slice(clickSince)
      .find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.response.ok &&
          c.body.thread_ts === carded.ts &&
          / (done|submitted to Telegent|failed|ended|outcome unknown)\b/.test(String(c.body.text ?? '')),
      );
    if (post) return textOf(post.body);
    const answer = slack.answersTo(click.key)[0];
    return answer ? textOf(answer.body) : undefined;
  }, timeout);
  if (!outcome) {
    return {
      ...base,
      stage: 'execution',
      outcome: 'no answer',
      evidence: 'no outcome after Approve',
      approvedAtJournal,
    };
  }
  return {
    ...base,
    stage: 'execution',
    outcome: classifyText(outcome),
    evidence: short(outcome),
    approvedAtJournal,
  };
}

export const provisionJourney = (jc: JourneyContext, areaCode = '801') =>
  approvalJourney(jc, {
    name: `provision ${areaCode}`,
    command: `provision ${areaCode}`,
    formCallbackId: 'telegent.provision',
    fill: PROVISION_FILL,
  });

export const portOutJourney = (jc: JourneyContext, number: string, pin: string) =>
  approvalJourney(jc, {
    name: `portout ${number}`,
    command: `portout ${number}`,
    formCallbackId: 'telegent.portout',
    fill: { pin },
  });
