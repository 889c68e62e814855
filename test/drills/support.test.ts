// The drills' own helpers: the leak scan must be able to fail, and reports must say SKIPPED / FAIL.
import { describe, expect, it } from 'vitest';
import { serverDatabaseUrl } from '../../drills/support/database.js';
import { scanForLeaks } from '../../drills/support/leak-scan.js';
import { DrillRecorder, formatReport } from '../../drills/support/report.js';
import type { FakeSlackCall } from '../support/fake-slack.js';

const call = (method: string, body: Record<string, unknown>): FakeSlackCall => ({
  method,
  body,
  token: undefined,
  status: 200,
  response: { ok: true },
});

describe('scanForLeaks', () => {
  const secrets = [
    { label: 'port-out PIN', value: '73915284', allowedChannel: 'DU0REQ' },
    { label: 'carrier password', value: 'Heron-Quarry-4417' },
  ];

  it('finds secrets in log lines and Slack bodies, and allows the PIN only in its DM', () => {
    const scan = scanForLeaks({
      secrets,
      logLines: [{ source: 'A', text: '{"msg":"password Heron-Quarry-4417"}' }, '{"msg":"fine"}'],
      slackCalls: [
        call('chat.postMessage', { channel: 'DU0REQ', text: 'Your PIN is 73915284' }),
        call('chat.postMessage', { channel: 'C0OPS', text: 'PIN 73915284' }),
        call('response_url', { text: 'PIN 73915284' }),
        call('views.update', { view: { blocks: [{ text: 'fine' }] } }),
      ],
    });
    expect(scan.allowedAppearances).toBe(1);
    expect(scan.leaks).toEqual([
      { secret: 'carrier password', where: 'log line 1 of A' },
      { secret: 'port-out PIN', where: 'chat.postMessage to C0OPS (call 2)' },
      { secret: 'port-out PIN', where: 'response_url (call 3)' },
    ]);
  });

  it('flags JWT-looking strings and refuses secrets too short to scan for', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhYmMxMjMifQ.c2lnbmF0dXJlLXZhbHVl';
    const scan = scanForLeaks({ secrets: [], logLines: [`{"auth":"Bearer ${jwt}"}`], slackCalls: [] });
    expect(scan.leaks).toEqual([{ secret: 'JWT-looking token', where: 'log line 1 of app' }]);
    expect(() =>
      scanForLeaks({ secrets: [{ label: 'pin', value: '1234' }], logLines: [], slackCalls: [] }),
    ).toThrow(/shorter than/);
  });
});

describe('drill reports', () => {
  it('print figures, PASS/FAIL with each failure, and SKIPPED with the reason', () => {
    const recorder = new DrillRecorder('example', 'what it did');
    recorder.figure('clicks', 50);
    expect(formatReport(recorder.result())).toMatch(/clicks\s+50[\s\S]*PASS/);
    recorder.check(false, 'two provisions');
    const failed = recorder.result();
    expect(failed.passed).toBe(false);
    expect(formatReport(failed)).toMatch(/FAIL \(1\)\n\s+✗ two provisions/);
    expect(formatReport(recorder.skipped('needs a Postgres server'))).toMatch(
      /SKIPPED: needs a Postgres server/,
    );
  });

  it('a drill needing the server is skipped when neither DATABASE_URL nor TEST_DATABASE_URL is set', () => {
    expect(serverDatabaseUrl({})).toBeUndefined();
    expect(serverDatabaseUrl({ TEST_DATABASE_URL: 'postgres://x/y' })).toBe('postgres://x/y');
  });
});
