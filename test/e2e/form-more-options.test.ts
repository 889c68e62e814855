import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/messages/ids.js';
import {
  SEED_ACCOUNT_ID,
  SEED_MESSAGE_ROUTE_IDS,
  SEED_SUBSCRIBER_IDS,
  SEED_VOICE_ROUTE_IDS,
} from '../../src/sandbox/seed.js';
import { inputIds } from '../support/fill-view.js';
import { CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

/** The view Slack holds now (id and hash), as a button inside it would carry it. */
function shownView(e2e: E2E, viewId: string) {
  const call = e2e.fake.calls
    .filter((c) => ['views.open', 'views.update'].includes(c.method) && c.response.view?.id === viewId)
    .at(-1)!;
  return call.response.view as Record<string, unknown> & { id: string; hash: string };
}

describe('request forms ask only what they must: single routes preselected, the rest behind "More options…"', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    // An account with one usable message route (the seed's third is disabled) and one voice route.
    e2e.sandbox.keepOnlyRoutes([
      SEED_MESSAGE_ROUTE_IDS[0],
      SEED_MESSAGE_ROUTE_IDS[2],
      SEED_VOICE_ROUTE_IDS[0],
    ]);
  });
  afterAll(() => e2e.close());

  it('provision: the only routes are preselected and folded, and the request files with them', async () => {
    await e2e.command('provision 801');
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.provision');
    expect(inputIds(form.view)).toEqual([
      'productType',
      'assignedSubscriberId',
      'packageId',
      'areaCode',
      'reason',
    ]);
    expect(textOf(form.view)).toContain('message route Main SMS Webhook (the only one)');

    const sent = await e2e.submit(form, {
      productType: 'Sms+Data+Voice',
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[3]!,
    });
    expect(sent.body).toMatchObject({ response_action: 'update' });
    const filed = await e2e.store.db.query<{ input: Record<string, unknown> }>(
      "SELECT input FROM requests WHERE kind = 'provision' AND requested_by = $1",
      [REQUESTER],
    );
    expect(filed.rows).toHaveLength(1);
    expect(filed.rows[0]!.input).toMatchObject({
      messageRouteId: SEED_MESSAGE_ROUTE_IDS[0],
      voiceRouteId: SEED_VOICE_ROUTE_IDS[0],
      areaCode: '801',
    });
  });

  it('"More options…" shows the folded fields in the same modal, keeping every field\'s ids', async () => {
    await e2e.command('provision 385');
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.provision' && textOf(v).includes('"initial_value":"385"'),
    );
    const shown = shownView(e2e, form.id);
    const updatesOfForm = () => e2e.fake.callsTo('views.update').filter((c) => c.body.view_id === form.id);
    const clickMoreOptions = () =>
      e2e.slack.blockAction({
        actionId: ACTION.moreOptions,
        userId: REQUESTER,
        channelId: CHANNEL,
        view: shown,
      });
    expect((await clickMoreOptions()).status).toBe(200);
    await expect.poll(() => updatesOfForm().length).toBe(1);
    const update = updatesOfForm()[0]!;
    expect(update.body).toMatchObject({ view_id: form.id, hash: shown.hash });
    const expanded = update.body.view;
    const ids = inputIds(expanded);
    for (const id of inputIds(form.view)) expect(ids).toContain(id);
    expect(ids).toEqual(
      expect.arrayContaining(['numberType', 'messageType', 'messageRouteId', 'zipCode', 'iccid']),
    );
    expect(textOf(expanded)).not.toContain(ACTION.moreOptions);
    expect(textOf(expanded)).toContain(SEED_MESSAGE_ROUTE_IDS[0]);
    // Unfolded, the route inputs carry the routes: no preset hides behind a visible field.
    expect(JSON.parse(String(expanded.private_metadata)).presets).toBeUndefined();

    // A second click on the stale form (its hash is old) changes nothing and fails nothing.
    expect((await clickMoreOptions()).status).toBe(200);
    await expect.poll(() => updatesOfForm().length).toBe(2);
    expect(updatesOfForm()[1]!.response).toMatchObject({ ok: false, error: 'hash_conflict' });
    expect(e2e.log.text()).not.toMatch(/"level":(40|50)/);
  });

  it('a form whose channel was bound to another account meanwhile refuses its preset route and files nothing', async () => {
    await e2e.command('provision 212');
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.provision' && textOf(v).includes('"initial_value":"212"'),
    );
    expect(JSON.parse(String(form.view.private_metadata)).presets).toBeDefined();
    await e2e.store.channelAccounts.bind({
      channelId: CHANNEL,
      accountId: SEED_ACCOUNT_ID,
      accountName: 'Sandbox Wireless Co',
      boundBy: REQUESTER,
    });
    try {
      const before = await e2e.store.db.query(
        "SELECT count(*)::int AS n FROM requests WHERE kind = 'provision'",
      );
      const sent = await e2e.submit(form, {
        productType: 'Sms+Data',
        assignedSubscriberId: SEED_SUBSCRIBER_IDS[3]!,
      });
      expect(sent.body.response_action).toBe('update');
      expect(textOf(sent.body.view)).toContain(
        "This channel's Telegent account changed while the form was open",
      );
      const after = await e2e.store.db.query(
        "SELECT count(*)::int AS n FROM requests WHERE kind = 'provision'",
      );
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    } finally {
      await e2e.store.channelAccounts.unbind(CHANNEL);
    }
  });

  it('port-in: the name on the carrier account and the SIM wait behind "More options…"', async () => {
    await e2e.command('portin (415) 555-0142');
    const verdict = await e2e.latestView((v) => textOf(v).includes('portin.continue'));
    const value = JSON.parse(
      `"${JSON.stringify(verdict.view.blocks).match(/"action_id":"portin\.continue".*?"value":"((?:[^"\\]|\\.)*)"/)![1]}"`,
    ) as string;
    await e2e.slack.blockAction({
      actionId: 'portin.continue',
      value,
      userId: REQUESTER,
      view: shownView(e2e, verdict.id),
    });
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.portin');
    expect(inputIds(form.view)).not.toContain('subscriberName');
    await e2e.slack.blockAction({
      actionId: ACTION.moreOptions,
      userId: REQUESTER,
      view: shownView(e2e, form.id),
    });
    const expanded = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portin' && inputIds(v).includes('subscriberName'),
    );
    expect(expanded.id).toBe(form.id);
    expect(inputIds(expanded.view)).toEqual(expect.arrayContaining([...inputIds(form.view), 'iccid']));
    expect(textOf(expanded.view)).toContain('(415) 555-0142');
  });
});
