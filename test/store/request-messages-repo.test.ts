import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

const T0 = new Date('2030-01-01T09:00:00Z');
const at = (seconds: number) => ({ now: new Date(T0.getTime() + seconds * 1000), leaseSeconds: 20 });

/** The SQL that keeps one drawer per request and each once-only post once, on both stores. */
describe.each(storeKinds())('request messages repo on %s', (kind) => {
  let store: TestStore;
  let seq = 0;
  const newRequest = async () =>
    (
      await store.requests.insert({
        id: `req_draw_${++seq}_${Date.now()}`,
        kind: 'portout',
        input: {},
        requestedBy: 'U_REQUESTER',
        channelId: 'C_SUPPORT',
      })
    ).request.id;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it('one drawer at a time; an ask while it draws is drawn by it before it lets go; a dead one is taken over', async () => {
    const repo = store.requestMessages;
    const id = await newRequest();
    expect(await repo.lease(id, 'a', at(0))).toBeNull(); // nothing asked
    await repo.ask(id);
    const a = (await repo.lease(id, 'a', at(0)))!;
    expect(a.target).toBe(1);
    await repo.ask(id);
    expect(await repo.lease(id, 'b', at(1))).toBeNull(); // held by a: b leaves its ask
    expect(await repo.drawn(a, at(2))).toBe(2); // asked meanwhile: draw again, still holding
    a.target = 2;
    expect(await repo.drawn(a, at(3))).toBeNull(); // drawn, let go
    expect(await repo.listOwed(at(3).now)).not.toContain(id);

    await repo.ask(id);
    const dying = (await repo.lease(id, 'c', at(10)))!;
    expect(await repo.lease(id, 'd', at(29))).toBeNull();
    expect(await repo.listOwed(at(29).now)).not.toContain(id);
    expect(await repo.listOwed(at(31).now)).toContain(id); // its lease ran out
    const d = (await repo.lease(id, 'd', at(31)))!;
    expect(await repo.renew(dying, at(32))).toBe(false); // fenced: c may not post any more
    expect(await repo.drawn(d, at(33))).toBeNull();
  });

  it('a failed redraw waits for the sweep (doubling), while a new ask may try at once', async () => {
    const repo = store.requestMessages;
    const id = await newRequest();
    await repo.ask(id);
    const first = (await repo.lease(id, 'a', at(0)))!;
    expect(await repo.failed(first, at(0).now)).toBe(1);
    expect(await repo.listOwed(at(14).now)).not.toContain(id);
    expect(await repo.listOwed(at(16).now)).toContain(id);
    const second = (await repo.lease(id, 'b', at(1)))!; // an ask does not wait for retry_at
    expect(await repo.failed(second, at(1).now)).toBe(2);
    expect(await repo.listOwed(at(30).now)).not.toContain(id);
    expect(await repo.listOwed(at(32).now)).toContain(id);
  });

  it('giving up covers only what the failed draw tried: a newer ask stays owed, another drawer keeps its lease', async () => {
    const repo = store.requestMessages;
    const id = await newRequest();
    await repo.ask(id);
    const failing = (await repo.lease(id, 'a', at(0)))!;
    await repo.ask(id); // a newer fact while the draw of target 1 fails
    await repo.failed(failing, at(0).now);
    await repo.giveUp(failing);
    expect(await repo.listOwed(at(600).now)).toContain(id); // ask 2 is still owed
    const next = (await repo.lease(id, 'b', at(601)))!;
    expect(next.target).toBe(2);
    await repo.giveUp(failing); // a late give-up from the first drawer: b's lease is untouched
    expect(await repo.drawn(next, at(602))).toBeNull();
    expect(await repo.listOwed(at(603).now)).not.toContain(id);
  });

  it('a post is claimed before it is made: a retaken claim counts up, a recorded post is not claimed again', async () => {
    const repo = store.requestMessages;
    const id = await newRequest();
    expect(await repo.claimPost(id, 'card')).toBe(1);
    await repo.unclaimPost(id, 'card'); // Slack certainly did not take it
    expect(await repo.claimPost(id, 'card')).toBe(1);
    expect(await repo.claimPost(id, 'card')).toBe(2); // the first may have reached Slack: look first
    await repo.recordPost(id, 'card', '1.1');
    expect(await repo.claimPost(id, 'card')).toBeNull();
    expect((await repo.posts(id)).get('card')).toEqual({ ts: '1.1', claims: 2 });
  });
});
