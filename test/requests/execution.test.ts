import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createWorkflow } from '../../src/requests/index.js';
import { SEED_PACKAGES } from '../../src/sandbox/plans-seed.js';
import { openStore } from '../../src/store/open-store.js';
import { createSecretsCipher } from '../../src/store/secrets-cipher.js';
import { BAD_CASES, NOW } from '../operations/bad-inputs.js';
import { approvalPolicy } from '../support/approval-policy.js';
import { storeKinds } from '../support/test-db.js';
import {
  APPROVERS,
  CHANNEL,
  PORTIN_FORM,
  PROVISION_FORM,
  REQUESTER,
  startWorkflowFixture,
} from './fixture.js';

const SECRETS = [PORTIN_FORM.currentAccountNumber, PORTIN_FORM.currentAccountPassword, '583920'];

describe.each(storeKinds())('execution on %s', (kind) => {
  let fx: Awaited<ReturnType<typeof startWorkflowFixture>>;
  beforeAll(async () => {
    fx = await startWorkflowFixture(kind);
  });
  afterAll(async () => {
    // Nothing secret in any log line of the whole file.
    const text = fx.log.text();
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    await fx.close();
  });

  it('a provision hitting a 504 is unknown, never retried, and reconciled from the inventory', async () => {
    const outcome = await fx.workflow.submit({
      kind: 'provision',
      raw: PROVISION_FORM,
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    const before = fx.mutations('/v1.0/numbers/provision').length;
    fx.sandbox.injectFault({
      endpoint: '/v1.0/numbers/provision',
      kind: '504',
      count: 1,
      applyMutation: true,
    });

    const approved = await fx.workflow.approve(outcome.request.id, APPROVERS[0]!);
    if (approved.status !== 'approved') throw new Error(approved.status);
    expect(approved.execution.status).toBe('unknown');
    expect(fx.mutations('/v1.0/numbers/provision').length - before).toBe(1);

    const stored = await fx.store.requests.get(outcome.request.id);
    expect(stored?.status).toBe('unknown');
    // Words for people with a reference to the log line; never the endpoint or Telegent's raw message.
    expect(stored?.error).toMatch(/did not say whether this worked.*\(ref [a-z0-9]+\)/);
    expect(stored?.error).not.toMatch(/\/v1\.0\//);
    const recorded = (
      stored!.result as { reconciliation: { checked: string; found: boolean; detail: string } }
    ).reconciliation;
    expect(recorded).toMatchObject({ checked: 'inventory', found: true });
    expect(recorded.detail).toMatch(/probably went through/);
    const actions = (await fx.store.audit.listByRequest(outcome.request.id)).map((a) => a.action);
    expect(actions).toContain('execution_unknown');

    // A second approval click after the fact does nothing.
    expect((await fx.workflow.approve(outcome.request.id, APPROVERS[1]!)).status).toBe('already_decided');
    expect(fx.mutations('/v1.0/numbers/provision').length - before).toBe(1);
  });

  it('a provision with a plan whose answer is lost says its plan was not applied and where to apply it', async () => {
    const outcome = await fx.workflow.submit({
      kind: 'provision',
      raw: { ...PROVISION_FORM, packageId: SEED_PACKAGES.unlimitedPlus, planName: 'Unlimited Plus' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    fx.sandbox.injectFault({
      endpoint: '/v1.0/numbers/provision',
      kind: '504',
      count: 1,
      applyMutation: true,
    });
    const approved = await fx.workflow.approve(outcome.request.id, APPROVERS[0]!);
    if (approved.status !== 'approved') throw new Error(approved.status);
    expect(approved.execution.status).toBe('unknown');
    const stored = await fx.store.requests.get(outcome.request.id);
    const { detail, number } = (stored!.result as { reconciliation: { detail: string; number: string } })
      .reconciliation;
    expect(detail).toContain(
      `Its plan Unlimited Plus was not applied; put it on a plan from \`/telegent number ${number}\`.`,
    );
  });

  it('a request whose executor died mid-call becomes unknown, reconciled, never re-sent', async () => {
    let clock = new Date();
    const workflow = createWorkflow({
      store: fx.store,
      telegent: fx.telegent,
      policy: approvalPolicy({ requiredFor: [] }),
      isApprover: async () => true,
      logger: fx.log.logger,
      now: () => clock,
    });
    // Simulate the crash: the request is claimed for execution and the process dies before Telegent answers.
    const { request } = await fx.store.requests.insert({
      kind: 'provision',
      status: 'approved',
      input: { ...PROVISION_FORM, numberType: 'mvno', messageType: 'p2p' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    await fx.store.requests.claimExecution(request.id, clock);
    const before = fx.sandbox.mutations().length;

    expect(await workflow.recoverStuckExecutions()).toEqual([]); // still within the window
    clock = new Date(clock.getTime() + 11 * 60_000);
    const recovered = await workflow.recoverStuckExecutions();
    expect(recovered).toHaveLength(1);
    expect(recovered[0]).toMatchObject({ status: 'unknown', reconciliation: { checked: 'inventory' } });
    expect((await fx.store.requests.get(request.id))?.status).toBe('unknown');
    expect(fx.sandbox.mutations().length).toBe(before);
    expect(await workflow.recoverStuckExecutions()).toEqual([]); // taken once
    const actions = (await fx.store.audit.listByRequest(request.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['execution_interrupted', 'execution_unknown']));
  });

  it('a definite Telegent refusal is failed with an actionable error', async () => {
    const outcome = await fx.workflow.submit({
      kind: 'provision',
      raw: { ...PROVISION_FORM, areaCode: '900' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    const approved = await fx.workflow.approve(outcome.request.id, APPROVERS[0]!);
    if (approved.status !== 'approved') throw new Error(approved.status);
    expect(approved.execution).toMatchObject({ status: 'failed' });
    expect((await fx.store.requests.get(outcome.request.id))?.status).toBe('failed');
  });

  it('keeps port-in secrets encrypted until execution, then purges them', async () => {
    const outcome = await fx.workflow.submit({
      kind: 'portin',
      raw: PORTIN_FORM,
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    const raw = async () =>
      JSON.stringify(
        (await fx.store.db.query('SELECT * FROM requests WHERE id = $1', [outcome.request.id])).rows,
      );
    const atRest = await raw();
    for (const secret of SECRETS.slice(0, 2)) expect(atRest).not.toContain(secret);
    expect(atRest).toMatch(/"secrets":"v1:/);
    expect(outcome.request.input).toMatchObject({
      currentAccountNumber: '••••',
      phoneNumber: '+14155550142',
    });

    const approved = await fx.workflow.approve(outcome.request.id, APPROVERS[0]!);
    if (approved.status !== 'approved') throw new Error(approved.status);
    expect(approved.execution.status).toBe('succeeded');
    // The real secrets reached Telegent (masked in the sandbox journal) …
    const submitted = fx.mutations('/v1.0/numbers/portin').at(-1);
    expect(submitted?.body).toMatchObject({ PortInNumber: '+14155550142', CurrentAccountNumber: '***' });
    // … and are gone from the database.
    expect(await raw()).toMatch(/"secrets":null/);
    const order = await fx.store.orders.get(
      (approved.execution as { order: { orderId: string } }).order.orderId,
    );
    expect(order).toMatchObject({
      kind: 'portin',
      numbers: ['+14155550142'],
      channelId: CHANNEL,
      closedAt: null,
    });
  });

  it('shows a generated port-out PIN to the requester once, and stores it nowhere', async () => {
    const number = (await fx.telegent.listInventory({ PageNumber: 1 })).PhoneNumbers[3]!.Number;
    const outcome = await fx.workflow.submit({
      kind: 'portout',
      raw: { phoneNumber: number, pin: '583920', verificationMethod: 'Photo ID in store' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    expect(JSON.stringify(outcome.request)).not.toContain('583920');
    const approved = await fx.workflow.approve(outcome.request.id, APPROVERS[2]!);
    if (approved.status !== 'approved' || approved.execution.status !== 'succeeded')
      throw new Error('not executed');
    expect(approved.execution.revealToRequester).toMatchObject({ secret: '583920' });
    const rows = JSON.stringify((await fx.store.db.query('SELECT * FROM requests')).rows);
    expect(rows).not.toContain('583920');
  });

  it('secrets written under an older ENCRYPTION_KEY: the request fails with the reason, nothing is sent', async () => {
    const number = (await fx.telegent.listInventory({ PageNumber: 1 })).PhoneNumbers[4]!.Number;
    const outcome = await fx.workflow.submit({
      kind: 'portout',
      raw: { phoneNumber: number, pin: '715004', verificationMethod: 'Photo ID in store' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    // As if the key was rotated after the request was filed.
    const oldKey = createSecretsCipher(randomBytes(32)).encrypt({ pin: '715004' });
    await fx.store.db.query('UPDATE requests SET secrets = $1 WHERE id = $2', [oldKey, outcome.request.id]);
    const before = fx.mutations('/v1.0/numbers/portout').length;
    const approved = await fx.workflow.approve(outcome.request.id, APPROVERS[1]!);
    if (approved.status !== 'approved') throw new Error(approved.status);
    expect(approved.execution).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/cannot be read with the current ENCRYPTION_KEY/),
    });
    expect(fx.mutations('/v1.0/numbers/portout').length).toBe(before);
    expect((await fx.store.requests.get(outcome.request.id))?.status).toBe('failed');
  });

  it('update and cancel only act on port-ins this app tracks', async () => {
    const unknownOrder = await fx.workflow.submit({
      kind: 'portin-cancel',
      raw: { orderId: 'JNUOID-00000000-0000-4000-8000-000000000000' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    expect(unknownOrder).toMatchObject({
      status: 'invalid',
      errors: { orderId: expect.stringMatching(/not a port-in/) },
    });
  });

  it(`refuses ${BAD_CASES.length} bad inputs before anything reaches Telegent`, async () => {
    const journalBefore = fx.sandbox.journal().length;
    const requestsBefore = (await fx.store.db.query('SELECT count(*)::int AS n FROM requests')).rows[0];
    const workflow = createWorkflow({
      store: fx.store,
      telegent: fx.telegent,
      policy: approvalPolicy(),
      isApprover: async () => true,
      logger: fx.log.logger,
      now: NOW,
    });
    for (const bad of BAD_CASES) {
      const outcome = await workflow.submit({
        kind: bad.kind,
        raw: bad.raw,
        requestedBy: REQUESTER,
        channelId: CHANNEL,
      });
      expect(outcome.status, bad.name).toBe('invalid');
      if (outcome.status === 'invalid')
        expect(Object.values(outcome.errors).join(' '), bad.name).toMatch(bad.message);
    }
    expect(fx.sandbox.journal().length).toBe(journalBefore);
    expect((await fx.store.db.query('SELECT count(*)::int AS n FROM requests')).rows[0]).toEqual(
      requestsBefore,
    );
  });
});

describe('embedded store restart', () => {
  it('a request and its order survive closing and reopening DATA_DIR', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'telegent-restart-'));
    const fx = await startWorkflowFixture('pglite');
    try {
      const store = await openStore({ dataDir, logger: silentLogger });
      const policy = approvalPolicy({ requiredFor: [] });
      const workflow = createWorkflow({
        store,
        telegent: fx.telegent,
        policy,
        isApprover: async () => true,
        logger: silentLogger,
      });
      const outcome = await workflow.submit({
        kind: 'provision',
        raw: PROVISION_FORM,
        requestedBy: REQUESTER,
        channelId: CHANNEL,
      });
      if (outcome.status !== 'executed' || outcome.execution.status !== 'succeeded')
        throw new Error('not executed');
      const orderId = outcome.execution.order?.orderId;
      await store.close();

      const reopened = await openStore({ dataDir, logger: silentLogger });
      expect((await reopened.requests.get(outcome.request.id))?.status).toBe('succeeded');
      expect((await reopened.orders.get(String(orderId)))?.requestId).toBe(outcome.request.id);
      await reopened.close();
    } finally {
      await fx.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
