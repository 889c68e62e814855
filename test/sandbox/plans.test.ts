import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_PACKAGES, SEED_PRODUCTS, SEED_SUBSCRIPTIONS } from '../../src/sandbox/plans-seed.js';
import { SEED_ACCOUNT_ID, SEED_NUMBERS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.js';
import { sandboxClient } from './client.js';

let sandbox: Sandbox;
let client: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 0, rateLimitPerMinute: 10_000, seed: 11 });
  client = sandboxClient(sandbox);
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.allowPlans());

const number = (i: number) => sandbox.getNumber(SEED_NUMBERS[i] as string);
/** A seeded MVNO number with no live subscription (index 7: subscriber 1). */
const freeLine = () => number(7);

describe('packages and products', () => {
  it('account/packages lists every package (Filter All, Active, Inactive) with the package shape', async () => {
    const all = await client.get('/v1.0/account/packages');
    expect(all.status).toBe(200);
    expect(all.json).toMatchObject({ AccountId: SEED_ACCOUNT_ID, Filter: 'All', TotalPackages: 6 });
    expect(all.json.Results).toContainEqual({
      PackageId: SEED_PACKAGES.unlimitedPlus,
      PackageName: 'Unlimited Plus',
      DistributorId: sandbox.accountKey,
      AggregatorId: expect.stringMatching(/^AGID-/),
      SubscriberId: null,
      Type: 'Retail',
      Price: 45,
      Monthly: true,
      Active: true,
    });
    const active = await client.get('/v1.0/account/packages?Filter=active');
    expect(active.json.Filter).toBe('Active');
    expect(active.json.Results.map((p: { PackageName: string }) => p.PackageName)).not.toContain(
      'Legacy 2019',
    );
    const inactive = await client.get('/v1.0/account/packages?Filter=Inactive');
    expect(inactive.json.Results.map((p: { PackageName: string }) => p.PackageName)).toEqual(['Legacy 2019']);
    expect((await client.get('/v1.0/account/packages?Filter=Some')).status).toBe(400);
    expect((await client.get('/v1.0/account/packages?AccountId=AID-nope')).json).toEqual({
      StatusCode: 400,
      Message: 'Invalid AccountId',
    });
  });

  it('packages?PackageId= answers one package; unknown 404, missing 400', async () => {
    const one = await client.get(`/v1.0/packages?PackageId=${SEED_PACKAGES.activation}`);
    expect(one.json).toMatchObject({ PackageName: 'Activation', Price: 10, Monthly: false, Active: true });
    const custom = await client.get(`/v1.0/packages?PackageId=${SEED_PACKAGES.custom}`);
    expect(custom.json.SubscriberId).toBe(SEED_SUBSCRIBER_IDS[0]);
    expect((await client.get('/v1.0/packages?PackageId=PID-nope')).json).toEqual({
      StatusCode: 404,
      Message: 'Package not found',
    });
    expect((await client.get('/v1.0/packages')).json).toEqual({
      StatusCode: 400,
      Message: 'The PackageId field is required.',
    });
  });

  it('packages/items is a bare array whose prices are strings', async () => {
    const items = await client.get(`/v1.0/packages/items?PackageId=${SEED_PACKAGES.unlimitedPlus}`);
    expect(Array.isArray(items.json)).toBe(true);
    expect(items.json).toHaveLength(2);
    expect(items.json[0]).toMatchObject({
      PackageItemId: expect.stringMatching(/^PIID-/),
      PackageId: SEED_PACKAGES.unlimitedPlus,
      ProductId: SEED_PRODUCTS.unlimitedTalkText,
      Price: '20.00',
      Monthly: true,
      Active: true,
    });
    expect((await client.get('/v1.0/packages/items?PackageId=PID-nope')).status).toBe(404);
  });

  it('products?ProductId= and account/products answer the product shape', async () => {
    const one = await client.get(`/v1.0/products?ProductId=${SEED_PRODUCTS.unlimited5g.toLowerCase()}`);
    expect(one.json).toEqual({
      ProductId: SEED_PRODUCTS.unlimited5g,
      SKU: 'DATA-5GU',
      Description: 'Unlimited 5G data',
      AggregatorId: expect.stringMatching(/^AGID-/),
      DistributorId: null,
      Type: 'Data',
      SubType: 'mvno',
      Cost: 18.5,
      BillingFrequency: 'MRC',
      Active: true,
    });
    expect((await client.get('/v1.0/products?ProductId=PRID-nope')).json.Message).toBe('Product not found');
    const list = await client.get('/v1.0/account/products?Filter=Active');
    expect(list.json).toMatchObject({
      DistributorId: sandbox.accountKey,
      Filter: 'Active',
      TotalProducts: 6,
    });
  });
});

