import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import type { sandboxClient } from './client.js';
import { ANA, BEN, BEN_LINE, BEN_OTHER_LINE, q, SUB, startGuardianSandbox } from './guardian-fixtures.js';

// Guardian state as tests and drills see it: sandbox.guardian(), the admin routes, the journal, faults, seeding.

let sandbox: Sandbox;
let client: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  ({ sandbox, client } = await startGuardianSandbox(13));
  // Guardian state for two subscribers: ANA's switch set, and a call filter on BEN's line (switch never set).
  await client.post(`${SUB}/guardian-features`, { SubscriberId: ANA, EnableIntelligentGuardianCalls: true });
  const created = await client.post(`${SUB}/call-filter`, {
    SubscriberId: BEN,
    Phone: BEN_LINE,
    FilterMode: 'BLACKLIST',
  });
  if (created.status !== 200) throw new Error(`setup: ${created.text}`);
});
afterEach(() => sandbox.clearFaults());
afterAll(() => sandbox.close());

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
      Phone: BEN_OTHER_LINE,
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

describe('seeding filters the API will not make', () => {
  it('a duplicate call filter seeded on a line is listed next to the first; the API still refuses a third', async () => {
    const first = sandbox.guardian(BEN).CallFilters[0];
    if (!first) throw new Error('no filter');
    const dup = sandbox.seedCallFilter({ SubscriberId: BEN, Phone: first.Phone, FilterMode: 'WHITELIST' });
    expect(dup).toMatchObject({
      FilterId: expect.stringMatching(/^CFID-/),
      AllowedNumbers: [],
      ApplyToInbound: false,
    });
    const listed = await client.get(`${SUB}/call-filter${q({ SubscriberId: BEN, Phone: first.Phone })}`);
    expect(listed.json.map((f: { FilterId: string }) => f.FilterId)).toEqual([first.FilterId, dup.FilterId]);
    const third = await client.post(`${SUB}/call-filter`, {
      SubscriberId: BEN,
      Phone: first.Phone,
      FilterMode: 'BLACKLIST',
    });
    expect(third.status).toBe(409);
  });

  it('the admin route seeds a message filter and requires SubscriberId, Phone and FilterMode', async () => {
    const seeded = await fetch(`${sandbox.url}/_sandbox/guardian/message-filters`, {
      method: 'POST',
      body: JSON.stringify({
        SubscriberId: BEN,
        Phone: BEN_LINE,
        FilterMode: 'MONITOR_ONLY',
        BlockedContacts: ['+18015550001'],
      }),
    }).then((r) => r.json());
    expect(seeded).toMatchObject({
      FilterId: expect.stringMatching(/^MFID-/),
      BlockedContacts: ['+18015550001'],
    });
    expect(sandbox.guardian(BEN).MessageFilters.map((f) => f.FilterId)).toContain(seeded.FilterId);
    const refused = await fetch(`${sandbox.url}/_sandbox/guardian/call-filters`, {
      method: 'POST',
      body: JSON.stringify({ SubscriberId: BEN, FilterMode: 'BLACKLIST' }),
    });
    expect(refused.status).toBe(400);
  });
});
