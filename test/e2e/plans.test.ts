import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANS_NOT_ENABLED } from '../../src/telegent/plans-availability.js';
import { type E2E, startE2E, textOf } from './harness.js';

async function answer(e2e: E2E, text: string) {
  const before = e2e.responses().length;
  const response = await e2e.command(text);
  expect(response.status).toBe(200);
  await expect.poll(() => e2e.responses().length).toBeGreaterThan(before);
  return e2e.responses()[before]!.body;
}

describe('/telegent plans end to end', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  it('lists the active plans with price and contents, ephemerally; inactive and one-customer plans hidden', async () => {
    const shown = await answer(e2e, 'plans');
    expect(shown.response_type).toBe('ephemeral');
    const text = textOf(shown.blocks);
    expect(text).toContain('Unlimited Plus');
    expect(text).toContain('$45.00 / month');
    // mrkdwn escapes "&" as "&amp;" (Slack shows "&").
    expect(text).toContain('Unlimited talk &amp; text · Unlimited 5G data');
    expect(text).toContain('Basic Talk &amp; Text');
    expect(text).toContain('$10.00 once');
    expect(text).not.toContain('Legacy 2019');
    expect(text).not.toContain('Custom rate');
    expect(text).toContain('SANDBOX');
  });

  it('help names it', async () => {
    expect(textOf((await answer(e2e, 'help')).blocks)).toContain('/telegent plans');
  });
});

describe('/telegent plans when the account has no plans (Telegent answers 404 for the paths)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ beforeStart: (sandbox) => sandbox.refusePlans() });
  });
  afterAll(() => e2e.close());

  it('says plans are not enabled every time it is asked, and logs it once', async () => {
    for (let i = 0; i < 2; i++) {
      const shown = await answer(e2e, 'plans');
      expect(shown.response_type).toBe('ephemeral');
      expect(textOf(shown)).toContain(PLANS_NOT_ENABLED);
      expect(textOf(shown)).toMatch(/ask Telegent to enable/);
      expect(textOf(shown)).not.toContain('Unlimited Plus');
    }
    expect(e2e.log.lines.filter((line) => line.includes(PLANS_NOT_ENABLED))).toHaveLength(1);
  });
});