describe('subscriptions', () => {
  it('create → details → update (plan change) → delete, each in the documented shape', async () => {
    const line = freeLine();
    const created = await client.post('/v1.0/subscriptions', {
      SubscriberId: SEED_SUBSCRIBER_IDS[1],
      PackageId: SEED_PACKAGES.basic,
      TNID: line?.PhoneNumberId,
      ICCID: line?.Iccid,
      Type: 'mvno',
    });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({
      SubscriptionId: expect.stringMatching(/^SUB-[0-9a-f-]{36}$/),
      SubscriberId: SEED_SUBSCRIBER_IDS[1],
      TNID: line?.PhoneNumberId,
      ICCID: line?.Iccid,
      PackageId: SEED_PACKAGES.basic,
      Type: 'mvno',
      Active: true,
    });
    const id = created.json.SubscriptionId;
    expect((await client.get(`/v1.0/subscriptions?SubscriptionId=${id}`)).json).toEqual(created.json);

    const updated = await client.post('/v1.0/subscriptions/update', {
      SubscriptionId: id,
      PackageId: SEED_PACKAGES.unlimitedPlus,
    });
    expect(updated.json).toEqual({ ...created.json, PackageId: SEED_PACKAGES.unlimitedPlus });
    expect(sandbox.subscriptions().find((s) => s.SubscriptionId === id)?.PackageId).toBe(
      SEED_PACKAGES.unlimitedPlus,
    );

    const deleted = await client.post('/v1.0/subscriptions/delete', { SubscriptionId: id });
    expect(deleted.json).toEqual({ SubscriptionId: id, SubscriptionStatus: 'Deleted' });
    expect(sandbox.subscriptions().some((s) => s.SubscriptionId === id)).toBe(false);
    expect((await client.get(`/v1.0/subscriptions?SubscriptionId=${id}`)).json).toEqual({
      StatusCode: 404,
      Message: 'Subscription not found',
    });
    expect(sandbox.getNumber(SEED_NUMBERS[7] as string)?.Status).toBe('Active');
  });

  it("refuses what the rules refuse: 400 missing / inactive / another subscriber's package, 404 unknown ids", async () => {
    const line = freeLine();
    const base = { SubscriberId: SEED_SUBSCRIBER_IDS[1], PackageId: SEED_PACKAGES.basic, Type: 'mvno' };
    const answer = (body: object) => client.post('/v1.0/subscriptions', body).then((a) => a.json);
    expect(await answer({ ...base, Type: undefined })).toEqual({
      StatusCode: 400,
      Message: 'The Type field is required.',
    });
    expect(await answer({ ...base, SubscriberId: '' })).toMatchObject({ StatusCode: 400 });
    expect(await answer({ ...base, PackageId: undefined })).toMatchObject({ StatusCode: 400 });
    expect(await answer({ ...base, SubscriberId: 'TSUID-nope' })).toEqual({
      StatusCode: 404,
      Message: 'Subscriber not found',
    });
    expect(await answer({ ...base, PackageId: 'PID-nope' })).toEqual({
      StatusCode: 404,
      Message: 'Package not found',
    });
    expect(await answer({ ...base, TNID: 'NID-nope' })).toEqual({
      StatusCode: 404,
      Message: 'TNID not found',
    });
    expect(await answer({ ...base, PackageId: SEED_PACKAGES.legacy, TNID: line?.PhoneNumberId })).toEqual({
      StatusCode: 400,
      Message: 'Package is not active.',
    });
    expect(await answer({ ...base, PackageId: SEED_PACKAGES.custom })).toEqual({
      StatusCode: 400,
      Message: 'Package belongs to another subscriber.',
    });
    expect(await answer({ ...base, Type: 'iot', TNID: line?.PhoneNumberId })).toEqual({
      StatusCode: 400,
      Message: "Type must match the number's classification (mvno).",
    });
    expect(sandbox.subscriptions().some((s) => s.TNID === line?.PhoneNumberId)).toBe(false);
  });

  it('409 when a live subscription is on the number, whichever id (NID- or TNID-) names it', async () => {
    const seeded = number(SEED_SUBSCRIPTIONS.unlimited.numberIndex);
    const body = {
      SubscriberId: seeded?.AssignedSubscriberId,
      PackageId: SEED_PACKAGES.basic,
      Type: 'mvno',
      TNID: seeded?.Tnid,
    };
    expect((await client.post('/v1.0/subscriptions', body)).json).toEqual({
      StatusCode: 409,
      Message: 'An active subscription already exists for this TNID',
    });
    // An Active:false subscription does not hold the number.
    const lapsed = number(SEED_SUBSCRIPTIONS.inactive.numberIndex);
    const fresh = await client.post('/v1.0/subscriptions', {
      ...body,
      SubscriberId: lapsed?.AssignedSubscriberId,
      TNID: lapsed?.Tnid,
    });
    expect(fresh.status).toBe(200);
    await client.post('/v1.0/subscriptions/delete', { SubscriptionId: fresh.json.SubscriptionId });
  });

  it('update: only the fields sent change; unknown subscription 404, inactive package 400', async () => {
    const id = SEED_SUBSCRIPTIONS.iot.id;
    const before = sandbox.subscriptions().find((s) => s.SubscriptionId === id);
    expect(
      (await client.post('/v1.0/subscriptions/update', { SubscriptionId: id, ICCID: '8901' })).json,
    ).toEqual({ ...before, ICCID: '8901' });
    await client.post('/v1.0/subscriptions/update', { SubscriptionId: id, ICCID: before?.ICCID });
    expect(
      (
        await client.post('/v1.0/subscriptions/update', {
          SubscriptionId: id,
          PackageId: SEED_PACKAGES.legacy,
        })
      ).json,
    ).toEqual({ StatusCode: 400, Message: 'Package is not active.' });
    expect((await client.post('/v1.0/subscriptions/update', { SubscriptionId: 'SUB-nope' })).status).toBe(
      404,
    );
    expect(
      (await client.post('/v1.0/subscriptions/update', { PackageId: SEED_PACKAGES.basic })).json,
    ).toEqual({
      StatusCode: 400,
      Message: 'The SubscriptionId field is required.',
    });
    expect((await client.post('/v1.0/subscriptions/delete', {})).status).toBe(400);
    expect((await client.post('/v1.0/subscriptions/delete', { SubscriptionId: 'SUB-nope' })).status).toBe(
      404,
    );
  });

  it('distributor/subscriptions and account/subscriptions list by Filter', async () => {
    const active = await client.get('/v1.0/distributor/subscriptions?Filter=Active');
    expect(active.json).toMatchObject({ DistributorId: sandbox.accountKey, Filter: 'Active' });
    const ids = active.json.Results.map((s: { SubscriptionId: string }) => s.SubscriptionId);
    expect(ids).toEqual(
      expect.arrayContaining([
        SEED_SUBSCRIPTIONS.unlimited.id,
        SEED_SUBSCRIPTIONS.basic.id,
        SEED_SUBSCRIPTIONS.iot.id,
      ]),
    );
    expect(ids).not.toContain(SEED_SUBSCRIPTIONS.inactive.id);
    expect(active.json.TotalSubscriptions).toBe(ids.length);
    const all = await client.get('/v1.0/distributor/subscriptions');
    expect(all.json.Results.map((s: { SubscriptionId: string }) => s.SubscriptionId)).toContain(
      SEED_SUBSCRIPTIONS.inactive.id,
    );
    const account = await client.get('/v1.0/account/subscriptions?Filter=Active');
    expect(account.json).toMatchObject({ AccountId: SEED_ACCOUNT_ID, Filter: 'Active' });
    expect(account.json.Results[0]).toEqual({
      SubscriptionId: expect.any(String),
      SubscriberId: expect.any(String),
      TNID: expect.any(String),
      ICCID: expect.any(String),
      PackageId: expect.any(String),
      Type: expect.any(String),
      Active: true,
    });
  });

  it("distributor/subscribers items carry the subscriber's subscriptions", async () => {
    const page = await client.get('/v1.0/distributor/subscribers?PageNumber=1&TotalPerPage=10');
    const first = page.json.Subscribers.find(
      (s: { SubscriberId: string }) => s.SubscriberId === SEED_SUBSCRIBER_IDS[0],
    );
    expect(first.Subscriptions.map((s: { SubscriptionId: string }) => s.SubscriptionId)).toEqual([
      SEED_SUBSCRIPTIONS.unlimited.id,
    ]);
  });

  it('journals create/update/delete as mutations; tokens are scoped per path', async () => {
    sandbox.clearJournal();
    await client.post('/v1.0/subscriptions/update', { SubscriptionId: SEED_SUBSCRIPTIONS.basic.id });
    await client.get(`/v1.0/subscriptions?SubscriptionId=${SEED_SUBSCRIPTIONS.basic.id}`);
    expect(sandbox.subscriptionMutations().map((e) => e.path)).toEqual(['/v1.0/subscriptions/update']);
    expect(sandbox.mutations().map((e) => e.path)).toEqual(['/v1.0/subscriptions/update']);
    const wrong = await client.raw('POST', '/v1.0/subscriptions/delete', {
      body: { SubscriptionId: SEED_SUBSCRIPTIONS.basic.id },
      token: await client.token('/v1.0/subscriptions'),
    });
    expect(wrong.status).toBe(403);
    expect((await client.raw('GET', '/v1.0/subscriptions/update')).status).toBe(405);
  });
});

