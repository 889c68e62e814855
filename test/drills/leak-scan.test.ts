import { describe, expect, it } from 'vitest';
import { run } from '../../drills/leak-scan.js';
import { formatReport } from '../../drills/support/report.js';

describe('drill 6: leak scan over a scripted session', () => {
  it('provision, port-in, update, port-out, eSIM swap and new subscriber leave no secret in logs or Slack bodies; PIN, QR link and password only in their DMs', async () => {
    const result = await run();
    expect(result.passed, formatReport(result)).toBe(true);
    expect(result.figures['PIN DMs to the requester']).toBe(1);
    // The provision's new line is put on its plan in the background: its subscription may come after the port-in.
    expect(String(result.figures['Telegent mutations made']).split(', ').sort()).toEqual(
      [
        'provision',
        'subscriptions',
        'portin',
        'portin/update',
        'portout',
        'status',
        'subscribers/create',
      ].sort(),
    );
    expect(Number(result.figures['Telegent tokens captured'])).toBeGreaterThan(0);
    expect(Number(result.figures['leak scan: log lines scanned'])).toBeGreaterThan(50);
    expect(result.figures['leak scan: leaks']).toBe(0);
  }, 120_000);
});
