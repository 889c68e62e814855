import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../src/sandbox/routes.js';
import { SEED_ACCOUNT_ID } from '../../src/sandbox/seed.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { TELEGENT_ENDPOINTS } from '../../src/telegent/endpoints.js';
import type { sandboxClient } from './client.js';
import {
  ANA,
  ANA_LINE,
  ANA_OTHER_LINE,
  BEN,
  BEN_LINE,
  q,
  SUB,
  startGuardianSandbox,
  UNKNOWN,
} from './guardian-fixtures.js';

// Conformance probes: the feature switch and call filters, over raw HTTP.

let sandbox: Sandbox;
let client: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  ({ sandbox, client } = await startGuardianSandbox(11));
});
afterEach(() => sandbox.clearFaults());
afterAll(() => sandbox.close());

describe('routes', () => {
  it('every Guardian endpoint the client calls is answered with its method', () => {
    const names = Object.keys(TELEGENT_ENDPOINTS) as Array<keyof typeof TELEGENT_ENDPOINTS>;
    const guardian = names.slice(
      names.indexOf('guardianFeaturesGet'),
      names.indexOf('messageAllowedRemove') + 1,
    );
    expect(guardian).toHaveLength(24);
    for (const name of guardian) {
      const { method, path } = TELEGENT_ENDPOINTS[name];
      const methods = [API_ROUTES[path.toLowerCase()] ?? []].flat().map((r) => r.method);
      expect(methods, `${name} ${method} ${path}`).toContain(method);
    }
  });
});

describe('keywords', () => {
  it('GET …/call-filter/keywords and …/message-filter/keywords need SubscriberId and the filter id (400)', async () => {
    for (const [path, key] of [
      ['call-filter/keywords', 'CallFilterId'],
      ['message-filter/keywords', 'MessageFilterId'],
    ] as const) {
      expect((await client.get(`${SUB}/${path}${q({ SubscriberId: BEN })}`)).status).toBe(400);
      expect((await client.get(`${SUB}/${path}${q({ SubscriberId: BEN, [key]: 'XFID-none' })}`)).status).toBe(
        404,
      );
    }
  });
});

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
    expect(
      (await client.get(`${SUB}/call-filter${q({ SubscriberId: BEN, AccountId: SEED_ACCOUNT_ID })}`)).json,
    ).toHaveLength(1);
    const otherAccount = await client.get(
      `${SUB}/call-filter${q({ SubscriberId: BEN, AccountId: 'AID-other' })}`,
    );
    expect(otherAccount.status).toBe(400);
    expect(otherAccount.json.Message).toBe('Invalid AccountId');
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
