import { afterAll, describe, expect, it } from 'vitest';
import { SEED_NUMBERS, SEED_SUBSCRIBER_IDS } from '../../../src/sandbox/seed.js';
import { isTelegentError, peopleText, type TelegentError } from '../../../src/telegent/errors.js';
import { callsTo, startClientOnSandbox } from '../../support/sandbox-client.js';

// telegent.guardian.* through the real client over HTTP against the sandbox (plans-guardian reference §3).

const env = await startClientOnSandbox();
const { sb } = env;
const guardian = env.client.guardian;
afterAll(() => env.close());

/** Seeded subscribers 0..5 own SEED_NUMBERS i and i+6. */
const ANA = SEED_SUBSCRIBER_IDS[0];
const ANA_LINE = SEED_NUMBERS[0] as string;
const ANA_OTHER_LINE = SEED_NUMBERS[6] as string;
const BEN = SEED_SUBSCRIBER_IDS[1];
const BEN_LINE = SEED_NUMBERS[1] as string;
const CARA = SEED_SUBSCRIBER_IDS[2];
const CARA_LINE = SEED_NUMBERS[2] as string;
const UNKNOWN = 'TSUID-00000000-0000-4000-8000-000000000000';
const SUB = '/v1.0/subscribers';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => {
      if (!isTelegentError(error)) throw error;
      return error as TelegentError;
    },
  );
/** The last request the sandbox received on a path (token requests aside). */
const lastBody = (path: string) => callsTo(sb, path).at(-1)?.body as Record<string, unknown>;

describe('feature switch', () => {
  it('reads false/false for a subscriber never configured, sets both, and reads them back', async () => {
    expect(await guardian.getFeatures(ANA)).toEqual({
      SubscriberId: ANA,
      EnableIntelligentGuardianCalls: false,
      EnableIntelligentGuardianMessages: false,
    });
    const set = await guardian.setFeatures({
      SubscriberId: ANA,
      EnableIntelligentGuardianCalls: true,
      EnableIntelligentGuardianMessages: false,
    });
    expect(set).toEqual({
      SubscriberId: ANA,
      EnableIntelligentGuardianCalls: true,
      EnableIntelligentGuardianMessages: false,
    });
    expect(lastBody(`${SUB}/guardian-features`)).toEqual({
      SubscriberId: ANA,
      EnableIntelligentGuardianCalls: true,
      EnableIntelligentGuardianMessages: false,
    });
    expect((await guardian.getFeatures(ANA)).EnableIntelligentGuardianCalls).toBe(true);
    expect(sb.guardian(ANA)).toMatchObject({ EnableIntelligentGuardianCalls: true });
  });

  it('an unknown subscriber is a 404 TelegentError', async () => {
    const error = await failure(guardian.getFeatures(UNKNOWN));
    expect(error).toMatchObject({ kind: 'http', status: 404, endpoint: `${SUB}/guardian-features` });
  });
});

