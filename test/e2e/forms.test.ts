import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_USAGE_NUMBERS } from '../../src/sandbox/seed.js';

const DATA_NUMBERS = [SEED_USAGE_NUMBERS.active, SEED_USAGE_NUMBERS.throttled];

import { CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

describe('data limits and search forms, end to end', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  const setLimits = () =>
    e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === '/v1.0/numbers/data-usage');

  it('limits for several numbers: inline errors first, then applied without approval', async () => {
    await e2e.command(`limits ${DATA_NUMBERS[0]} ${DATA_NUMBERS[1]}`);
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.limits');
    expect(textOf(form.view)).toContain(DATA_NUMBERS[1]);

    const bad = await e2e.submit(form, { notifyValue: '30', throttleValue: '20', limitValue: '10' });
    expect(bad.body.response_action).toBe('errors');
    expect(Object.keys(bad.body.errors).length).toBeGreaterThan(0);
    expect(setLimits()).toHaveLength(0);

    const good = await e2e.submit(form, {
      notifyValue: '10',
      throttleValue: '20',
      limitValue: '30',
      throttleSpeed: '1-mbps',
    });
    expect(good.body).toMatchObject({ response_action: 'update' });
    await expect.poll(() => setLimits().length).toBe(1);
    expect(setLimits()[0]!.body).toMatchObject({
      LimitValue: 30,
      NotifyValue: 10,
      ThrottleValue: 20,
      PhoneNumbers: [{ Number: DATA_NUMBERS[0] }, { Number: DATA_NUMBERS[1] }],
    });
    await expect
      .poll(() =>
        e2e.fake
          .callsTo('views.update')
          .some((c) => textOf(c.body.view).includes('Data limits') && textOf(c.body.view).includes('done')),
      )
      .toBe(true);
  });

  it('limits typed in GB reach Telegent in MB: 2 GB → LimitValue 2048, ValueUnit MB', async () => {
    const before = setLimits().length;
    await e2e.command(`limits ${DATA_NUMBERS[0]}`);
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.limits' && !textOf(v).includes(DATA_NUMBERS[1]!),
    );
    expect(textOf(form.view)).toContain('1 GB = 1024 MB');
    const sent = await e2e.submit(form, {
      notifyValue: '1',
      throttleValue: '',
      throttleSpeed: '',
      limitValue: '2',
      valueUnit: 'GB',
    });
    expect(sent.body).toMatchObject({ response_action: 'update' });
    await expect.poll(() => setLimits().length).toBe(before + 1);
    expect(setLimits().at(-1)!.body).toMatchObject({ ValueUnit: 'MB', LimitValue: 2048, NotifyValue: 1024 });
  });

  it('a bad number list is refused before any form opens', async () => {
    const before = e2e.responses().length;
    await e2e.command('limits +18015551234 banana');
    await expect.poll(() => e2e.responses().length).toBe(before + 1);
    expect(textOf(e2e.responses()[before]!.body)).toContain('banana');
  });

  it('search results page forward and open the provision form pre-filled', async () => {
    const before = e2e.responses().length;
    await e2e.command('search 801');
    await expect.poll(() => e2e.responses().length).toBe(before + 1);
    const results = e2e.responses()[before]!.body;
    const provision = JSON.stringify(results.blocks).match(
      /"action_id":"search\.provision".*?"value":"((?:[^"\\]|\\.)*)"/,
    );
    expect(provision).not.toBeNull();
    await e2e.slack.blockAction({
      actionId: 'search.provision',
      value: JSON.parse(`"${provision![1]}"`),
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: '1.5',
    });
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.provision');
    expect(textOf(form.view)).toContain('"initial_value":"801"');

    const next = JSON.stringify(results.blocks).match(
      /"action_id":"search\.page".*?"value":"((?:[^"\\]|\\.)*)"/,
    );
    if (next) {
      const pages = e2e.responses().length;
      await e2e.slack.blockAction({
        actionId: 'search.page',
        value: JSON.parse(`"${next[1]}"`),
        userId: REQUESTER,
        channelId: CHANNEL,
        messageTs: '1.5',
      });
      await expect.poll(() => e2e.responses().length).toBe(pages + 1);
      expect(e2e.responses()[pages]!.body.replace_original).toBe(true);
    }
  });
});
