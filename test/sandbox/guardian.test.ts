import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED_NUMBERS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.js';
import { sandboxClient } from './client.js';

// Conformance probes for the AI Guardian endpoints (plans-guardian reference §3), over raw HTTP.

let sandbox: Sandbox;
let client: ReturnType<typeof sandboxClient>;

/** Seeded subscribers 0..5 own SEED_NUMBERS i and i+6. */
const ANA = SEED_SUBSCRIBER_IDS[0];
const ANA_LINE = SEED_NUMBERS[0] as string;
const ANA_OTHER_LINE = SEED_NUMBERS[6] as string;
const BEN = SEED_SUBSCRIBER_IDS[1];
const BEN_LINE = SEED_NUMBERS[1] as string;
const UNKNOWN = 'TSUID-00000000-0000-4000-8000-000000000000';
const SUB = '/v1.0/subscribers';
const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 0, rateLimitPerMinute: 10_000, seed: 11 });
  client = sandboxClient(sandbox);
});
afterEach(() => sandbox.clearFaults());
afterAll(() => sandbox.close());

describe('guardian-features', () => {
  it('a known subscriber never configured reads false/false; an unknown one is 404', async () => {
    const answer = await client.get(`${SUB}/guardian-features${q({ SubscriberId: BEN })}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      SubscriberId: BEN,
      EnableIntelligentGuardianCalls: false,
      EnableIntelligentGuardianMessages: false,
    });
    const unknown = await client.get(`${SUB}/guardian-features${q({ SubscriberId: UNKNOWN })}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.StatusCode).toBe(404);
    expect((await client.get(`${SUB}/guardian-features`)).status).toBe(400);
  });

  it('POST echoes the three fields and the GET reads them back; a left-out flag keeps its value', async () => {
    const set = await client.post(`${SUB}/guardian-features`, {
      SubscriberId: ANA,
      EnableIntelligentGuardianCalls: true,
      EnableIntelligentGuardianMessages: false,
    });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({
      SubscriberId: ANA,
      EnableIntelligentGuardianCalls: true,
      EnableIntelligentGuardianMessages: false,
    });
    await client.post(`${SUB}/guardian-features`, {
      SubscriberId: ANA,
      EnableIntelligentGuardianMessages: true,
    });
    const read = await client.get(`${SUB}/guardian-features${q({ SubscriberId: ANA })}`);
    expect(read.json).toMatchObject({
      EnableIntelligentGuardianCalls: true,
      EnableIntelligentGuardianMessages: true,
    });
    expect(sandbox.guardian(ANA)).toMatchObject({
      EnableIntelligentGuardianCalls: true,
      EnableIntelligentGuardianMessages: true,
    });
    const unknown = await client.post(`${SUB}/guardian-features`, {
      SubscriberId: UNKNOWN,
      EnableIntelligentGuardianCalls: true,
    });
    expect(unknown.status).toBe(404);
    expect(sandbox.mutations().at(-1)?.path).toBe(`${SUB}/guardian-features`);
  });
});