describe('call filters', () => {
  let filterId = '';
  const ref = () => ({ subscriberId: ANA, filterId });

  it('createCallFilter answers FilterId CFID-…; listCallFilters finds it by subscriber and line', async () => {
    const created = await guardian.createCallFilter({
      SubscriberId: ANA,
      Phone: ANA_LINE,
      FilterMode: 'BLACKLIST',
      BlockedNumbers: ['+18015559999'],
      ApplyToInbound: true,
      ApplyToOutbound: false,
    });
    expect(created).toMatchObject({
      FilterId: expect.stringMatching(/^CFID-/),
      SubscriberId: ANA,
      Phone: ANA_LINE,
      FilterMode: 'BLACKLIST',
      BlockedNumbers: ['+18015559999'],
      AllowedNumbers: [],
      ApplyToInbound: true,
    });
    filterId = created.FilterId;
    const listed = await guardian.listCallFilters({ subscriberId: ANA, phone: ANA_LINE });
    expect(listed.map((f) => f.FilterId)).toEqual([filterId]);
    expect(callsTo(sb, `${SUB}/call-filter`).at(-1)?.query).toEqual({ SubscriberId: ANA, Phone: ANA_LINE });
    expect(await guardian.listCallFilters({ subscriberId: ANA, phone: ANA_OTHER_LINE })).toEqual([]);
  });

  it('a second call filter for the same line is a 409 TelegentError in the KB’s words', async () => {
    const error = await failure(
      guardian.createCallFilter({ SubscriberId: ANA, Phone: ANA_LINE, FilterMode: 'WHITELIST' }),
    );
    expect(error).toMatchObject({
      kind: 'http',
      status: 409,
      telegentMessage: 'Duplicate filter found for the same subscriber and phone number',
    });
    expect(peopleText(error, 'r1')).toMatch(/^Telegent already has a filter of that kind for this line\./);
    expect(sb.guardian(ANA).CallFilters).toHaveLength(1);
  });

  it('blocked numbers: add sends CallFilterId and Numbers; adding twice lists the number once; remove', async () => {
    expect(await guardian.addBlockedNumbers(ref(), ['+13855550000'])).toEqual([
      '+18015559999',
      '+13855550000',
    ]);
    expect(lastBody(`${SUB}/call-filter/blocked-numbers/add`)).toEqual({
      SubscriberId: ANA,
      CallFilterId: filterId,
      Numbers: ['+13855550000'],
    });
    expect(await guardian.addBlockedNumbers(ref(), ['+13855550000'])).toEqual([
      '+18015559999',
      '+13855550000',
    ]);
    expect(await guardian.listBlockedNumbers(ref())).toEqual(['+18015559999', '+13855550000']);
    expect(callsTo(sb, `${SUB}/call-filter/blocked-numbers`).at(-1)?.query).toEqual({
      SubscriberId: ANA,
      CallFilterId: filterId,
    });
    expect(await guardian.removeBlockedNumbers(ref(), ['+13855550000'])).toEqual(['+18015559999']);
  });

  it('allowed numbers: add, list, remove', async () => {
    expect(await guardian.addAllowedNumbers(ref(), ['+18015551111', '+18015552222'])).toEqual([
      '+18015551111',
      '+18015552222',
    ]);
    expect(await guardian.listAllowedNumbers(ref())).toEqual(['+18015551111', '+18015552222']);
    expect(await guardian.removeAllowedNumbers(ref(), ['+18015551111'])).toEqual(['+18015552222']);
    expect(lastBody(`${SUB}/call-filter/allowed-numbers/remove`)).toMatchObject({
      Numbers: ['+18015551111'],
    });
  });

  it('bad numbers and modes are refused by the client before anything is sent', async () => {
    const before = sb.journal().length;
    const refused = [
      await failure(guardian.addBlockedNumbers(ref(), ['801-555-9999'])),
      await failure(guardian.addAllowedNumbers(ref(), [])),
      await failure(guardian.removeBlockedNumbers(ref(), ['+1'])),
      await failure(
        guardian.createCallFilter({ SubscriberId: ANA, Phone: '8015550107', FilterMode: 'BLACKLIST' }),
      ),
      await failure(
        guardian.updateCallFilter({ FilterId: filterId, FilterMode: 'CHILD' as unknown as 'WHITELIST' }),
      ),
      await failure(guardian.listCallFilters({ subscriberId: ANA, phone: 'ana' })),
    ];
    for (const error of refused) expect(error.kind).toBe('invalid-request');
    expect(sb.journal()).toHaveLength(before);
  });

  it('the sandbox refuses a line that is not the subscriber’s (400, surfaced as a TelegentError)', async () => {
    const error = await failure(
      guardian.createCallFilter({ SubscriberId: ANA, Phone: BEN_LINE, FilterMode: 'BLACKLIST' }),
    );
    expect(error).toMatchObject({
      status: 400,
      telegentMessage: 'Phone number does not belong to subscriber',
    });
  });

  it('updateCallFilter sends FilterId and REPLACES the configuration; sending the read filter back keeps it', async () => {
    const [current] = await guardian.listCallFilters({ subscriberId: ANA, phone: ANA_LINE });
    if (!current) throw new Error('no filter');
    const kept = await guardian.updateCallFilter({
      FilterId: current.FilterId,
      FilterMode: 'WHITELIST',
      AllowedNumbers: current.AllowedNumbers,
      BlockedNumbers: current.BlockedNumbers,
      ApplyToInbound: current.ApplyToInbound ?? undefined,
      ApplyToOutbound: current.ApplyToOutbound ?? undefined,
    });
    expect(lastBody(`${SUB}/call-filter/update`)).toMatchObject({
      FilterId: filterId,
      FilterMode: 'WHITELIST',
    });
    expect(lastBody(`${SUB}/call-filter/update`)).not.toHaveProperty('CallFilterId');
    expect(kept).toMatchObject({
      FilterMode: 'WHITELIST',
      AllowedNumbers: ['+18015552222'],
      BlockedNumbers: ['+18015559999'],
    });
    expect(sb.guardian(ANA).CallFilters[0]).toMatchObject({ ApplyToInbound: true });

    // Only the mode sent: everything else is reset.
    const replaced = await guardian.updateCallFilter({ FilterId: filterId, FilterMode: 'BLACKLIST' });
    expect(replaced).toMatchObject({ FilterMode: 'BLACKLIST', AllowedNumbers: [], BlockedNumbers: [] });
    expect(sb.guardian(ANA).CallFilters[0]).toMatchObject({ ApplyToInbound: false, BlockedNumbers: [] });
  });

  it('deleteCallFilter sends CallFilterId; an unknown filter is a 404', async () => {
    const deleted = await guardian.deleteCallFilter(filterId);
    expect(deleted).toMatchObject({ Status: 'Deleted', FilterId: filterId });
    expect(lastBody(`${SUB}/call-filter/delete`)).toEqual({ CallFilterId: filterId });
    expect(sb.guardian(ANA).CallFilters).toEqual([]);
    expect(await failure(guardian.deleteCallFilter(filterId))).toMatchObject({ status: 404 });
    expect(await failure(guardian.listBlockedNumbers(ref()))).toMatchObject({ status: 404 });
  });
});

