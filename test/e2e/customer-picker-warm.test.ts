import { afterEach, describe, expect, it } from 'vitest';
import { type E2E, REQUESTER, startE2E } from './harness.js';

const SUBSCRIBERS_PATH = '/v1.0/distributor/subscribers';
const LOADING = 'still loading customers — type again in a moment';

/** The options' texts a subscriber picker answered with. */
async function pickerTexts(e2e: E2E, value = ''): Promise<string[]> {
  const answer = await e2e.slack.options({ actionId: 'picker.subscriber', value, userId: REQUESTER });
  expect(answer.status).toBe(200);
  const body = answer.body as { options?: Array<{ text: { text: string } }> };
  return (body.options ?? []).map((o) => o.text.text);
}

describe('the customer picker never starts empty', () => {
  let e2e: E2E | undefined;
  afterEach(async () => {
    await e2e?.close();
    e2e = undefined;
  });

  it('at 50 requests a minute, the first query right after start gets customers or the loading option', async () => {
    e2e = await startE2E({ telegentRatePerMinute: 50 });
    const first = await pickerTexts(e2e);
    expect(first.length).toBeGreaterThan(0);
    const loading = first.includes(LOADING);
    expect(loading ? first : first.some((t) => t.includes('Bennet Hill'))).toEqual(
      loading ? [LOADING] : true,
    );
    // The list was read at start, in the background: a later query finds a customer without a new read.
    await expect
      .poll(() => pickerTexts(e2e!, 'bennet'), { timeout: 10_000 })
      .toContain('Bennet Hill — bennet@example.com');
    const reads = e2e.sandbox.journal().filter((j) => j.path === SUBSCRIBERS_PATH).length;
    expect(await pickerTexts(e2e, 'lopez')).toEqual([expect.stringContaining('Ana Lopez')]);
    expect(e2e.sandbox.journal().filter((j) => j.path === SUBSCRIBERS_PATH)).toHaveLength(reads);
  });

  it('while the first read is still under way the picker answers one "still loading" option, then the list', async () => {
    e2e = await startE2E({
      beforeStart: (sandbox) =>
        sandbox.injectFault({ endpoint: SUBSCRIBERS_PATH, kind: 'latency', latencyMs: 6_000, count: 1 }),
    });
    expect(await pickerTexts(e2e, 'bennet')).toEqual([LOADING]);
    // `/telegent customer` says the same in words.
    const before = e2e.responses().length;
    await e2e.command('customer bennet@example.com');
    await expect.poll(() => e2e!.responses().length, { timeout: 5_000 }).toBe(before + 1);
    expect(String(e2e.responses()[before]!.body.text)).toContain(
      'Still loading customers from Telegent — type the command again in a moment.',
    );
    await expect
      .poll(() => pickerTexts(e2e!, 'bennet'), { timeout: 10_000 })
      .toEqual(['Bennet Hill — bennet@example.com']);
  });
});