describe('plans not enabled (the sandbox knob)', () => {
  it('404 as an unknown path on every plans path, or 403 on the paths named', async () => {
    sandbox.refusePlans();
    const packages = await client.get('/v1.0/account/packages?Filter=Active');
    expect(packages.json).toEqual({
      StatusCode: 404,
      Message:
        "No HTTP resource was found that matches the request URI 'https://api.telegent.com/v1.0/account/packages'.",
    });
    expect((await client.post('/v1.0/subscriptions', {})).status).toBe(404);
    sandbox.refusePlans({ status: 403, paths: ['/v1.0/distributor/subscriptions'] });
    expect((await client.get('/v1.0/distributor/subscriptions')).status).toBe(403);
    expect((await client.get('/v1.0/account/subscriptions')).status).toBe(200);
    expect(() => sandbox.refusePlans({ paths: ['/v1.0/numbers'] })).toThrow(/not plans paths/);
    sandbox.allowPlans();
    expect((await client.get('/v1.0/distributor/subscriptions')).status).toBe(200);
  });

  it('the admin API sets the knob and shows the subscriptions', async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${sandbox.url}/_sandbox${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, json: await r.json() }));
    expect((await admin('POST', '/plans/refuse', { status: 403 })).status).toBe(200);
    expect((await client.get('/v1.0/account/products')).status).toBe(403);
    expect((await admin('DELETE', '/plans/refuse')).status).toBe(200);
    expect((await client.get('/v1.0/account/products')).status).toBe(200);
    const state = await admin('GET', '/state/subscriptions');
    expect(state.json.subscriptions.map((s: { SubscriptionId: string }) => s.SubscriptionId)).toContain(
      SEED_SUBSCRIPTIONS.unlimited.id,
    );
  });
});
