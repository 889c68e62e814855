import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portIn, portInToTelegent } from '../../src/operations/portin-submit.js';
import { ITEM_LEASE_SECONDS } from '../../src/requests/batch.js';
import { createSecretsCipher } from '../../src/store/secrets-cipher.js';
import { storeKinds } from '../support/test-db.js';
import { CHANNEL, PORTIN_FORM, REQUESTER, startWorkflowFixture, workflowOnClock } from './fixture.js';

const PORTIN_PATH = '/v1.0/numbers/portin';
const [SENT, CLAIMED, UNTOUCHED] = ['+13135550761', '+13135550762', '+13135550763'];

/**
 * kill -9 in the middle of a port-in of three numbers, and the restart comes up with another ENCRYPTION_KEY:
 * the carrier account (the request's secrets) cannot be read. The taken-over batch must not send a port-in
 * without its account number: the item sent before the crash is read back (never sent again), the two not sent
 * yet fail with the reason, and nothing more reaches Telegent.
 */
describe.each(storeKinds())('a port-in batch resumed with unreadable secrets on %s', (kind) => {
  let fx: Awaited<ReturnType<typeof startWorkflowFixture>>;
  beforeAll(async () => {
    fx = await startWorkflowFixture(kind);
  }, 60_000);
  afterAll(() => fx?.close());

  it('fails the items not sent yet with the reason, sends nothing more; the one sent before the crash is read back', async () => {
    let clock = new Date();
    const workflow = workflowOnClock(fx, () => clock);
    const filed = await fx.workflow.submit({
      kind: 'portin',
      raw: { ...PORTIN_FORM, phoneNumber: SENT, phoneNumbers: [SENT, CLAIMED, UNTOUCHED] },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (filed.status !== 'pending_approval') throw new Error(JSON.stringify(filed));
    const requestId = filed.request.id;
    // The dead process: stored the approval, claimed the request with its three items, …
    await fx.store.db.query(`UPDATE requests SET status = 'approved' WHERE id = $1`, [requestId]);
    expect(await fx.store.requests.claimExecution(requestId, clock, 3)).not.toBeNull();
    const lease = () => ({ now: clock, leaseSeconds: ITEM_LEASE_SECONDS });
    // … sent the first number's port-in (Telegent made the order) and died before recording the answer, …
    const first = (await fx.store.requestItems.claimNext(requestId, lease()))!;
    expect(await fx.store.requestItems.markSending(first, lease())).toBe(true);
    await fx.telegent.submitPortIn(
      portInToTelegent(portIn.input.parse({ ...PORTIN_FORM, phoneNumber: SENT })),
    );
    // … and had claimed the second without sending it. The third was never reached.
    expect((await fx.store.requestItems.claimNext(requestId, lease()))?.item).toBe(1);
    const sentBefore = fx.mutations(PORTIN_PATH).length;

    // The restart runs with another ENCRYPTION_KEY: the secrets written under the old one cannot be read.
    const otherKey = createSecretsCipher(randomBytes(32)).encrypt({
      currentAccountNumber: PORTIN_FORM.currentAccountNumber,
      currentAccountPassword: PORTIN_FORM.currentAccountPassword,
    });
    await fx.store.db.query('UPDATE requests SET secrets = $1 WHERE id = $2', [otherKey, requestId]);

    // The dead claims run out; the housekeeping job takes the batch over.
    clock = new Date(clock.getTime() + (ITEM_LEASE_SECONDS + 1) * 1000);
    await fx.store.db.query(
      `UPDATE request_items SET claimed_until = now() - interval '1 second'
       WHERE request_id = $1 AND status = 'claimed'`,
      [requestId],
    );
    await fx.store.db.query(
      `UPDATE request_items SET updated_at = updated_at - interval '5 minutes' WHERE request_id = $1`,
      [requestId],
    );
    const outcomes = await workflow.recoverStuckExecutions();
    expect(outcomes.map((o) => o.status)).toEqual(['unknown']);

    // Nothing more reached Telegent: no port-in of the two numbers, not even one refused for lack of an account.
    expect(fx.mutations(PORTIN_PATH).length).toBe(sentBefore);
    const touched = fx.sandbox
      .journal()
      .filter((j) => j.path.toLowerCase() === PORTIN_PATH)
      .map((j) => (j.body as { PortInNumber?: string }).PortInNumber);
    expect(touched).toEqual([SENT]);

    const items = await fx.store.requestItems.list(requestId);
    expect(items.map((i) => [i.item, i.status, i.attempts])).toEqual([
      [0, 'unknown', 1],
      [1, 'failed', 0],
      [2, 'failed', 0],
    ]);
    // The one sent is read back (its number is on the account only when the port completes), never re-sent.
    expect(items[0]!.error).toContain('not sent again');
    expect(items[0]!.result).toMatchObject({ reconciliation: { found: false, number: SENT } });
    for (const item of items.slice(1)) {
      expect(item.error).toMatch(/cannot be read with the current ENCRYPTION_KEY/);
      expect(item.error).toContain('nothing was sent');
    }
    const request = await fx.store.requests.get(requestId);
    expect(request?.status).toBe('unknown');
    expect(request?.error).toContain('ENCRYPTION_KEY');
    // No secret in what the request, its items or the log say.
    const said = JSON.stringify([request, items, fx.log.text()]);
    expect(said).not.toContain(PORTIN_FORM.currentAccountNumber);
    expect(said).not.toContain(PORTIN_FORM.currentAccountPassword);

    // Run again: nothing is left, nothing more is sent.
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await workflow.recoverStuckExecutions()).toEqual([]);
    expect(fx.mutations(PORTIN_PATH).length).toBe(sentBefore);
  });
});
