import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_USAGE_NUMBERS } from '../../src/sandbox/seed.js';
import { CHANNEL, type E2E, startE2E, textOf } from './harness.js';

describe('/telegent subcommands end to end', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  const answer = async (text: string) => {
    const before = e2e.responses().length;
    const response = await e2e.command(text);
    expect(response.status).toBe(200);
    await expect.poll(() => e2e.responses().length).toBeGreaterThan(before);
    return e2e.responses()[before]!.body;
  };

  it('help and unknown subcommands show the usage, ephemerally', async () => {
    const help = await answer('help');
    expect(help.response_type).toBe('ephemeral');
    for (const sub of [
      'search',
      'provision',
      'portin',
      'portout',
      'limits',
      'usage',
      'status',
      'orders',
      'digest',
      'protect',
    ]) {
      expect(textOf(help.blocks)).toContain(`/telegent ${sub}`);
    }
    const unknown = await answer('launch rockets');
    expect(textOf(unknown.blocks)).toMatch(/don't know `launch`/);
  });

  it('protect without a line, or with a line that is not a number, says what to type', async () => {
    expect(textOf(await answer('protect'))).toContain('/telegent protect +18015551234');
    expect(textOf(await answer('protect 555-CALL-NOW'))).toMatch(/Line: use digits only/);
  });

  it('search shows areas with Provision buttons, and a bad term says what to type', async () => {
    const found = await answer('search 801');
    expect(textOf(found.blocks)).toContain('search.provision');
    expect(found.blocks.length).toBeLessThanOrEqual(50);
    const bad = await answer('search 12');
    expect(textOf(bad)).toMatch(/area code|ZIP/i);
  });

  it('usage shows used / remaining and thresholds', async () => {
    const number = Object.values(SEED_USAGE_NUMBERS)[0] as string;
    const shown = await answer(`usage ${number}`);
    expect(textOf(shown.blocks)).toMatch(/Remaining|remaining/);
    const bad = await answer('usage +44 20 7946 0958');
    expect(textOf(bad)).toMatch(/US|\+1/);
  });

  it('status of an unknown order is a clear error; orders lists this channel', async () => {
    const status = await answer('status JNUOID-00000000-0000-4000-8000-000000000000');
    expect(textOf(status)).toMatch(/does not know that order\. Check the order id.*\(ref [a-z0-9]+\)/);
    expect(textOf(status)).not.toMatch(/number/);
    const orders = await answer('orders');
    expect(textOf(orders)).toMatch(/order/i);
  });

  it('digest on/off manages the channel subscription', async () => {
    const on = await answer('digest on 08:30 America/Denver');
    expect(textOf(on)).toContain('08:30');
    expect(await e2e.store.digests.get(CHANNEL)).toMatchObject({
      localTime: '08:30',
      timeZone: 'America/Denver',
    });
    const bad = await answer('digest on 25:00');
    expect(textOf(bad)).toMatch(/digest on/);
    await answer('digest off');
    expect(await e2e.store.digests.get(CHANNEL)).toBeNull();
  });

  it('provision opens the form at once, with pickers fed from Telegent', async () => {
    await e2e.command('provision 801');
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.provision');
    expect(textOf(form.view)).toContain('picker.message-route');
    const options = await e2e.slack.options({
      actionId: 'picker.message-route',
      value: '',
      userId: 'U0REQUESTER1',
      view: { id: form.id, callback_id: 'telegent.provision' },
    });
    expect(options.status).toBe(200);
    expect(options.body.options.length).toBeGreaterThan(0);
  });
});
