import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { TEST_DATABASE_URL } from '../support/test-db.js';
import {
  APPROVALS_CHANNEL,
  APPROVER,
  CHANNEL,
  type E2E,
  fileProvision,
  OTHER_APPROVER,
  startE2E,
  startReplica,
  textOf,
} from './harness.js';

/** A provision needs two approvers here, so a request passes through "1 of 2" on its way to approved. */
const approvals = { approverUserIds: [APPROVER, OTHER_APPROVER], approvalsNeeded: { provision: 2 } };

/** A gate a fake Slack hold waits on: `reached` once the call is held, `open()` lets it through. */
function gate() {
  let reach!: () => void;
  let open!: () => void;
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const hold = async () => {
    reach();
    await opened;
  };
  return { reached, open, hold };
}

describe(`approval cards when Slack is slow or misbehaves (${TEST_DATABASE_URL ? 'Postgres server' : 'PGlite'})`, () => {
  let e2e: E2E;
  let replica: Awaited<ReturnType<typeof startReplica>>;
  beforeAll(async () => {
    e2e = await startE2E({ storeKind: TEST_DATABASE_URL ? 'postgres' : 'pglite', approvals });
    replica = await startReplica(e2e, { approvals });
  });
  afterAll(async () => {
    await replica?.close();
    await e2e?.close();
  });

  /** What Slack shows now for the card (the stored message, after every post and edit it applied). */
  const cardNow = (ts: string) => e2e.fake.messagesIn(APPROVALS_CHANNEL).find((m) => m.ts === ts);

  it('the decision lands while the card is being posted: the card then shows it, not live buttons', async () => {
    const outcome = await fileProvision(e2e);
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    const id = outcome.request.id;
    const slack = gate();
    e2e.fake.holdNext('chat.postMessage', (c) => c.body.channel === APPROVALS_CHANNEL, slack.hold);
    const filing = e2e.ops.ctx.messages.sync(id);
    await slack.reached; // Slack has the card; its answer (the ts) has not come back
    await e2e.ops.ctx.workflow.approve(id, APPROVER);
    // The deciding approval asks for a redraw while the first one is still drawing: it is drawn after it.
    const deciding = e2e.ops.ctx.workflow.approve(id, OTHER_APPROVER, {
      onApproved: (request) => e2e.ops.ctx.messages.sync(request.id),
    });
    await expect.poll(async () => (await e2e.store.requests.get(id))?.status).not.toBe('pending_approval');
    slack.open();
    await filing;
    expect((await deciding).status).toBe('approved');

    const cardTs = (await e2e.store.requests.get(id))!.cardTs!;
    const card = textOf(cardNow(cardTs));
    expect(card).toContain(`<@${APPROVER}>`);
    expect(card).toContain(`<@${OTHER_APPROVER}>`);
    expect(card).toMatch(/Approved by/);
    expect(card).not.toContain('request.approve');
  });

  it('two redraws racing, the older one slow in Slack: the card ends showing the newer state (two replicas)', async () => {
    const outcome = await fileProvision(e2e, { subscriber: 4 });
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    const id = outcome.request.id;
    await e2e.ops.ctx.messages.sync(id);
    const cardTs = (await e2e.store.requests.get(id))!.cardTs!;
    expect(textOf(cardNow(cardTs))).toContain('request.approve');

    // The "1 of 2" redraw's chat.update reaches Slack late: Slack applies it only when the gate opens.
    const slack = gate();
    e2e.fake.holdNext('chat.update', (c) => c.body.ts === cardTs, slack.hold, { before: true });
    expect((await e2e.ops.ctx.workflow.approve(id, APPROVER)).status).toBe('approval_recorded');
    const older = e2e.ops.ctx.messages.sync(id);
    await slack.reached;
    // Meanwhile the other replica records the deciding approval, asks for a redraw and runs the request.
    const deciding = await replica.ops.ctx.workflow.approve(id, OTHER_APPROVER, {
      onApproved: (request) => replica.ops.ctx.messages.sync(request.id),
    });
    expect(deciding.status).toBe('approved');
    if (deciding.status === 'approved') await replica.ops.ctx.afterExecution(deciding.execution);
    slack.open();
    await older;

    const updates = e2e.fake.callsTo('chat.update').filter((c) => c.body.ts === cardTs);
    // The slow "1 of 2" was applied first, the decided card after it: never the other way round.
    expect(textOf(updates[0]?.body)).toContain('1 of 2 approved');
    const card = textOf(cardNow(cardTs));
    expect(card).toMatch(/Approved by/);
    expect(card).not.toContain('request.approve');
    expect(card).not.toContain('1 of 2 approved');
  });

  it('a card Slack took but whose answer was lost is found by its metadata at the next redraw, not posted again', async () => {
    const outcome = await fileProvision(e2e, { subscriber: 5 });
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    const id = outcome.request.id;
    const cards = () =>
      e2e.fake
        .messagesIn(APPROVALS_CHANNEL)
        .filter((m) => !m.thread_ts && m.metadata?.event_payload?.request_id === id);
    e2e.fake.failNext('chat.postMessage', { acceptedThenStatus: 500 });
    await e2e.ops.ctx.messages.sync(id);
    expect(cards()).toHaveLength(1); // Slack has it; the app did not hear so
    expect((await e2e.store.requests.get(id))?.cardTs).toBeNull();

    await e2e.ops.ctx.messages.sync(id); // the next step's redraw (or the request-redraws job) repairs
    expect(cards()).toHaveLength(1);
    const request = await e2e.store.requests.get(id);
    expect(request?.cardTs).toBe(cards()[0]!.ts);
    // The story, posted meanwhile without the card's link, now links to it.
    const story = e2e.fake.messagesIn(CHANNEL).find((m) => m.ts === request?.storyTs);
    expect(textOf(story)).toContain('open the approval request');
  });

  it('a card Slack will not take (rate limited past the retries) leaves a clear warning and App Home to approve from', async () => {
    await e2e.command('provision 801');
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.provision');
    for (let i = 0; i < 8; i++) e2e.fake.failNext('chat.postMessage', { error: 'ratelimited' });
    await e2e.submit(form, {
      productType: 'Sms-Only',
      messageRouteId: SEED_MESSAGE_ROUTE_IDS[0]!,
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[4]!,
    });
    await expect
      .poll(
        () =>
          e2e.fake
            .callsTo('views.update')
            .some((c) => textOf(c.body.view).includes('did not accept the approval card')),
        { timeout: 20_000 },
      )
      .toBe(true);
    const pending = await e2e.ops.ctx.workflow.listWaitingFor(APPROVER);
    expect(pending.some((r) => r.cardTs === null)).toBe(true);
    expect(e2e.log.text()).not.toMatch(/"level":50/);
  }, 30_000);
});
