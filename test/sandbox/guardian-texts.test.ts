import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.js';
import type { sandboxClient } from './client.js';
import { ANA, ANA_LINE, BEN, BEN_LINE, q, SUB, startGuardianSandbox } from './guardian-fixtures.js';

// Conformance probes: message filters, over raw HTTP.

let sandbox: Sandbox;
let client: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  ({ sandbox, client } = await startGuardianSandbox(12));
});
afterEach(() => sandbox.clearFaults());
afterAll(() => sandbox.close());

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
