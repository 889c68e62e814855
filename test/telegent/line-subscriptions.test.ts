import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_SUBSCRIPTIONS } from '../../src/sandbox/plans-seed.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import { findLineSubscriptions, findLineSubscriptionsById } from '../../src/telegent/line-subscriptions.js';
import { isPlansNotEnabled } from '../../src/telegent/plans-availability.js';
import { callsTo, startClientOnSandbox } from '../support/sandbox-client.js';

const env = await startClientOnSandbox({ speed: 0 });
const { client, sb } = env;
afterAll(() => env.close());
beforeEach(() => {
  sb.allowPlans();
  sb.clearJournal();
});

const line = (seed: { numberIndex: number }) => {
  const record = sb.getNumber(SEED_NUMBERS[seed.numberIndex] as string);
  if (!record) throw new Error('seeded number missing');
  return record;
};

describe('a line’s subscriptions', () => {
  it('finds the live subscription by either id of the number, in any casing', async () => {
    const unlimited = line(SEED_SUBSCRIPTIONS.unlimited);
    const byNid = await findLineSubscriptions(client, {
      tnid: unlimited.Tnid,
      phoneNumberId: unlimited.PhoneNumberId.toLowerCase(),
    });
    expect(byNid.map((s) => s.SubscriptionId)).toEqual([SEED_SUBSCRIPTIONS.unlimited.id]);
    const basic = line(SEED_SUBSCRIPTIONS.basic);
    const byTnid = await findLineSubscriptions(client, { tnid: basic.Tnid.toUpperCase() });
    expect(byTnid.map((s) => s.SubscriptionId)).toEqual([SEED_SUBSCRIPTIONS.basic.id]);
  });

  it('finds one made with the NID- from a card that knows only the TNID- and the SIM', async () => {
    const unlimited = line(SEED_SUBSCRIPTIONS.unlimited);
    const found = await findLineSubscriptions(client, { tnid: unlimited.Tnid, iccid: unlimited.Iccid });
    expect(found.map((s) => s.SubscriptionId)).toEqual([SEED_SUBSCRIPTIONS.unlimited.id]);
    expect(await findLineSubscriptions(client, { tnid: unlimited.Tnid })).toEqual([]);
  });

  it('an Active:false subscription is not the line’s plan', async () => {
    const lapsed = line(SEED_SUBSCRIPTIONS.inactive);
    expect(
      await findLineSubscriptions(client, { tnid: lapsed.Tnid, phoneNumberId: lapsed.PhoneNumberId }),
    ).toEqual([]);
  });

  it('reads the account list when the distributor list is refused (403)', async () => {
    sb.refusePlans({ status: 403, paths: ['/v1.0/distributor/subscriptions'] });
    const basic = line(SEED_SUBSCRIPTIONS.basic);
    const found = await findLineSubscriptions(client, { tnid: basic.Tnid });
    expect(found.map((s) => s.SubscriptionId)).toEqual([SEED_SUBSCRIPTIONS.basic.id]);
    expect(callsTo(sb, '/v1.0/account/subscriptions').filter((e) => e.status === 200)).toHaveLength(1);
  });

  it('throws a plans-not-enabled error when no list answers', async () => {
    sb.refusePlans();
    const error = await findLineSubscriptions(client, { tnid: 'TNID-1' }).catch((e: unknown) => e);
    expect(isPlansNotEnabled(error)).toBe(true);
  });

  it('before a create, a line is matched by its ids, by SIM only when the subscription names no number', async () => {
    const unlimited = line(SEED_SUBSCRIPTIONS.unlimited);
    // Its subscription names the NID-: a SIM alone does not make another TNID- look billed.
    expect(
      await findLineSubscriptionsById(client, { tnid: 'TNID-someone-else', iccid: unlimited.Iccid }),
    ).toEqual([]);
    const byNid = await findLineSubscriptionsById(client, { tnid: unlimited.PhoneNumberId });
    expect(byNid.map((s) => s.SubscriptionId)).toEqual([SEED_SUBSCRIPTIONS.unlimited.id]);
  });
});