describe('call filters', () => {
  let filterId: string;

  it('create answers the whole filter with FilterId CFID-…, defaults false/empty, and Guardian may be off', async () => {
    const answer = await client.post(`${SUB}/call-filter`, {
      SubscriberId: BEN,
      Phone: BEN_LINE,
      FilterMode: 'BLACKLIST',
      BlockedNumbers: ['+18015559999', '+18015559999', '+442071234567'],
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      FilterId: expect.stringMatching(/^CFID-[0-9a-f-]{36}$/),
      SubscriberId: BEN,
      Phone: BEN_LINE,
      FilterMode: 'BLACKLIST',
      AllowedNumbers: [],
      BlockedNumbers: ['+18015559999', '+442071234567'],
      EnableTranscription: false,
      KeywordFilter: null,
      TranscriptionAction: null,
      WarningMessage: null,
      NotificationPhones: [],
      ApplyToOutbound: false,
      ApplyToInbound: false,
      BlockUnknownNumbers: false,
      BlockInternational: false,
      RecordFlaggedCalls: false,
      TimeRestrictions: null,
    });
    filterId = answer.json.FilterId;
    // Guardian is off for BEN: the filter exists anyway (it takes effect once the switch is on).
    expect(sandbox.guardian(BEN)).toMatchObject({
      EnableIntelligentGuardianCalls: false,
      CallFilters: [{ FilterId: filterId, FilterMode: 'BLACKLIST' }],
    });
  });

  it('a second call filter on the same (subscriber, phone) is 409 with the KB words', async () => {
    const answer = await client.post(`${SUB}/call-filter`, {
      SubscriberId: BEN,
      Phone: BEN_LINE,
      FilterMode: 'WHITELIST',
    });
    expect(answer.status).toBe(409);
    expect(answer.json).toEqual({
      StatusCode: 409,
      Message: 'Duplicate filter found for the same subscriber and phone number',
    });
    expect(sandbox.guardian(BEN).CallFilters).toHaveLength(1);
  });

  it('Phone must be E.164 and one of the subscriber’s lines; the mode must be a documented one', async () => {
    const bad = (body: Record<string, unknown>) => client.post(`${SUB}/call-filter`, body);
    const notE164 = await bad({ SubscriberId: ANA, Phone: '8015550101', FilterMode: 'BLACKLIST' });
    expect(notE164.status).toBe(400);
    expect(notE164.json.Message).toMatch(/Phone must be in E\.164/);
    const notHers = await bad({ SubscriberId: ANA, Phone: BEN_LINE, FilterMode: 'BLACKLIST' });
    expect(notHers.status).toBe(400);
    expect(notHers.json.Message).toBe('Phone number does not belong to subscriber');
    expect((await bad({ SubscriberId: ANA, Phone: ANA_LINE, FilterMode: 'GREYLIST' })).status).toBe(400);
    expect((await bad({ SubscriberId: ANA, Phone: ANA_LINE })).status).toBe(400);
    expect((await bad({ Phone: ANA_LINE, FilterMode: 'BLACKLIST' })).status).toBe(400);
    expect((await bad({ SubscriberId: UNKNOWN, Phone: ANA_LINE, FilterMode: 'BLACKLIST' })).status).toBe(404);
    const preset = await bad({ SubscriberId: ANA, Phone: ANA_LINE, FilterMode: 'CHILD' });
    expect(preset.status).toBe(400);
    expect(preset.json.Message).toMatch(/relation/);
    const badList = await bad({
      SubscriberId: ANA,
      Phone: ANA_LINE,
      FilterMode: 'BLACKLIST',
      BlockedNumbers: ['+18015559999', 'call me'],
    });
    expect(badList.status).toBe(400);
    expect(badList.json.Message).toBe('BlockedNumbers[1] must be in E.164 format, e.g. +18015551234.');
    expect(sandbox.guardian(ANA).CallFilters).toEqual([]);
  });

  it('list filters by SubscriberId and Phone and answers a bare array without KeywordFilter', async () => {
    const other = await client.post(`${SUB}/call-filter`, {
      SubscriberId: ANA,
      Phone: ANA_OTHER_LINE,
      FilterMode: 'WHITELIST',
      AllowedNumbers: ['+18015550000'],
      KeywordFilter: '{"CustomKeywords":["scam"]}',
    });
    expect(other.status).toBe(200);
    const ben = await client.get(`${SUB}/call-filter${q({ SubscriberId: BEN })}`);
    expect(ben.status).toBe(200);
    expect(Array.isArray(ben.json)).toBe(true);
    expect(ben.json.map((f: { FilterId: string }) => f.FilterId)).toEqual([filterId]);
    const byPhone = await client.get(`${SUB}/call-filter${q({ SubscriberId: ANA, Phone: ANA_OTHER_LINE })}`);
    expect(byPhone.json).toHaveLength(1);
    expect(byPhone.json[0]).toMatchObject({ FilterMode: 'WHITELIST', AllowedNumbers: ['+18015550000'] });
    expect(byPhone.json[0]).not.toHaveProperty('KeywordFilter');
    expect((await client.get(`${SUB}/call-filter${q({ SubscriberId: ANA, Phone: ANA_LINE })}`)).json).toEqual(
      [],
    );
    expect((await client.get(`${SUB}/call-filter${q({ SubscriberId: UNKNOWN })}`)).json).toEqual([]);
    expect((await client.get(`${SUB}/call-filter`)).json).toHaveLength(2);
  });

  it('blocked-numbers add/remove take CallFilterId and Numbers and answer the whole list; adding twice lists once', async () => {
    const add = await client.post(`${SUB}/call-filter/blocked-numbers/add`, {
      SubscriberId: BEN,
      CallFilterId: filterId,
      Numbers: ['+13855550000', '+18015559999'],
    });
    expect(add.status).toBe(200);
    expect(add.json).toEqual({
      FilterId: filterId,
      SubscriberId: BEN,
      BlockedNumbers: ['+18015559999', '+442071234567', '+13855550000'],
    });
    const again = await client.post(`${SUB}/call-filter/blocked-numbers/add`, {
      SubscriberId: BEN,
      CallFilterId: filterId,
      Numbers: ['+13855550000'],
    });
    expect(again.json.BlockedNumbers).toEqual(['+18015559999', '+442071234567', '+13855550000']);
    const remove = await client.post(`${SUB}/call-filter/blocked-numbers/remove`, {
      SubscriberId: BEN,
      CallFilterId: filterId,
      Numbers: ['+442071234567', '+19995550000'],
    });
    expect(remove.json).toEqual({
      FilterId: filterId,
      SubscriberId: BEN,
      BlockedNumbers: ['+18015559999', '+13855550000'],
    });
    const read = await client.get(
      `${SUB}/call-filter/blocked-numbers${q({ SubscriberId: BEN, CallFilterId: filterId })}`,
    );
    expect(read.json).toEqual(['+18015559999', '+13855550000']);
  });

  it('allowed-numbers work the same and leave the blocked list alone', async () => {
    const add = await client.post(`${SUB}/call-filter/allowed-numbers/add`, {
      SubscriberId: BEN,
      CallFilterId: filterId,
      Numbers: ['+18015551111'],
    });
    expect(add.json).toEqual({ FilterId: filterId, SubscriberId: BEN, AllowedNumbers: ['+18015551111'] });
    const read = await client.get(
      `${SUB}/call-filter/allowed-numbers${q({ SubscriberId: BEN, CallFilterId: filterId })}`,
    );
    expect(read.json).toEqual(['+18015551111']);
    const removed = await client.post(`${SUB}/call-filter/allowed-numbers/remove`, {
      SubscriberId: BEN,
      CallFilterId: filterId,
      Numbers: ['+18015551111'],
    });
    expect(removed.json.AllowedNumbers).toEqual([]);
    expect(sandbox.guardian(BEN).CallFilters[0]?.BlockedNumbers).toEqual(['+18015559999', '+13855550000']);
  });

  it('sub-resources refuse the wrong id key, bad numbers (naming the field), and another subscriber’s filter', async () => {
    const withFilterId = await client.post(`${SUB}/call-filter/blocked-numbers/add`, {
      SubscriberId: BEN,
      FilterId: filterId,
      Numbers: ['+18015552222'],
    });
    expect(withFilterId.status).toBe(400);
    expect(withFilterId.json.Message).toBe('The CallFilterId field is required.');
    const contacts = await client.post(`${SUB}/call-filter/blocked-numbers/add`, {
      SubscriberId: BEN,
      CallFilterId: filterId,
      Contacts: ['+18015552222'],
    });
    expect(contacts.status).toBe(400);
    expect(contacts.json.Message).toBe('The Numbers field is required.');
    const badNumber = await client.post(`${SUB}/call-filter/blocked-numbers/add`, {
      SubscriberId: BEN,
      CallFilterId: filterId,
      Numbers: ['+18015552222', '555-1234'],
    });
    expect(badNumber.status).toBe(400);
    expect(badNumber.json.Message).toBe('Numbers[1] must be in E.164 format, e.g. +18015551234.');
    const empty = await client.post(`${SUB}/call-filter/blocked-numbers/add`, {
      SubscriberId: BEN,
      CallFilterId: filterId,
      Numbers: [],
    });
    expect(empty.status).toBe(400);
    const notHers = await client.post(`${SUB}/call-filter/blocked-numbers/add`, {
      SubscriberId: ANA,
      CallFilterId: filterId,
      Numbers: ['+18015552222'],
    });
    expect(notHers.status).toBe(404);
    const unknown = await client.get(
      `${SUB}/call-filter/blocked-numbers${q({ SubscriberId: BEN, CallFilterId: 'CFID-nope' })}`,
    );
    expect(unknown.status).toBe(404);
    expect(sandbox.guardian(BEN).CallFilters[0]?.BlockedNumbers).toEqual(['+18015559999', '+13855550000']);
  });

  it('update takes FilterId, accepts only WHITELIST|BLACKLIST, and replaces the configuration', async () => {
    const preset = await client.post(`${SUB}/call-filter/update`, {
      FilterId: filterId,
      FilterMode: 'TEENAGER',
    });
    expect(preset.status).toBe(400);
    expect(preset.json.Message).toMatch(/age presets are set on creation/);
    expect((await client.post(`${SUB}/call-filter/update`, { CallFilterId: filterId })).status).toBe(400);
    expect((await client.post(`${SUB}/call-filter/update`, { FilterId: 'CFID-nope' })).status).toBe(404);

    const update = await client.post(`${SUB}/call-filter/update`, {
      FilterId: filterId,
      FilterMode: 'WHITELIST',
      AllowedNumbers: ['+18015553333'],
      ApplyToInbound: true,
    });
    expect(update.status).toBe(200);
    // The documented update answer leaves the Apply*/Block* fields out.
    expect(update.json).toEqual({
      FilterId: filterId,
      SubscriberId: BEN,
      Phone: BEN_LINE,
      FilterMode: 'WHITELIST',
      AllowedNumbers: ['+18015553333'],
      BlockedNumbers: [],
      EnableTranscription: false,
      KeywordFilter: null,
      TranscriptionAction: null,
      WarningMessage: null,
      NotificationPhones: [],
      RecordFlaggedCalls: false,
      TimeRestrictions: null,
    });
    // Replaced, not merged: the blocked list not sent is gone.
    expect(sandbox.guardian(BEN).CallFilters[0]).toMatchObject({
      FilterMode: 'WHITELIST',
      BlockedNumbers: [],
      ApplyToInbound: true,
      ApplyToOutbound: false,
    });
    const modeKept = await client.post(`${SUB}/call-filter/update`, { FilterId: filterId });
    expect(modeKept.json).toMatchObject({ FilterMode: 'WHITELIST', AllowedNumbers: [] });
  });

  it('delete takes CallFilterId (not FilterId) and the filter is gone; then 404', async () => {
    expect((await client.post(`${SUB}/call-filter/delete`, { FilterId: filterId })).status).toBe(400);
    const answer = await client.post(`${SUB}/call-filter/delete`, { CallFilterId: filterId });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ Status: 'Deleted', FilterId: filterId, DateDeleted: expect.any(String) });
    expect(sandbox.guardian(BEN).CallFilters).toEqual([]);
    expect((await client.post(`${SUB}/call-filter/delete`, { CallFilterId: filterId })).status).toBe(404);
    // The line is free again.
    const recreated = await client.post(`${SUB}/call-filter`, {
      SubscriberId: BEN,
      Phone: BEN_LINE,
      FilterMode: 'BLACKLIST',
    });
    expect(recreated.status).toBe(200);
    expect(recreated.json.FilterId).not.toBe(filterId);
  });
});

