import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { TEST_DATABASE_URL } from '../support/test-db.js';
import {
  APPROVALS_CHANNEL,
  APPROVER,
  CHANNEL,
  type E2E,
  OTHER_APPROVER,
  REQUESTER,
  STRANGER,
  startE2E,
  textOf,
} from './harness.js';

const MIN = 60_000;
const REASON = 'ZD-4821 lost her phone at the airport';

/**
 * "Approve where the approver is": the reminder DM and App Home rows lead with the number and the customer,
 * show the reason/ticket and how the customer was verified, and carry the card's own Approve / Reject: the
 * same decision (once), the card redrawn the same way, the place clicked redrawn so it cannot be pressed twice.
 */
describe(`approving from a reminder DM and from App Home (${TEST_DATABASE_URL ? 'Postgres server' : 'PGlite'})`, () => {
  let clock = new Date('2030-06-03T13:00:00Z');
  let e2e: E2E;
  /** The swap the first test files and reminds about; the second approves it from the DM. */
  let reminded = '';
  beforeAll(async () => {
    e2e = await startE2E({
      storeKind: TEST_DATABASE_URL ? 'postgres' : 'pglite',
      approvals: { reminderMinutes: [30, 120] },
      now: () => clock,
    });
  });
  afterAll(() => e2e?.close());

  /** A pending SIM swap (to an eSIM) for Jane Doe, its card posted, filed at `at` by `by`. */
  async function pendingSwap(number: string, at: Date, by = REQUESTER) {
    clock = at;
    const outcome = await e2e.ops.ctx.workflow.submit({
      kind: 'swap-sim',
      raw: { phoneNumber: number, verificationMethod: 'Photo ID in store' },
      requestedBy: by,
      channelId: CHANNEL,
      reason: REASON,
      customerName: 'Jane Doe',
    });
    if (outcome.status !== 'pending_approval') throw new Error(JSON.stringify(outcome));
    await e2e.ops.ctx.messages.sync(outcome.request.id);
    return (await e2e.store.requests.get(outcome.request.id))!;
  }
  const cardOf = (cardTs: string) =>
    e2e.fake
      .callsTo('chat.postMessage')
      .find((c) => c.body.channel === APPROVALS_CHANNEL && c.response.ts === cardTs)!;
  const dmsTo = (user: string, requestId: string) =>
    e2e.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === `D${user}` && textOf(c.body.blocks).includes(requestId));
  /** The button element `actionId` for `requestId` among `blocks`, as JSON. */
  const buttonIn = (blocks: unknown, actionId: string, requestId: string) =>
    JSON.stringify(
      (blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>)
        .flatMap((b) => b.elements ?? [])
        .find((e) => e.action_id === actionId && e.value === requestId),
    );
  const blockIdOf = (blocks: unknown, requestId: string) =>
    (blocks as Array<{ block_id?: string; elements?: Array<{ value?: string }> }>).find((b) =>
      b.elements?.some((e) => e.value === requestId),
    )?.block_id;
  const updatesOf = (channel: string, ts: string) =>
    e2e.fake.callsTo('chat.update').filter((c) => c.body.channel === channel && c.body.ts === ts);
  /** Clicks a button of a DM the app posted, as Slack sends it. */
  const clickInDm = (dm: FakeSlackCall, user: string, actionId: string, requestId: string) =>
    e2e.slack.blockAction({
      actionId,
      value: requestId,
      userId: user,
      channelId: String(dm.body.channel),
      messageTs: String(dm.response.ts),
      blockId: blockIdOf(dm.body.blocks, requestId),
    });
  const home = async (user: string) => {
    const count = e2e.fake.callsTo('views.publish').length;
    await e2e.slack.event({ type: 'app_home_opened', user, tab: 'home', channel: 'D1' });
    await expect.poll(() => e2e.fake.callsTo('views.publish').length).toBeGreaterThan(count);
    return e2e.fake.callsTo('views.publish').at(-1)!;
  };
  const mutations = () => e2e.sandbox.mutations().length;

  it('the thread reply and the DM lead with number and customer, show reason and verification; the DM has the card’s buttons', async () => {
    const number = SEED_NUMBERS[2]!;
    const start = new Date('2030-06-03T13:00:00Z');
    const request = await pendingSwap(number, start);
    reminded = request.id;

    clock = new Date(start.getTime() + 31 * MIN);
    await e2e.ops.runRemindersOnce();
    const reply = e2e.fake
      .callsTo('chat.postMessage')
      .find((c) => c.body.thread_ts === request.cardTs && textOf(c.body).includes(':bell:'))!;
    const replyText = textOf(reply.body.blocks);
    // A channel: the short name, never the full one.
    expect(replyText).toContain(`this swap SIM request for *${formatPhone(number)} · J. Doe* from`);
    expect(replyText).not.toContain('Jane Doe');
    expect(replyText).toContain(`*Reason / ticket:* ${REASON}`);
    expect(replyText).toContain('*Verified:* Photo ID in store');

    clock = new Date(start.getTime() + 121 * MIN);
    await e2e.ops.runRemindersOnce();
    const [dm] = dmsTo(APPROVER, request.id);
    expect(dm).toBeDefined();
    const dmText = textOf(dm!.body.blocks);
    expect(dmText).toContain(
      `a swap SIM request for *${formatPhone(number)} · Jane Doe* from <@${REQUESTER}>`,
    );
    expect(dmText).toContain(`*Reason / ticket:* ${REASON}`);
    expect(dmText).toContain('*Verified:* Photo ID in store');
    expect(String(dm!.body.text)).toContain(
      `Swap SIM · ${formatPhone(number)} · Jane Doe has waited 2 h 1 min`,
    );
    // Who and why come before the buttons.
    expect(dmText.indexOf('Verified:')).toBeLessThan(dmText.indexOf('request.approve'));
    // The very same Approve (its confirm dialog naming the number and the customer) and Reject as on the card.
    const card = cardOf(request.cardTs!);
    const approveOnCard = buttonIn(card.body.blocks, 'request.approve', request.id);
    expect(approveOnCard).toContain(`${formatPhone(number)}`);
    expect(approveOnCard).toContain('— J. Doe?');
    expect(buttonIn(dm!.body.blocks, 'request.approve', request.id)).toBe(approveOnCard);
    expect(buttonIn(dm!.body.blocks, 'request.reject', request.id)).toBe(
      buttonIn(card.body.blocks, 'request.reject', request.id),
    );
    expect(dmsTo(OTHER_APPROVER, request.id)).toHaveLength(1);
    expect(dmsTo(REQUESTER, request.id)).toHaveLength(0);
  });

  it('Approve in the DM runs once, redraws the card as on the card and the DM without buttons; a stale DM button says who approved', async () => {
    const id = reminded;
    expect((await e2e.store.requests.get(id))?.status).toBe('pending_approval');
    const stored = (await e2e.store.requests.get(id))!;
    const mine = dmsTo(APPROVER, id)[0]!;
    const theirs = dmsTo(OTHER_APPROVER, id)[0]!;
    const before = mutations();

    await clickInDm(mine, APPROVER, 'request.approve', id);
    await expect.poll(async () => (await e2e.store.requests.get(id))?.status).toBe('succeeded');
    expect(mutations() - before).toBe(1);
    // The card: decided, by whom (the projection's redraw, as from the card itself).
    await expect
      .poll(() =>
        updatesOf(APPROVALS_CHANNEL, stored.cardTs!).some((c) =>
          textOf(c.body).includes(`Approved by <@${APPROVER}>`),
        ),
      )
      .toBe(true);
    // The DM: the decision where the buttons were.
    await expect.poll(() => updatesOf(`D${APPROVER}`, String(mine.response.ts)).length).toBeGreaterThan(0);
    const redrawn = textOf(updatesOf(`D${APPROVER}`, String(mine.response.ts)).at(-1)!.body.blocks);
    expect(redrawn).toContain(`Approved by <@${APPROVER}>`);
    expect(redrawn).toContain('Jane Doe');
    expect(redrawn).toContain(`*Reason / ticket:* ${REASON}`);
    expect(redrawn).not.toContain('request.approve');
    expect(redrawn).not.toContain('request.reject');
    const audit = (await e2e.store.audit.listByRequest(id)).map((e) => `${e.actor}:${e.action}`);
    expect(audit).toContain(`${APPROVER}:approved`);

    // The other approver's DM still has its buttons: pressed, it is told who approved, and redrawn. Nothing runs.
    const answers = e2e.responses().length;
    await clickInDm(theirs, OTHER_APPROVER, 'request.approve', id);
    await expect.poll(() => e2e.responses().length).toBe(answers + 1);
    expect(textOf(e2e.responses().at(-1)!.body)).toContain(`Already approved by <@${APPROVER}>`);
    await expect.poll(() => updatesOf(`D${OTHER_APPROVER}`, String(theirs.response.ts)).length).toBe(1);
    expect(textOf(updatesOf(`D${OTHER_APPROVER}`, String(theirs.response.ts))[0]!.body.blocks)).toContain(
      `Approved by <@${APPROVER}>`,
    );
    expect(mutations() - before).toBe(1);
  });

  it('Reject in the DM: the reason form, then the card and the DM show the rejection', async () => {
    const start = new Date('2030-06-04T13:00:00Z');
    const request = await pendingSwap(SEED_NUMBERS[3]!, start);
    clock = new Date(start.getTime() + 121 * MIN);
    await e2e.ops.runRemindersOnce();
    const dm = dmsTo(APPROVER, request.id)[0]!;
    const before = mutations();

    await clickInDm(dm, APPROVER, 'request.reject', request.id);
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.reject-reason');
    await e2e.submit(form, { reason: 'call the customer back first' }, APPROVER);
    await expect.poll(async () => (await e2e.store.requests.get(request.id))?.status).toBe('rejected');
    await expect.poll(() => updatesOf(`D${APPROVER}`, String(dm.response.ts)).length).toBeGreaterThan(0);
    const redrawn = textOf(updatesOf(`D${APPROVER}`, String(dm.response.ts)).at(-1)!.body.blocks);
    expect(redrawn).toContain(`Rejected by <@${APPROVER}>`);
    expect(redrawn).toContain('call the customer back first');
    expect(redrawn).not.toContain('request.approve');
    await expect
      .poll(() =>
        updatesOf(APPROVALS_CHANNEL, request.cardTs!).some((c) => textOf(c.body).includes('Rejected by')),
      )
      .toBe(true);
    expect(mutations()).toBe(before);
  });

  it('App Home rows lead with number and customer and show reason and verification, for the requester and the approver', async () => {
    const number = SEED_NUMBERS[4]!;
    const request = await pendingSwap(number, new Date('2030-06-05T13:00:00Z'));
    clock = new Date('2030-06-05T13:07:00Z');
    const lead = `*${formatPhone(number)} · Jane Doe* · Swap SIM`;

    const approverHome = textOf((await home(APPROVER)).body.view);
    expect(approverHome).toContain(`${lead} · waiting 7 min · asked by <@${REQUESTER}>`);
    expect(approverHome).toContain(`*Reason / ticket:* ${REASON}`);
    expect(approverHome).toContain('*Verified:* Photo ID in store');
    const row = approverHome.indexOf(lead);
    expect(row).toBeLessThan(approverHome.indexOf(`"value":"${request.id}"`));

    const requesterHome = textOf((await home(REQUESTER)).body.view);
    expect(requesterHome).toContain(`${lead} · waiting for approval · by <@${REQUESTER}>`);
    expect(requesterHome).toContain(`*Reason / ticket:* ${REASON}`);
    expect(requesterHome).toContain('*Verified:* Photo ID in store');
    expect(requesterHome).not.toContain('request.approve');

    // Approve in App Home: once, the card redrawn, App Home shown again without it.
    const before = mutations();
    const view = e2e.fake.callsTo('views.publish').findLast((c) => c.body.user_id === APPROVER)!;
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: request.id,
      userId: APPROVER,
      view: { id: String(view.response.view?.id), type: 'home' },
    });
    await expect.poll(async () => (await e2e.store.requests.get(request.id))?.status).toBe('succeeded');
    expect(mutations() - before).toBe(1);
    await expect
      .poll(() =>
        updatesOf(APPROVALS_CHANNEL, request.cardTs!).some((c) =>
          textOf(c.body).includes(`Approved by <@${APPROVER}>`),
        ),
      )
      .toBe(true);
    await expect
      .poll(() => {
        const latest = e2e.fake.callsTo('views.publish').findLast((c) => c.body.user_id === APPROVER);
        return textOf(latest?.body.view).includes(request.id);
      })
      .toBe(false);
  });

  it('refusals hold there too: a non-approver (DM) and the requester approving their own (App Home) are told why; nothing runs', async () => {
    // An approver's own request: App Home never lists it to them, but a stale or forged click is still refused.
    const own = await pendingSwap(SEED_NUMBERS[5]!, new Date('2030-06-06T13:00:00Z'), APPROVER);
    clock = new Date('2030-06-06T15:01:00Z');
    await e2e.ops.runRemindersOnce();
    const dm = dmsTo(OTHER_APPROVER, own.id)[0]!;
    expect(dmsTo(APPROVER, own.id)).toHaveLength(0);
    const before = mutations();
    const updates = e2e.fake.callsTo('chat.update').length;

    const answers = e2e.responses().length;
    await clickInDm(dm, STRANGER, 'request.approve', own.id);
    await expect.poll(() => e2e.responses().length).toBe(answers + 1);
    expect(textOf(e2e.responses().at(-1)!.body)).toContain('Only approvers can decide requests');

    const dmsBefore = e2e.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === `D${APPROVER}`).length;
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: own.id,
      userId: APPROVER,
      view: { id: 'V0HOME', type: 'home' },
    });
    // From App Home (no channel, no response_url) the answer comes by DM.
    await expect
      .poll(() =>
        e2e.fake
          .callsTo('chat.postMessage')
          .filter((c) => c.body.channel === `D${APPROVER}`)
          .slice(dmsBefore)
          .map((c) => textOf(c.body))
          .join(),
      )
      .toContain('You cannot approve your own request');
    expect((await e2e.store.requests.get(own.id))?.status).toBe('pending_approval');
    expect(mutations()).toBe(before);
    // The DM keeps its buttons for the approver it was sent to (nobody decided).
    expect(
      e2e.fake
        .callsTo('chat.update')
        .slice(updates)
        .filter((c) => c.body.channel === `D${OTHER_APPROVER}`),
    ).toHaveLength(0);
  });
});