describe('message filters', () => {
  let filterId = '';
  const ref = () => ({ subscriberId: BEN, filterId });

  it('createMessageFilter answers FilterId MFID-… (Guardian off: it exists, without effect)', async () => {
    const created = await guardian.createMessageFilter({
      SubscriberId: BEN,
      Phone: BEN_LINE,
      FilterMode: 'MONITOR_ONLY',
      BlockLinks: true,
      KeywordFilter: '{"CustomKeywords":["scam"]}',
    });
    expect(created).toMatchObject({
      FilterId: expect.stringMatching(/^MFID-/),
      FilterMode: 'MONITOR_ONLY',
      BlockLinks: true,
      KeywordFilter: '{"CustomKeywords":["scam"]}',
    });
    filterId = created.FilterId;
    expect(sb.guardian(BEN)).toMatchObject({
      EnableIntelligentGuardianMessages: false,
      MessageFilters: [{ FilterId: filterId }],
    });
    const listed = await guardian.listMessageFilters({ subscriberId: BEN, phone: BEN_LINE });
    expect(listed.map((f) => f.FilterId)).toEqual([filterId]);
    const dup = await failure(
      guardian.createMessageFilter({ SubscriberId: BEN, Phone: BEN_LINE, FilterMode: 'ACTIVE' }),
    );
    expect(dup).toMatchObject({ status: 409 });
  });

  it('blocked and allowed contacts send MessageFilterId and Contacts, answer the whole list, once each', async () => {
    expect(await guardian.addBlockedContacts(ref(), ['+18015558888', '+18015558888'])).toEqual([
      '+18015558888',
    ]);
    expect(lastBody(`${SUB}/message-filter/blocked-contacts/add`)).toEqual({
      SubscriberId: BEN,
      MessageFilterId: filterId,
      Contacts: ['+18015558888', '+18015558888'],
    });
    expect(await guardian.addBlockedContacts(ref(), ['+18015558888'])).toEqual(['+18015558888']);
    expect(await guardian.listBlockedContacts(ref())).toEqual(['+18015558888']);
    expect(await guardian.addAllowedContacts(ref(), ['+18015557777'])).toEqual(['+18015557777']);
    expect(await guardian.listAllowedContacts(ref())).toEqual(['+18015557777']);
    expect(callsTo(sb, `${SUB}/message-filter/allowed-contacts`).at(-1)?.query).toEqual({
      SubscriberId: BEN,
      MessageFilterId: filterId,
    });
    expect(await guardian.removeAllowedContacts(ref(), ['+18015557777'])).toEqual([]);
    expect(await guardian.removeBlockedContacts(ref(), ['+18015558888'])).toEqual([]);
    expect((await failure(guardian.addBlockedContacts(ref(), ['hello']))).kind).toBe('invalid-request');
  });

  it('update sends FilterId; the listed filter sent back whole (KeywordFilter too) keeps everything but the mode', async () => {
    await guardian.addBlockedContacts(ref(), ['+18015556666']);
    const [current] = await guardian.listMessageFilters({ subscriberId: BEN, phone: BEN_LINE });
    if (!current) throw new Error('no filter');
    const updated = await guardian.updateMessageFilter({
      FilterId: current.FilterId,
      FilterMode: 'ACTIVE',
      AllowedContacts: current.AllowedContacts,
      BlockedContacts: current.BlockedContacts,
      KeywordFilter: current.KeywordFilter,
      NotificationPhones: current.NotificationPhones,
      BlockLinks: current.BlockLinks ?? undefined,
      BlockMedia: current.BlockMedia ?? undefined,
    });
    expect(lastBody(`${SUB}/message-filter/update`)).toMatchObject({ FilterId: filterId });
    expect(updated).toMatchObject({
      FilterMode: 'ACTIVE',
      BlockedContacts: ['+18015556666'],
      BlockLinks: true,
      KeywordFilter: '{"CustomKeywords":["scam"]}',
    });
    const paused = await guardian.updateMessageFilter({ FilterId: filterId, FilterMode: 'INACTIVE' });
    expect(paused).toMatchObject({ FilterMode: 'INACTIVE', BlockedContacts: [], BlockLinks: false });
    expect(paused.KeywordFilter).toBeUndefined();
  });

  it('deleteMessageFilter sends MessageFilterId', async () => {
    expect(await guardian.deleteMessageFilter(filterId)).toMatchObject({
      Status: 'Deleted',
      FilterId: filterId,
    });
    expect(lastBody(`${SUB}/message-filter/delete`)).toEqual({ MessageFilterId: filterId });
    expect(await guardian.listMessageFilters({ subscriberId: BEN })).toEqual([]);
  });
});