describe('message filters', () => {
  let filterId: string;

  it('create answers FilterId MFID-…; modes are ACTIVE|MONITOR_ONLY|INACTIVE; a second one on the line is 409', async () => {
    const answer = await client.post(`${SUB}/message-filter`, {
      SubscriberId: ANA,
      Phone: ANA_LINE,
      FilterMode: 'ACTIVE',
      BlockedContacts: ['+18015558888'],
      BlockLinks: true,
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      FilterId: expect.stringMatching(/^MFID-[0-9a-f-]{36}$/),
      SubscriberId: ANA,
      Phone: ANA_LINE,
      FilterMode: 'ACTIVE',
      AllowedContacts: [],
      BlockedContacts: ['+18015558888'],
      KeywordFilter: null,
      NotificationPhones: [],
      ApplyToOutbound: false,
      ApplyToInbound: false,
      BlockUnknownNumbers: false,
      BlockLinks: true,
      BlockMedia: false,
    });
    filterId = answer.json.FilterId;
    const dup = await client.post(`${SUB}/message-filter`, {
      SubscriberId: ANA,
      Phone: ANA_LINE,
      FilterMode: 'MONITOR_ONLY',
    });
    expect(dup.status).toBe(409);
    expect(dup.json.Message).toBe('Duplicate filter found for the same subscriber and phone number');
    // A call filter on the same line is another type: no conflict with the message filter.
    const call = await client.post(`${SUB}/call-filter`, {
      SubscriberId: ANA,
      Phone: ANA_LINE,
      FilterMode: 'BLACKLIST',
    });
    expect(call.status).toBe(200);
    const wrongMode = await client.post(`${SUB}/message-filter`, {
      SubscriberId: BEN,
      Phone: BEN_LINE,
      FilterMode: 'BLACKLIST',
    });
    expect(wrongMode.status).toBe(400);
    expect(wrongMode.json.Message).toBe('FilterMode must be one of: ACTIVE, MONITOR_ONLY, INACTIVE.');
    const notHers = await client.post(`${SUB}/message-filter`, {
      SubscriberId: BEN,
      Phone: ANA_LINE,
      FilterMode: 'ACTIVE',
    });
    expect(notHers.status).toBe(400);
  });

  it('list answers a bare array filtered by SubscriberId and Phone', async () => {
    const answer = await client.get(`${SUB}/message-filter${q({ SubscriberId: ANA, Phone: ANA_LINE })}`);
    expect(answer.json).toEqual([expect.objectContaining({ FilterId: filterId, FilterMode: 'ACTIVE' })]);
    expect((await client.get(`${SUB}/message-filter${q({ SubscriberId: BEN })}`)).json).toEqual([]);
    expect((await client.get(`${SUB}/message-filter${q({ Phone: 'not a phone' })}`)).status).toBe(400);
  });

  it('blocked/allowed contacts take MessageFilterId and Contacts and answer the whole list', async () => {
    const add = await client.post(`${SUB}/message-filter/blocked-contacts/add`, {
      SubscriberId: ANA,
      MessageFilterId: filterId,
      Contacts: ['+18015558888', '+18015557777'],
    });
    expect(add.json).toEqual({
      FilterId: filterId,
      SubscriberId: ANA,
      BlockedContacts: ['+18015558888', '+18015557777'],
    });
    const remove = await client.post(`${SUB}/message-filter/blocked-contacts/remove`, {
      SubscriberId: ANA,
      MessageFilterId: filterId,
      Contacts: ['+18015558888'],
    });
    expect(remove.json.BlockedContacts).toEqual(['+18015557777']);
    const allowed = await client.post(`${SUB}/message-filter/allowed-contacts/add`, {
      SubscriberId: ANA,
      MessageFilterId: filterId,
      Contacts: ['+18015556666', '+18015556666'],
    });
    expect(allowed.json).toEqual({
      FilterId: filterId,
      SubscriberId: ANA,
      AllowedContacts: ['+18015556666'],
    });
    const read = (list: string) =>
      client.get(`${SUB}/message-filter/${list}${q({ SubscriberId: ANA, MessageFilterId: filterId })}`);
    expect((await read('blocked-contacts')).json).toEqual(['+18015557777']);
    expect((await read('allowed-contacts')).json).toEqual(['+18015556666']);
    const removedAllowed = await client.post(`${SUB}/message-filter/allowed-contacts/remove`, {
      SubscriberId: ANA,
      MessageFilterId: filterId,
      Contacts: ['+18015556666'],
    });
    expect(removedAllowed.json.AllowedContacts).toEqual([]);
    const numbersKey = await client.post(`${SUB}/message-filter/blocked-contacts/add`, {
      SubscriberId: ANA,
      MessageFilterId: filterId,
      Numbers: ['+18015558888'],
    });
    expect(numbersKey.status).toBe(400);
    expect(numbersKey.json.Message).toBe('The Contacts field is required.');
    const callKey = await client.get(
      `${SUB}/message-filter/blocked-contacts${q({ SubscriberId: ANA, CallFilterId: filterId })}`,
    );
    expect(callKey.status).toBe(400);
    const badContact = await client.post(`${SUB}/message-filter/blocked-contacts/add`, {
      SubscriberId: ANA,
      MessageFilterId: filterId,
      Contacts: [18015558888],
    });
    expect(badContact.status).toBe(400);
    expect(badContact.json.Message).toBe('Contacts[0] must be in E.164 format, e.g. +18015551234.');
  });

  it('update takes FilterId and replaces the configuration; INACTIVE pauses', async () => {
    const update = await client.post(`${SUB}/message-filter/update`, {
      FilterId: filterId,
      FilterMode: 'INACTIVE',
    });
    expect(update.status).toBe(200);
    expect(update.json).toMatchObject({
      FilterId: filterId,
      FilterMode: 'INACTIVE',
      BlockedContacts: [],
      BlockLinks: false,
    });
    expect(sandbox.guardian(ANA).MessageFilters).toEqual([update.json]);
    expect((await client.post(`${SUB}/message-filter/update`, { MessageFilterId: filterId })).status).toBe(
      400,
    );
    expect((await client.post(`${SUB}/message-filter/update`, { FilterId: 'MFID-nope' })).status).toBe(404);
  });

  it('delete takes MessageFilterId and answers Status Deleted', async () => {
    expect((await client.post(`${SUB}/message-filter/delete`, { FilterId: filterId })).status).toBe(400);
    const answer = await client.post(`${SUB}/message-filter/delete`, { MessageFilterId: filterId });
    expect(answer.json).toEqual({ Status: 'Deleted', FilterId: filterId, DateDeleted: expect.any(String) });
    expect(sandbox.guardian(ANA).MessageFilters).toEqual([]);
    expect((await client.post(`${SUB}/message-filter/delete`, { MessageFilterId: filterId })).status).toBe(
      404,
    );
  });
});

