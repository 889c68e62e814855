import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import { operations } from '../../src/operations/registry.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import { lineChangeModal } from '../../src/views/modals/line-change-modal.js';
import { inputIds } from '../support/fill-view.js';
import { APPROVALS_CHANNEL, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

const METHODS = ['Photo ID in store', 'Security question on the account'];

describe('risky changes record how the customer was verified (no CUSTOMER_NOTICE_FROM)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ deps: { verificationMethods: METHODS } });
  });
  afterAll(() => e2e.close());

  const requestsOf = async (kind: string, number: string) =>
    (
      await e2e.store.db.query<{ id: string; input: Record<string, unknown> }>(
        "SELECT id, input FROM requests WHERE kind = $1 AND input->>'phoneNumber' = $2",
        [kind, number],
      )
    ).rows;

  it('Swap SIM…: no method or one not on the list is refused under the field; nothing is filed or sent', async () => {
    const number = SEED_NUMBERS[10]!;
    await e2e.slack.blockAction({
      actionId: 'number.swap-sim',
      value: number,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: '1.5',
    });
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.line.swap-sim');
    // The configured list, as the choices (VERIFICATION_METHODS replaces the default list).
    expect(textOf(form.view)).toContain('How was the customer verified?');
    expect(textOf(form.view)).toContain('Security question on the account');
    expect(textOf(form.view)).not.toContain('Account PIN or passcode');

    const missing = await e2e.submit(form, { verificationMethod: '' });
    expect(missing.body.response_action).toBe('errors');
    expect(Object.keys(missing.body.errors as object)).toEqual(['verificationMethod']);
    expect(textOf(missing.body.errors)).toMatch(/Required; pick how you checked/);

    const bad = await e2e.submit(form, {
      verificationMethod: { value: 'The customer sounded nice', text: 'The customer sounded nice' },
    });
    expect(bad.body.response_action).toBe('errors');
    expect(textOf(bad.body.errors)).toContain('Choose one of the listed methods');

    expect(await requestsOf('swap-sim', number)).toHaveLength(0);
    expect(e2e.sandbox.mutations()).toHaveLength(0);
  });

  it('only the changes fraudsters use ask it: park and activate do not', () => {
    const form = (kind: 'park' | 'activate' | 'swap-sim' | 'cancel-line') =>
      inputIds(
        lineChangeModal({
          op: operations[kind],
          phoneNumber: '+18015550100',
          facts: [],
          today: '2026-12-07',
          metadata: '{}',
          verificationMethods: METHODS,
        }),
      );
    expect(form('park')).not.toContain('verificationMethod');
    expect(form('activate')).not.toContain('verificationMethod');
    expect(form('swap-sim')).toContain('verificationMethod');
    expect(form('cancel-line')).toContain('verificationMethod');
  });

  it('the method is stored with the request, shown on the approval card and kept in the audit log', async () => {
    const number = SEED_NUMBERS[11]!;
    await e2e.command(`portout ${number}`);
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portout' && textOf(v).includes(number),
    );
    const filed = await e2e.submit(form, { verificationMethod: 'Security question on the account' });
    expect(filed.body.response_action).toBe('update');
    let card: unknown;
    await expect
      .poll(() => {
        card = e2e.fake
          .callsTo('chat.postMessage')
          .find(
            (c) => c.body.channel === APPROVALS_CHANNEL && textOf(c.body).includes(formatPhone(number)),
          )?.body;
        return card;
      })
      .toBeDefined();
    expect(textOf(card)).toContain('Customer verified by');
    expect(textOf(card)).toContain('Security question on the account');
    // CUSTOMER_NOTICE_FROM is not set here: nobody is texted, and the card says so.
    expect(textOf(card)).toContain('Customer not texted:* CUSTOMER_NOTICE_FROM is not set');
    expect(e2e.sandbox.sentMessages()).toHaveLength(0);

    const [request] = await requestsOf('portout', number);
    expect(request?.input.verificationMethod).toBe('Security question on the account');
    const audit = await e2e.store.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_log WHERE request_id = $1 AND action = 'submitted'",
      [request!.id],
    );
    expect(audit.rows[0]?.details.verificationMethod).toBe('Security question on the account');
  });
});