describe('a whole protection set-up, as the app would do it, asserted from the sandbox', () => {
  it('Guardian calls on, a BLACKLIST call filter blocking one number, no WHITELIST filter', async () => {
    await guardian.setFeatures({
      SubscriberId: CARA,
      EnableIntelligentGuardianCalls: true,
      EnableIntelligentGuardianMessages: false,
    });
    const filter = await guardian.createCallFilter({
      SubscriberId: CARA,
      Phone: CARA_LINE,
      FilterMode: 'BLACKLIST',
      ApplyToInbound: true,
      ApplyToOutbound: false,
    });
    await guardian.addBlockedNumbers({ subscriberId: CARA, filterId: filter.FilterId }, ['+18015559999']);
    const state = sb.guardian(CARA);
    expect(state.EnableIntelligentGuardianCalls).toBe(true);
    const lineFilters = state.CallFilters.filter((f) => f.Phone === CARA_LINE);
    expect(lineFilters).toHaveLength(1);
    expect(lineFilters[0]).toMatchObject({ FilterMode: 'BLACKLIST', BlockedNumbers: ['+18015559999'] });
    expect(lineFilters.some((f) => f.FilterMode === 'WHITELIST')).toBe(false);
  });

  it('a fault on a Guardian mutation surfaces as a failure, and the sandbox shows whether it was applied', async () => {
    const [filter] = sb.guardian(CARA).CallFilters;
    if (!filter) throw new Error('no filter');
    sb.injectFault({ endpoint: `${SUB}/call-filter/blocked-numbers/add`, kind: '504', applyMutation: true });
    const error = await failure(
      guardian.addBlockedNumbers({ subscriberId: CARA, filterId: filter.FilterId }, ['+18015550000']),
    );
    sb.clearFaults();
    expect(error.kind).toBe('outcome-unknown');
    expect(sb.guardian(CARA).CallFilters[0]?.BlockedNumbers).toEqual(['+18015559999', '+18015550000']);
  });
});

describe('keyword reads (§3.5): the parsed object, by CallFilterId / MessageFilterId', () => {
  const line = SEED_NUMBERS[5] as string;
  const owner = SEED_SUBSCRIBER_IDS[5] as string;
  const stored = {
    CustomKeywords: ['scam'],
    SystemKeywords: { Profanity: ['word1'] },
    SeverityMap: { scam: 'HIGH' },
  };

  it('a call filter’s stored KeywordFilter string is answered parsed', async () => {
    const filter = sb.seedCallFilter({
      SubscriberId: owner,
      Phone: line,
      FilterMode: 'BLACKLIST',
      KeywordFilter: JSON.stringify(stored),
    });
    const read = await guardian.callFilterKeywords({ subscriberId: owner, filterId: filter.FilterId });
    expect(read).toEqual(stored);
    const asked = callsTo(sb, `${SUB}/call-filter/keywords`).at(-1)!;
    expect(asked.method).toBe('GET');
    expect(asked.query).toMatchObject({ SubscriberId: owner, CallFilterId: filter.FilterId });
  });

  it('a message filter without keywords answers the empty shape; an unknown filter is a 404', async () => {
    const filter = sb.seedMessageFilter({ SubscriberId: owner, Phone: line, FilterMode: 'ACTIVE' });
    expect(await guardian.messageFilterKeywords({ subscriberId: owner, filterId: filter.FilterId })).toEqual({
      CustomKeywords: [],
      SystemKeywords: {},
      SeverityMap: {},
    });
    const missing = await failure(
      guardian.messageFilterKeywords({ subscriberId: owner, filterId: 'MFID-nope' }),
    );
    expect(missing.status).toBe(404);
  });
});
