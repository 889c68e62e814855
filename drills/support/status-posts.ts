/**
 * Reads the order status changes the app posted to the fake Slack, per OrderId, from the two shapes the
 * outbox sends (src/messages/order-messages.ts):
 *   - one order changed: a context "Status update · order `<short OrderId>`", block lines "…>: *<status>*";
 *   - several orders of one channel: text "N orders changed status", lines "… (`<short OrderId>`): *<status>*".
 * Statuses are in people's words (glossary.statusWords) and OrderIds shortened, so the reader is given the
 * OrderIds to expect and compares statuses in words (`sameStatus`).
 * Only accepted `chat.postMessage` calls to channels count (DMs are requester notices, not status posts).
 */
import { shortId, statusWords } from '../../src/operations/glossary.js';
import type { FakeSlackCall } from '../../test/support/fake-slack.js';

/** A posted status (in words) is the Telegent status `telegent`. */
export const sameStatus = (posted: string | undefined, telegent: string | undefined) =>
  posted !== undefined && telegent !== undefined && posted === statusWords(telegent);

export interface StatusPost {
  orderId: string;
  status: string;
  /** Index of the Slack call in `fake.calls`. */
  callIndex: number;
  shape: 'thread' | 'grouped';
}

export interface StatusPosts {
  posts: StatusPost[];
  /** Slack messages that carried status changes. */
  messages: number;
  /** Changes a message said it left out ("…and N more"). */
  truncated: number;
}

const SINGLE_INTRO = /[Ss]tatus updates? · order `([^`\n]+)`/;
const GROUPED_TEXT = /^(?:\[SANDBOX\] )?\d+ orders changed status$/;
const SINGLE_LINE = />: \*([^*\n]+)\*/g;
const GROUPED_LINE = /\(`([^`\n]+)`\): \*([^*\n]+)\*/g;
const MORE = /…and (\d+) more (?:updates|changes)/;

function sectionsText(body: FakeSlackCall['body']): string {
  const blocks = Array.isArray(body.blocks) ? body.blocks : [];
  return blocks
    .filter((b: { type?: string }) => b?.type === 'section')
    .map((b: { text?: { text?: string } }) => b.text?.text ?? '')
    .join('\n');
}

function contextText(body: FakeSlackCall['body']): string {
  const blocks = Array.isArray(body.blocks) ? body.blocks : [];
  return blocks
    .filter((b: { type?: string }) => b?.type === 'context')
    .flatMap((b: { elements?: { text?: string }[] }) => (b.elements ?? []).map((e) => e.text ?? ''))
    .join('\n');
}

const unescapeMrkdwn = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function statusPostsIn(calls: FakeSlackCall[], orderIds: Iterable<string>): StatusPosts {
  const byShort = new Map<string, string>();
  for (const id of orderIds) byShort.set(shortId(id), id);
  const fullId = (shown: string) => byShort.get(unescapeMrkdwn(shown)) ?? unescapeMrkdwn(shown);
  const result: StatusPosts = { posts: [], messages: 0, truncated: 0 };
  calls.forEach((call, callIndex) => {
    if (call.method !== 'chat.postMessage' || call.status !== 200 || !call.response.ok) return;
    if (String(call.body.channel ?? '').startsWith('D')) return;
    const text = String(call.body.text ?? '');
    const sections = sectionsText(call.body);
    const single = GROUPED_TEXT.test(text) ? null : SINGLE_INTRO.exec(contextText(call.body));
    if (single) {
      result.messages++;
      for (const m of sections.matchAll(SINGLE_LINE)) {
        result.posts.push({
          orderId: fullId(single[1]!),
          status: unescapeMrkdwn(m[1]!),
          callIndex,
          shape: 'thread',
        });
      }
    } else if (GROUPED_TEXT.test(text)) {
      result.messages++;
      for (const m of sections.matchAll(GROUPED_LINE)) {
        result.posts.push({
          orderId: fullId(m[1]!),
          status: unescapeMrkdwn(m[2]!),
          callIndex,
          shape: 'grouped',
        });
      }
    } else return;
    const more = MORE.exec(sections);
    if (more) result.truncated += Number(more[1]);
  });
  return result;
}

/** Posted statuses per OrderId, in posting order. */
export function postsByOrder(posts: StatusPost[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of posts) map.set(p.orderId, [...(map.get(p.orderId) ?? []), p.status]);
  return map;
}

export interface PostAccounting {
  /** Recorded changes (order_events) compared. */
  expected: number;
  posted: number;
  /** Posts beyond the recorded changes, per (order, status): each extra copy counts once. */
  duplicates: { orderId: string; status: string; copies: number }[];
  /** Recorded changes never posted. */
  missing: { orderId: string; status: string }[];
}

/** Compares what was recorded (order_events per order) with what was posted, as multisets per status. */
export function accountPosts(recorded: Map<string, string[]>, posted: Map<string, string[]>): PostAccounting {
  const result: PostAccounting = { expected: 0, posted: 0, duplicates: [], missing: [] };
  const orderIds = new Set([...recorded.keys(), ...posted.keys()]);
  for (const orderId of orderIds) {
    const want = new Map<string, number>();
    const got = new Map<string, number>();
    for (const recordedStatus of recorded.get(orderId) ?? []) {
      const s = statusWords(recordedStatus);
      want.set(s, (want.get(s) ?? 0) + 1);
    }
    for (const s of posted.get(orderId) ?? []) got.set(s, (got.get(s) ?? 0) + 1);
    result.expected += recorded.get(orderId)?.length ?? 0;
    result.posted += posted.get(orderId)?.length ?? 0;
    for (const status of new Set([...want.keys(), ...got.keys()])) {
      const w = want.get(status) ?? 0;
      const g = got.get(status) ?? 0;
      if (g > w) result.duplicates.push({ orderId, status, copies: g - w });
      for (let i = g; i < w; i++) result.missing.push({ orderId, status });
    }
  }
  return result;
}
