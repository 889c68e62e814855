import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';

describe('fake Slack (test harness)', () => {
  let fake: FakeSlack;
  let client: webApi.WebClient;
  beforeAll(async () => {
    fake = await startFakeSlack({ usergroups: { S1: ['U1', 'U2'] }, userTz: { U1: 'America/Denver' } });
    client = new webApi.WebClient('xoxb-harness', {
      slackApiUrl: fake.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('answers the methods the app uses and records decoded bodies', async () => {
    const first = await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks: [{ type: 'divider' }] });
    const second = await client.chat.postMessage({ channel: 'C1', text: 'again' });
    expect(first.channel).toBe('C1');
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({
      body: { blocks: [{ type: 'divider' }] },
      token: 'xoxb-harness',
    });

    const opened = await client.views.open({
      trigger_id: 't1',
      view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
    });
    const viewId = opened.view!.id!;
    const updated = await client.views.update({
      view_id: viewId,
      hash: opened.view!.hash!,
      view: { type: 'modal', title: { type: 'plain_text', text: 'y' }, blocks: [] },
    });
    expect(updated.view!.hash).not.toBe(opened.view!.hash);
    await expect(
      client.views.update({
        view_id: viewId,
        hash: opened.view!.hash!,
        view: { type: 'modal', title: { type: 'plain_text', text: 'z' }, blocks: [] },
      }),
    ).rejects.toMatchObject({ data: { error: 'hash_conflict' } });

    expect((await client.usergroups.users.list({ usergroup: 'S1' })).users).toEqual(['U1', 'U2']);
    fake.setUsergroupMembers('S1', ['U3']);
    expect((await client.usergroups.users.list({ usergroup: 'S1' })).users).toEqual(['U3']);
    expect((await client.users.info({ user: 'U1' })).user?.tz).toBe('America/Denver');
    expect((await client.users.info({ user: 'U9' })).user?.tz).toBe('UTC');
    expect((await client.conversations.open({ users: 'U1' })).channel?.id).toBe('DU1');
    expect(
      (await client.chat.getPermalink({ channel: 'C1', message_ts: '1700000001.000100' })).permalink,
    ).toContain('/archives/C1/p1700000001000100');
    await expect(client.apiCall('nope.method')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    expect(fake.callsTo('nope.method')).toHaveLength(1);
  });

  it('fails the next call on request: 429 with Retry-After, or an error code', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      retryAfter: 7,
    });
    fake.failNext('views.open', { error: 'expired_trigger_id' });
    await expect(
      client.views.open({
        trigger_id: 't',
        view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
      }),
    ).rejects.toMatchObject({
      data: { error: 'expired_trigger_id' },
    });
    expect((await client.chat.postMessage({ channel: 'C1', text: 'ok now' })).ok).toBe(true);
  });

  it('records posts to response URLs and lets tests wait for calls', async () => {
    const url = fake.responseUrl('abc');
    const waiting = fake.waitFor('response_url', (call) => call.path === 'abc');
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'done', response_type: 'ephemeral' }),
    });
    expect((await waiting).body).toEqual({ text: 'done', response_type: 'ephemeral' });
    await expect(fake.waitFor('chat.delete', undefined, 50)).rejects.toThrow(
      /no matching chat.delete call within 50 ms/,
    );
    expect(fake.allBodiesText()).toContain('ok now');
  });
});