describe('Guardian in the test and admin views, the journal and faults', () => {
  it('guardian() lists every subscriber with Guardian state; the admin route answers the same', async () => {
    const all = sandbox.guardian();
    expect(all.map((s) => s.SubscriberId)).toEqual([ANA, BEN]);
    expect(sandbox.guardian(SEED_SUBSCRIBER_IDS[2])).toEqual({
      SubscriberId: SEED_SUBSCRIBER_IDS[2],
      EnableIntelligentGuardianCalls: false,
      EnableIntelligentGuardianMessages: false,
      CallFilters: [],
      MessageFilters: [],
    });
    const admin = await fetch(`${sandbox.url}/_sandbox/state/guardian`).then((r) => r.json());
    expect(admin).toEqual({ subscribers: all });
    const one = await fetch(`${sandbox.url}/_sandbox/state/guardian?SubscriberId=${BEN}`).then((r) =>
      r.json(),
    );
    expect(one).toEqual(sandbox.guardian(BEN));
  });

  it('Guardian writes count as mutations; reads do not', async () => {
    sandbox.clearJournal();
    await client.get(`${SUB}/call-filter${q({ SubscriberId: BEN })}`);
    await client.post(`${SUB}/guardian-features`, {
      SubscriberId: BEN,
      EnableIntelligentGuardianCalls: true,
    });
    expect(sandbox.mutations().map((e) => `${e.method} ${e.path}`)).toEqual([
      `POST ${SUB}/guardian-features`,
    ]);
  });

  it('a fault on a Guardian path hits it; one naming a method spares the other method on a shared path', async () => {
    sandbox.injectFault({ endpoint: `${SUB}/call-filter/blocked-numbers/add`, kind: '503', count: 1 });
    const [ben] = sandbox.guardian(BEN).CallFilters;
    const body = { SubscriberId: BEN, CallFilterId: ben?.FilterId, Numbers: ['+18015554444'] };
    expect((await client.post(`${SUB}/call-filter/blocked-numbers/add`, body)).status).toBe(503);
    expect(sandbox.guardian(BEN).CallFilters[0]?.BlockedNumbers).toEqual([]);

    sandbox.injectFault({ endpoint: `${SUB}/call-filter`, method: 'POST', kind: '500' });
    expect((await client.get(`${SUB}/call-filter${q({ SubscriberId: BEN })}`)).status).toBe(200);
    const create = await client.post(`${SUB}/call-filter`, {
      SubscriberId: BEN,
      Phone: SEED_NUMBERS[7],
      FilterMode: 'BLACKLIST',
    });
    expect(create.status).toBe(500);
    sandbox.clearFaults();

    sandbox.injectFault({
      endpoint: `${SUB}/call-filter/blocked-numbers/add`,
      kind: '504',
      count: 1,
      applyMutation: true,
    });
    expect((await client.post(`${SUB}/call-filter/blocked-numbers/add`, body)).status).toBe(504);
    expect(sandbox.guardian(BEN).CallFilters[0]?.BlockedNumbers).toEqual(['+18015554444']);
  });
});
