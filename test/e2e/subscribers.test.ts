import type { ModalView } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

/** The temporary password as the DM shows it: in a code span (a TSUID's groups look alike). */
const PASSWORD_SHAPE = /`([A-Za-z2-9]{4}(?:-[A-Za-z2-9]{4}){3})`/;

describe('new subscribers, end to end', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  const creates = () =>
    e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === '/v1.0/subscribers/create');
  const openForm = async () => {
    const before = e2e.fake.callsTo('views.open').length;
    await e2e.command('subscriber new');
    await expect.poll(() => e2e.fake.callsTo('views.open').length).toBe(before + 1);
    return e2e.latestView((v) => v.callback_id === 'telegent.subscriber-new');
  };
  const passwordDms = () =>
    e2e.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === `D${REQUESTER}` && PASSWORD_SHAPE.test(textOf(c.body.blocks)));

  it('bad input and a known email are refused under the fields, with nothing sent', async () => {
    const form = await openForm();
    const bad = await e2e.submit(form, { name: 'Jane Roe', email: 'jane@' });
    expect(bad.body).toMatchObject({ response_action: 'errors' });
    expect(textOf(bad.body.errors)).toContain('is not an email address');

    const taken = await e2e.submit(form, { name: 'Ana L', email: 'Ana.Lopez@example.com' });
    expect(taken.body).toMatchObject({ response_action: 'errors' });
    expect(textOf(taken.body.errors)).toMatch(/already belongs to a Telegent subscriber \(Ana Lopez — ana/);
    expect(creates()).toHaveLength(0);
  });

  it('creates one subscriber, DMs the temporary password to the requester alone, and the picker finds them', async () => {
    const form = await openForm();
    const sent = await e2e.submit(form, { name: 'Jane Roe', email: 'jane.roe@example.com' });
    expect(sent.body).toMatchObject({ response_action: 'update' });
    await expect.poll(() => creates().length).toBe(1);
    expect(creates()[0]!.body).toMatchObject({
      Name: 'Jane Roe',
      Email: 'jane.roe@example.com',
      Role: 'Subscriber',
      Password: '***',
    });
    await expect.poll(() => passwordDms().length).toBe(1);
    const dm = passwordDms()[0]!;
    const password = textOf(dm.body.blocks).match(PASSWORD_SHAPE)![1]!;
    expect(textOf(dm.body.blocks)).toContain('reset it at first login');
    expect(String(dm.body.text)).not.toContain(password);

    // Nowhere else: no other Slack call, no log line, no stored row.
    const elsewhere = e2e.fake.calls.filter((c) => c !== dm && textOf(c.body).includes(password));
    expect(elsewhere).toHaveLength(0);
    expect(e2e.log.text()).not.toContain(password);
    const rows = await e2e.store.db.query('SELECT * FROM requests');
    expect(JSON.stringify(rows.rows)).not.toContain(password);
    const audit = await e2e.store.db.query('SELECT * FROM audit_log');
    expect(JSON.stringify(audit.rows)).not.toContain(password);

    // The form shows the outcome, and the subscriber list is read again: the picker offers them.
    await expect
      .poll(() =>
        e2e.fake
          .callsTo('views.update')
          .some((c) => c.body.view_id === form.id && /New subscriber.*done/.test(textOf(c.body.view))),
      )
      .toBe(true);
    const options = await e2e.slack.options({
      actionId: 'picker.subscriber',
      value: 'roe',
      userId: REQUESTER,
    });
    expect(textOf(options.body)).toContain('Jane Roe — jane.roe@example.com');
  });

  it('Telegent refusing a duplicate email (not yet in the cache) is shown, and nothing else happens', async () => {
    const form = await openForm();
    // The form warmed the subscriber list; wait until it is cached, then someone creates one outside Slack.
    await expect
      .poll(async () =>
        textOf(
          (await e2e.slack.options({ actionId: 'picker.subscriber', value: 'bennet', userId: REQUESTER }))
            .body,
        ),
      )
      .toContain('Bennet Hill');
    await e2e.telegent.createSubscriber({
      Name: 'Outside',
      Email: 'outside@example.com',
      Role: 'Subscriber',
      Password: 'created-elsewhere-1',
    });
    const before = creates().length;
    await e2e.submit(form, { name: 'Outside Again', email: 'outside@example.com' });
    await expect.poll(() => creates().length).toBe(before + 1);
    await e2e.viewShows(form.id, 'Telegent already has a subscriber with that email');
    expect(passwordDms()).toHaveLength(1);
  });

  it('"New subscriber…" in the provision form pushes the subscriber form for the same channel', async () => {
    await e2e.command('provision 801');
    const provision = await e2e.latestView((v) => v.callback_id === 'telegent.provision');
    expect(textOf(provision.view)).toContain('New subscriber…');
    const pushesBefore = e2e.fake.callsTo('views.push').length;
    await e2e.slack.blockAction({
      actionId: 'subscriber.new',
      userId: REQUESTER,
      view: { id: provision.id, ...provision.view, state: { values: {} } },
    });
    await expect.poll(() => e2e.fake.callsTo('views.push').length).toBe(pushesBefore + 1);
    const pushed = e2e.fake.callsTo('views.push').at(-1)!.body.view as ModalView;
    expect(pushed.callback_id).toBe('telegent.subscriber-new');
    expect(JSON.parse(String(pushed.private_metadata))).toMatchObject({ channelId: CHANNEL });
    expect(textOf(pushed)).toContain('close this to go back to your form');
  });
});
