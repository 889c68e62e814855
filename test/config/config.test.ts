import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DEFAULT_APPROVAL_REQUIRED_FOR } from '../../src/operations/registry.js';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.slack.port).toBe(3000);
    expect(config.slack.missing).toEqual(['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN']);
    expect(config.telegent).toMatchObject({
      mode: 'sandbox',
      baseUrl: 'https://api.telegent.com',
      rateLimitPerMinute: 50,
    });
    expect(config.store).toEqual({ databaseUrl: undefined, dataDir: './data', encryptionKey: undefined });
    expect(config.approvals).toMatchObject({
      requiredFor: [
        'provision',
        'portin',
        'portin-cancel',
        'portout',
        'park',
        'activate',
        'swap-sim',
        'cancel-line',
        'number-update',
        'plan',
        'plan-end',
      ],
      allowSelfApproval: false,
      ttlHours: 24,
      approverUserIds: [],
    });
    expect(config.jobs).toEqual({
      pollShare: 0.5,
      telegentRateLimitPerMinute: 50,
      orderPollMinSeconds: 60,
      orderPollMaxSeconds: 21600,
      orderLeaseSeconds: 20,
      digestDefaultTime: '09:00',
      digestDefaultTimeZone: 'UTC',
    });
    expect(config.sandbox).toMatchObject({
      port: 4010,
      rateLimitPerMinute: 50,
      tokenTtlSeconds: 600,
      speed: 1,
    });
  });

  it('reads a full production environment', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'abc',
      TELEGENT_ACCOUNT_KEY: 'DID-1',
      TELEGENT_ACCOUNT_SECRET: 's',
      DATABASE_URL: 'postgres://u@h/db',
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      APPROVER_USER_IDS: 'U0123456, U0999999',
      APPROVAL_REQUIRED_FOR: 'none',
      ALLOW_SELF_APPROVAL: 'true',
      TELEGENT_POLL_SHARE: '0.25',
      TELEGENT_RATE_LIMIT_PER_MINUTE: '120',
    });
    expect(config.slack.missing).toEqual([]);
    expect(config.telegent.mode).toBe('live');
    expect(config.approvals.approverUserIds).toEqual(['U0123456', 'U0999999']);
    expect(config.approvals.requiredFor).toEqual([]);
    expect(config.approvals.allowSelfApproval).toBe(true);
    expect(config.jobs).toMatchObject({ pollShare: 0.25, telegentRateLimitPerMinute: 120 });
  });

  it('APPROVAL_REQUIRED_FOR is parsed once into operation kinds: spaces, case, repeats and "none"', () => {
    const requiredFor = (value: string) =>
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', APPROVAL_REQUIRED_FOR: value })
        .approvals.requiredFor;
    expect(requiredFor(' Limits , portin-update,,LIMITS')).toEqual(['limits', 'portin-update']);
    expect(requiredFor('none')).toEqual([]);
    // Blank is the default, as for every setting: only `none` turns the second person off.
    expect(requiredFor(' ')).toEqual(DEFAULT_APPROVAL_REQUIRED_FOR);
  });

  it('APPROVALS_NEEDED and APPROVAL_REMINDERS are parsed once; bad values say what to write', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    const approvals = loadConfig({
      ...base,
      APPROVALS_NEEDED: ' PortOut:2 , cancel-line : 3',
      APPROVAL_REMINDERS: '15m, 1h,8h',
    }).approvals;
    expect(approvals.approvalsNeeded).toEqual({ portout: 2, 'cancel-line': 3 });
    expect(approvals.reminderMinutes).toEqual([15, 60, 480]);
    expect(loadConfig(base).approvals.approvalsNeeded).toEqual({});
    expect(loadConfig(base).approvals.reminderMinutes).toEqual([30, 120, 480]);
    expect(loadConfig({ ...base, APPROVAL_REMINDERS: 'none' }).approvals.reminderMinutes).toEqual([]);

    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ APPROVALS_NEEDED: 'launch-rockets:2' })[0]).toMatch(
      /APPROVALS_NEEDED: "launch-rockets:2" is not kind:count; kinds are .*portout.*\(e\.g\. portout:2,cancel-line:2\)/,
    );
    expect(problems({ APPROVALS_NEEDED: 'portout:0' })[0]).toMatch(
      /portout: the count must be a whole number from 1 to 5/,
    );
    expect(problems({ APPROVALS_NEEDED: 'search:2' })[0]).toMatch(
      /search needs 2 approvers but is not in APPROVAL_REQUIRED_FOR/,
    );
    expect(problems({ APPROVALS_NEEDED: 'portout:3', APPROVER_USER_IDS: 'U0123456,U0999999' })[0]).toMatch(
      /portout needs 3 different approvers but APPROVER_USER_IDS lists only 2/,
    );
    expect(problems({ APPROVAL_REMINDERS: '30 minutes' })[0]).toMatch(
      /APPROVAL_REMINDERS: "30 minutes" is not a step/,
    );
    expect(problems({ APPROVAL_REMINDERS: '2h,30m' })[0]).toMatch(/must grow/);
  });

  it('lists every problem at once, each with what to do, and no stack', () => {
    let error: unknown;
    try {
      loadConfig({
        SLACK_BOT_TOKEN: 'xoxp-user-token',
        PORT: 'eighty',
        TELEGENT_ACCOUNT_KEY: 'DID-1',
        APPROVER_USER_IDS: 'bob',
        APPROVAL_REQUIRED_FOR: 'provision,launch-rockets',
        DIGEST_DEFAULT_TZ: 'Mars/Olympus',
        TELEGENT_POLL_SHARE: '1.5',
        DATABASE_URL: 'postgres://u@h/db',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(8);
    expect(problems.join('\n')).toMatch(
      /TELEGENT_POLL_SHARE: must be at most 1 \(the whole limit\), e\.g\. 0\.5/,
    );
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN: must be the Bot User OAuth Token/);
    expect(problems.join('\n')).toMatch(/PORT: must be a whole number/);
    expect(problems.join('\n')).toMatch(/TELEGENT_ACCOUNT_SECRET: set both/);
    expect(problems.join('\n')).toMatch(/APPROVER_USER_IDS: must be a comma-separated list/);
    expect(problems.join('\n')).toMatch(/APPROVAL_REQUIRED_FOR: .*portin-cancel/);
    expect(problems.join('\n')).toMatch(/DIGEST_DEFAULT_TZ: must be an IANA time zone/);
    expect(problems.join('\n')).toMatch(/ENCRYPTION_KEY: is required with DATABASE_URL/);
    expect((error as Error).message).not.toMatch(/at .*\.ts:\d+/);
  });
});
