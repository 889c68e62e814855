import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import { TEST_DATABASE_URL } from '../support/test-db.js';
import {
  APPROVALS_CHANNEL,
  APPROVER,
  type E2E,
  OTHER_APPROVER,
  REQUESTER,
  startE2E,
  startReplica,
  textOf,
} from './harness.js';

/** More approvers than the usual two: the 20 concurrent second-approver clicks come from ten people. */
const APPROVERS = [APPROVER, OTHER_APPROVER, ...Array.from({ length: 10 }, (_, i) => `U0APPROVR${10 + i}`)];
const approvals = { approverUserIds: APPROVERS, approvalsNeeded: { portout: 2 } } as const;

// Two app instances on one store: PGlite by default, the Postgres server (two pools) with TEST_DATABASE_URL.
describe(`2-of-N port-out approvals over two app instances (${TEST_DATABASE_URL ? 'Postgres server' : 'PGlite'})`, () => {
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

  const portouts = () =>
    e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === '/v1.0/numbers/portout');
  const answers = () => e2e.responses().map((r) => textOf(r.body));

  async function submitPortout(number: string): Promise<{ requestId: string; ts: string }> {
    await e2e.command(`portout ${number}`);
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portout' && textOf(v).includes(number),
    );
    const submitted = await e2e.submit(form, { pin: '4455' });
    expect(submitted.body).toMatchObject({ response_action: 'update' });
    const card = await e2e.fake.waitFor(
      'chat.postMessage',
      (c) => c.body.channel === APPROVALS_CHANNEL && textOf(c.body).includes(formatPhone(number)),
      10_000,
    );
    const requestId = JSON.stringify(card.body.blocks).match(/"value":"(req_[a-z0-9]+)"/)?.[1] ?? '';
    expect(textOf(card.body)).toContain('Needs 2 different approvers');
    return { requestId, ts: String(card.response.ts) };
  }

  it('one approval does nothing at Telegent, shows "1 of 2", refuses a second click by the same approver; the second approver executes it once', async () => {
    const { requestId, ts } = await submitPortout(SEED_NUMBERS[5]!);
    const click = (userId: string, via = e2e.slack) =>
      via.blockAction({
        actionId: 'request.approve',
        value: requestId,
        userId,
        channelId: APPROVALS_CHANNEL,
        messageTs: ts,
      });

    const before = answers().length;
    await click(APPROVER);
    await expect.poll(() => answers().length).toBe(before + 1);
    expect(answers()[before]).toContain(`Your approval is recorded (1 of 2 approved by <@${APPROVER}>)`);
    const progress = await e2e.fake.waitFor('chat.update', (c) => c.body.ts === ts, 5_000);
    expect(textOf(progress.body)).toContain(`1 of 2 approved by <@${APPROVER}>`);
    expect(textOf(progress.body)).toContain('request.approve'); // still decidable
    expect(portouts()).toHaveLength(0);
    expect((await e2e.store.requests.get(requestId))?.status).toBe('pending_approval');

    // The same approver again (through the other replica): refused with a sentence, nothing counted.
    await click(APPROVER, replica.slack);
    await expect.poll(() => answers().length).toBe(before + 2);
    expect(answers()[before + 1]).toMatch(
      /You already approved this request \(1 of 2 approved by .*\): the next approval has to come from a different approver/,
    );
    // The requester cannot be one of the two.
    await click(REQUESTER);
    await expect.poll(() => answers().length).toBe(before + 3);
    expect(answers()[before + 2]).toMatch(/Only approvers|own request/);
    expect((await e2e.store.requests.get(requestId))?.approvedBy).toEqual([APPROVER]);

    await click(OTHER_APPROVER, replica.slack);
    await expect.poll(() => portouts().length).toBe(1);
    await expect
      .poll(() =>
        e2e.fake
          .callsTo('chat.update')
          .some(
            (c) =>
              c.body.ts === ts &&
              textOf(c.body).includes(`Approved by <@${APPROVER}> and <@${OTHER_APPROVER}>`),
          ),
      )
      .toBe(true);
    await expect.poll(async () => (await e2e.store.requests.get(requestId))?.status).toBe('succeeded');
    const actions = (await e2e.store.audit.listByRequest(requestId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['approval_recorded', 'approve_refused', 'approved']));
  });

  it('20 concurrent second-approver clicks over two replicas give exactly one port-out at Telegent', async () => {
    const { requestId, ts } = await submitPortout(SEED_NUMBERS[6]!);
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: requestId,
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: ts,
    });
    await expect.poll(async () => (await e2e.store.requests.get(requestId))?.approvedBy.length).toBe(1);
    const before = portouts().length;
    const seconds = APPROVERS.slice(2);
    const clicks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? replica.slack : e2e.slack).blockAction({
          actionId: 'request.approve',
          value: requestId,
          userId: seconds[i % seconds.length]!,
          channelId: APPROVALS_CHANNEL,
          messageTs: ts,
        }),
      ),
    );
    expect(clicks.every((c) => c.status === 200)).toBe(true);
    await expect
      .poll(async () => (await e2e.store.requests.get(requestId))?.status, { timeout: 15_000 })
      .toBe('succeeded');
    await new Promise((resolve) => setTimeout(resolve, 500)); // a late second port-out would show up now
    expect(portouts().length - before).toBe(1);
    const request = await e2e.store.requests.get(requestId);
    expect(request?.approvedBy).toHaveLength(2);
    expect(request?.approvedBy[0]).toBe(APPROVER);
  });
});
