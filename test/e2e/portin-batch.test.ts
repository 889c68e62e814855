import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/messages/ids.js';
import { formatPhone, shortId } from '../../src/operations/glossary.js';
import { SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { TEST_DATABASE_URL } from '../support/test-db.js';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

const SLOW = { timeout: 20_000 };
const PORTIN_PATH = '/v1.0/numbers/portin';
const ELIGIBILITY_PATH = '/v1.0/numbers/portin/eligibility';
const ACCOUNT_NUMBER = 'ACME-558812';

/** The three numbers of the Done-when run, as people type them (+1 and spaces), and one that is not portable. */
const A = '+13135550701';
const B = '+13135550702';
const C = '+13135550703';
const INELIGIBLE = '+13135551111';

const FILL = {
  currentAccountNumber: ACCOUNT_NUMBER,
  currentAccountPassword: 'Acme-Pin-4410',
  assignedSubscriberId: SEED_SUBSCRIBER_IDS[2]!,
  'billingAddress.street1': '1 Woodward Ave',
  'billingAddress.city': 'Detroit',
  'billingAddress.state': 'MI',
  'billingAddress.zip': '48226',
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('port in several numbers at once', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ now: 'sandbox', storeKind: TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  }, 60_000);
  afterAll(() => e2e.close());

  const calls = (path: string) => e2e.sandbox.journal().filter((j) => j.path.toLowerCase() === path);
  const portIns = () => e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === PORTIN_PATH);
  const answerTo = async (text: string) => {
    const before = e2e.responses().length;
    await e2e.command(text);
    await expect.poll(() => e2e.responses().length).toBe(before + 1);
    return textOf(e2e.responses()[before]!.body);
  };
  const sweep = async (minutes: number) => {
    e2e.sandbox.clock.advance(minutes * 60);
    await e2e.ops.jobs.runPollerOnce();
    await e2e.ops.jobs.runOutboxOnce();
  };

  it('three numbers (and one not portable) → one summary → one form → one card → exactly three port-ins, one account, one message; 8A on one → Fix… on that one only', async () => {
    const since = e2e.fake.calls.length;
    const typed = [A, B, C, INELIGIBLE].map((n) => `+1 ${n.slice(2, 5)} ${n.slice(5, 8)} ${n.slice(8)}`);
    await e2e.command(`portin ${typed.join(' ')}`);

    // The modal said how far the checks were, then turned into one summary.
    const summary = await e2e.latestView((v) => textOf(v).includes(ACTION.portinContinue));
    const shown = textOf(summary.view);
    expect(shown).toContain('3 of 4');
    for (const n of [A, B, C, INELIGIBLE]) expect(shown).toContain(formatPhone(n));
    expect(shown).toContain('Not ported in (1)');
    // Its line carries Telegent's own message (the sandbox's "not portable" wording), not a word of ours.
    expect(shown).toMatch(
      new RegExp(`${escapeRegExp(formatPhone(INELIGIBLE))}[^"]*: [^"]*(not|cannot)`, 'i'),
    );
    expect(calls(ELIGIBILITY_PATH)).toHaveLength(4);
    const loading = e2e.fake.calls
      .slice(since)
      .filter((c) => c.method === 'views.open' || c.method === 'views.update')
      .map((c) => textOf(c.body));
    expect(loading[0]).toContain('Checking whether 4 numbers can be ported in');

    const value = textOf(summary.view.blocks).match(
      /"action_id":"portin\.continue".*?"value":"((?:[^"\\]|\\.)*)"/,
    )![1]!;
    await e2e.slack.blockAction({
      actionId: ACTION.portinContinue,
      value: JSON.parse(`"${value}"`) as string,
      userId: REQUESTER,
      view: {
        id: summary.id,
        callback_id: summary.view.callback_id,
        private_metadata: summary.view.private_metadata,
      },
    });
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portin' && textOf(v).includes('3 numbers:'),
    );
    const formText = textOf(form.view);
    for (const n of [A, B, C]) expect(formText).toContain(formatPhone(n));
    expect(formText).toContain('Left out (1)');
    const sent = await e2e.submit(form, FILL);
    expect(sent.body).toMatchObject({ response_action: 'update' });

    // One approval card: the count in its header, the three numbers, the one left out with Telegent's reason.
    let card: FakeSlackCall | undefined;
    await expect
      .poll(() => {
        card = e2e.fake
          .callsTo('chat.postMessage')
          .find(
            (c) => c.body.channel === APPROVALS_CHANNEL && textOf(c.body).includes('Port-in · 3 numbers'),
          );
        return card;
      }, SLOW)
      .toBeDefined();
    const cardText = textOf(card!.body);
    for (const n of [A, B, C]) expect(cardText).toContain(formatPhone(n));
    expect(cardText).toContain('Left out (1)');
    expect(cardText).toContain(formatPhone(INELIGIBLE));
    expect(cardText).not.toContain(ACCOUNT_NUMBER);
    const requestId = cardText.match(/"action_id":"request\.approve".*?"value":"(req_[a-z0-9]+)"/)![1]!;
    expect(portIns()).toHaveLength(0);
    // Filed under its first number, the request is in every listed number's history (before any order exists).
    expect(await answerTo(`history ${C}`)).toContain('Port-in');

    // A double click: the claim lets one run.
    const approve = () =>
      e2e.slack.blockAction({
        actionId: 'request.approve',
        value: requestId,
        userId: APPROVER,
        channelId: APPROVALS_CHANNEL,
        messageTs: String(card!.response.ts),
      });
    await Promise.all([approve(), approve()]);
    await expect.poll(async () => (await e2e.store.requests.get(requestId))?.status, SLOW).toBe('succeeded');

    // Exactly three port-ins, one per number, the same carrier account on each.
    expect(portIns().map((m) => (m.body as { PortInNumber: string }).PortInNumber)).toEqual([A, B, C]);
    const orders = (
      await e2e.store.db.query<{ order_id: string; numbers: string[]; request_id: string }>(
        'SELECT order_id, numbers, request_id FROM orders WHERE request_id = $1 ORDER BY created_at, order_id',
        [requestId],
      )
    ).rows;
    expect(orders.map((o) => o.numbers[0]).sort()).toEqual([A, B, C]);
    const accounts = orders.map((o) => e2e.sandbox.getOrder(o.order_id)?.PortIn?.CurrentAccountNumber);
    expect(accounts).toEqual([ACCOUNT_NUMBER, ACCOUNT_NUMBER, ACCOUNT_NUMBER]);
    const items = await e2e.store.requestItems.list(requestId);
    expect(items.map((i) => [i.item, i.status, i.attempts])).toEqual([
      [0, 'done', 1],
      [1, 'done', 1],
      [2, 'done', 1],
    ]);

    // One top-level message in the channel, edited in place: a line per number and "Submitted 3 of 3".
    const request = (await e2e.store.requests.get(requestId))!;
    const topLevel = e2e.fake.calls
      .slice(since)
      .filter((c) => c.method === 'chat.postMessage' && c.body.channel === CHANNEL && !c.body.thread_ts);
    expect(topLevel).toHaveLength(1);
    expect(topLevel[0]!.response.ts).toBe(request.storyTs);
    const story = () =>
      textOf(
        e2e.fake
          .callsTo('chat.update')
          .filter((c) => c.body.channel === CHANNEL && c.body.ts === request.storyTs)
          .at(-1)?.body,
      );
    await expect.poll(story, SLOW).toContain('Submitted 3 of 3');
    for (const o of orders) expect(story()).toContain(shortId(o.order_id));
    for (const n of [A, B, C]) expect(story()).toContain(formatPhone(n));

    // Every order's thread is the story's: each is followed there.
    for (const o of orders) expect((await e2e.store.orders.get(o.order_id))?.threadTs).toBe(request.storyTs);

    // The carrier refuses B's (8A): Fix… is offered on B's post, for B's order alone.
    await sweep(6); // Pending → Submitted, all three
    const orderB = orders.find((o) => o.numbers[0] === B)!.order_id;
    e2e.sandbox.forceOrderStatus(orderB, 'Error', '8A-ACCOUNT_NUM_REQ_OR_INCORRECT');
    await sweep(30);
    const thread = () =>
      e2e.fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === request.storyTs);
    await expect.poll(() => thread().some((c) => textOf(c.body).includes('8A')), SLOW).toBe(true);
    const fixes = thread().filter((c) => /"text":"Fix…"/.test(textOf(c.body)));
    expect(fixes.length).toBeGreaterThan(0);
    for (const fix of fixes) {
      const fixValue = textOf(fix.body).match(/"text":"Fix…".*?"value":"([^"]+)"/)![1];
      expect(fixValue).toBe(orderB);
    }
    expect(portIns()).toHaveLength(3);
    // The story's line for B says it, in words; the others still stand where they were.
    await expect
      .poll(story, SLOW)
      .toContain(`*${formatPhone(B)}*: Carrier error (Carrier rejected: account number wrong (8A))`);
    expect(story()).toContain(`*${formatPhone(A)}*: Submitted`);
    expect(story()).toContain(`*${formatPhone(C)}*: Submitted`);
  });

  it('101 numbers, a bad entry, a number twice, a number already being ported in → refused whole, nothing checked or sent', async () => {
    const checksBefore = calls(ELIGIBILITY_PATH).length;
    const mutationsBefore = e2e.sandbox.mutations().length;
    const many = Array.from({ length: 101 }, (_, i) => `+1385555${String(1000 + i).padStart(4, '0')}`);
    expect(await answerTo(`portin ${many.join(' ')}`)).toContain(
      'At most 100 numbers at a time; you gave 101',
    );
    const bad = await answerTo('portin +13135550801 +1313555 +13135550802');
    expect(bad).toContain('\\"+1313555\\" is not a US number');
    expect(await answerTo('portin +13135550801 (313) 555-0801')).toContain('(313) 555-0801 is given twice');
    // A is in the port-in just filed (its order is open).
    const busy = await answerTo(`portin +13135550801 ${A}`);
    expect(busy).toContain(`${formatPhone(A)} already has an open port-in`);
    expect(calls(ELIGIBILITY_PATH).length).toBe(checksBefore);
    expect(e2e.sandbox.mutations().length).toBe(mutationsBefore);
  });

  it('one answer lost (504), one refused (not portable), one through: each settled on its own, the lost one read back for its own number', async () => {
    const [lost, refused, through] = ['+13135550721', '+13135551111', '+13135550723'];
    const filed = await e2e.ops.ctx.workflow.submit({
      kind: 'portin',
      raw: {
        ...FILL,
        billingAddress: { street1: '1 Woodward Ave', city: 'Detroit', state: 'MI', zip: '48226' },
        currentCarrierName: 'Verizon',
        phoneNumber: lost,
        phoneNumbers: [lost, refused, through],
      },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (filed.status !== 'pending_approval') throw new Error(JSON.stringify(filed));
    const before = portIns().length;
    // The first port-in is made at Telegent but its answer is lost.
    e2e.sandbox.injectFault({ endpoint: PORTIN_PATH, kind: '504', count: 1, applyMutation: true });
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: filed.request.id,
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: '1.1',
    });
    await expect
      .poll(async () => (await e2e.store.requests.get(filed.request.id))?.status, SLOW)
      .toBe('unknown');
    // Each number sent once: the lost one is never sent again. (A 401 is refused before anything is done: the
    // sandbox clock moved past the token's life in the first test, so the client gets a new one and sends again.)
    expect(
      portIns()
        .slice(before)
        .filter((m) => m.status !== 401)
        .map((m) => (m.body as { PortInNumber: string }).PortInNumber),
    ).toEqual([lost, refused, through]);
    const items = await e2e.store.requestItems.list(filed.request.id);
    expect(items.map((i) => [i.item, i.status, i.attempts])).toEqual([
      [0, 'unknown', 1],
      [1, 'failed', 1],
      [2, 'done', 1],
    ]);
    // The read-back looked for the lost item's own number (not the list's, not another item's).
    expect(items[0]!.error).toContain(lost);
    expect(items[0]!.error).not.toContain(through);
    const orders = await e2e.store.db.query<{ numbers: string[] }>(
      'SELECT numbers FROM orders WHERE request_id = $1',
      [filed.request.id],
    );
    expect(orders.rows.map((o) => o.numbers)).toEqual([[through]]);
    const request = (await e2e.store.requests.get(filed.request.id))!;
    const storyNow = () =>
      textOf(
        e2e.fake
          .callsTo('chat.update')
          .filter((c) => c.body.channel === CHANNEL && c.body.ts === request.storyTs)
          .at(-1)?.body,
      );
    await expect.poll(storyNow, SLOW).toContain(`*${formatPhone(through)}*: Pending · order`);
    const story = storyNow();
    expect(story).toContain(`❌ *${formatPhone(refused)}*: not done: Telegent`);
    expect(story).toContain(`⚠️ *${formatPhone(lost)}*: not known`);
    expect(story).toContain('Submitted 1 of 3* · 1 not done · 1 not known');
  });

  it('checks that take a while: "Checked N of 8…" edited in place, not more than once a second, then the summary', async () => {
    const numbers = Array.from({ length: 8 }, (_, i) => `+1313555${String(911 + i).padStart(4, '0')}`);
    e2e.sandbox.injectFault({ endpoint: ELIGIBILITY_PATH, kind: 'latency', latencyMs: 700 });
    const since = e2e.fake.calls.length;
    const started = Date.now();
    try {
      await e2e.command(`portin ${numbers.join(', ')}`);
      await e2e.latestView((v) => textOf(v).includes('8 of 8') && textOf(v).includes(ACTION.portinContinue));
    } finally {
      e2e.sandbox.clearFaults();
    }
    const elapsedMs = Date.now() - started;
    const views = e2e.fake.calls.slice(since).filter((c) => c.method === 'views.update');
    const progress = views.filter((c) => /Checked \d+ of 8…/.test(textOf(c.body)));
    expect(progress.length).toBeGreaterThan(0);
    // Each progress line replaced the view the command opened (edited in place), never a new one.
    const opened = e2e.fake.calls.slice(since).filter((c) => c.method === 'views.open');
    expect(opened).toHaveLength(1);
    expect(views.at(-1)!.body.view_id).toBeTruthy();
    for (const p of progress) expect(p.body.view_id).toBe(views.at(-1)!.body.view_id);
    // Not more often than once a second (8 checks at 700 ms, 3 at a time: about 2 s, so 1 or 2 when not loaded).
    expect(progress.length).toBeLessThanOrEqual(Math.max(1, Math.floor(elapsedMs / 1000)));
    expect(progress.length).toBeLessThan(7);
  });

  it('the form\'s "More numbers" box: a pasted list joins the checked number (a bad entry named under the box)', async () => {
    await e2e.command('portin +1 313 555 0931');
    const verdict = await e2e.latestView(
      (v) => textOf(v).includes(ACTION.portinContinue) && textOf(v).includes('(313) 555-0931'),
    );
    const value = textOf(verdict.view.blocks).match(
      /"action_id":"portin\.continue".*?"value":"((?:[^"\\]|\\.)*)"/,
    )![1]!;
    await e2e.slack.blockAction({
      actionId: ACTION.portinContinue,
      value: JSON.parse(`"${value}"`) as string,
      userId: REQUESTER,
      view: {
        id: verdict.id,
        callback_id: verdict.view.callback_id,
        private_metadata: verdict.view.private_metadata,
      },
    });
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portin' && textOf(v).includes('(313) 555-0931'),
    );
    expect(textOf(form.view)).toContain('More numbers on this account');
    const refused = await e2e.submit(form, { ...FILL, phoneNumbers: '+1 313 555 0932, 313555' });
    expect(refused.body).toMatchObject({ response_action: 'errors' });
    expect(textOf(refused.body)).toContain('"phoneNumbers":');
    expect(textOf(refused.body)).toContain('313555');
    const twice = await e2e.submit(form, { ...FILL, phoneNumbers: '(313) 555-0931' });
    expect(textOf(twice.body)).toContain('given twice');

    const sent = await e2e.submit(form, { ...FILL, phoneNumbers: '+1 313 555 0932\n(313) 555-0933' });
    expect(sent.body).toMatchObject({ response_action: 'update' });
    await expect
      .poll(
        () =>
          e2e.fake
            .callsTo('chat.postMessage')
            .find(
              (c) =>
                c.body.channel === APPROVALS_CHANNEL &&
                textOf(c.body).includes('Port-in · 3 numbers') &&
                textOf(c.body).includes('(313) 555-0933'),
            ),
        SLOW,
      )
      .toBeDefined();
  });

  it('one number typed: the single flow as before (its verdict, no list)', async () => {
    await e2e.command('portin +1 313 555 0901');
    const verdict = await e2e.latestView(
      (v) => textOf(v).includes(ACTION.portinContinue) && textOf(v).includes('(313) 555-0901'),
    );
    expect(textOf(verdict.view)).toContain('can be ported in as a');
    expect(textOf(verdict.view)).not.toContain('of 1');
  });
});
