import { z } from 'zod';
import {
  DEFAULT_VERIFICATION_METHODS,
  VERIFICATION_METHOD_MAX_LENGTH,
} from './operations/fields/verification-method.js';
import {
  DEFAULT_APPROVAL_REQUIRED_FOR,
  isOperationKind,
  OPERATION_KINDS,
  type OperationKind,
} from './operations/registry.js';

/**
 * Every environment variable the app reads, parsed once. `loadConfig` never throws a zod stack:
 * it throws a ConfigError whose message lists each problem and how to fix it.
 */

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const flag = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'use true or false' })
      .optional()
      .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value))),
  );
const integer = (fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a whole number' })
      .int({ message: 'must be a whole number' })
      .min(min, { message: `must be at least ${min}` })
      .max(max, { message: `must be at most ${max}` })
      .default(fallback),
  );
const idList = (pattern: RegExp, example: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .refine((ids) => ids.every((id) => pattern.test(id)), {
        message: `must be a comma-separated list of ids like ${example}`,
      }),
  );

const timeOfDay = /^([01]\d|2[0-3]):[0-5]\d$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'must be the Bot User OAuth Token, starting with xoxb-',
  }),
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)',
  }),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalString.pipe(
    z.url({ message: 'must be a URL like https://slack.com/api/' }).optional(),
  ),
  PORT: integer(3000, 0, 65535),
  TELEGENT_ACCOUNT_KEY: optionalString,
  TELEGENT_ACCOUNT_SECRET: optionalString,
  TELEGENT_BASE_URL: z.preprocess(
    emptyToUndefined,
    z.url({ message: 'must be a URL like https://api.telegent.com' }).default('https://api.telegent.com'),
  ),
  TELEGENT_ACCOUNT_ID: optionalString.refine((v) => v === undefined || /^AID-[\w-]+$/i.test(v), {
    message: 'must look like AID-…',
  }),
  TELEGENT_RATE_LIMIT_PER_MINUTE: integer(50, 1, 100_000),
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be a postgres:// URL',
  }),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  ENCRYPTION_KEY: optionalString.refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, {
    message: 'must be 32 bytes in base64: generate one with `openssl rand -base64 32`',
  }),
  APPROVALS_CHANNEL_ID: optionalString.refine((v) => v === undefined || /^[CG][A-Z0-9]{6,}$/.test(v), {
    message: 'must be a Slack channel id like C0123456789 (channel details → About → Channel ID)',
  }),
  APPROVER_USER_IDS: idList(/^[UW][A-Z0-9]{6,}$/, 'U0123456789,U0987654321'),
  APPROVER_USERGROUP_ID: optionalString.refine((v) => v === undefined || /^S[A-Z0-9]{6,}$/.test(v), {
    message: 'must be a Slack user group id like S0123456789',
  }),
  // Blank means the default, like every other setting: only an explicit `none` turns approvals off (a blank
  // line copied from .env.example must not quietly drop the second person).
  APPROVAL_REQUIRED_FOR: z.preprocess(
    (value) =>
      value === undefined || (typeof value === 'string' && value.trim() === '')
        ? DEFAULT_APPROVAL_REQUIRED_FOR.join(',')
        : value,
    z
      .string()
      .transform((value) => [
        ...new Set(
          value
            .split(',')
            .map((item) => item.trim().toLowerCase())
            .filter((item) => item !== '' && item !== 'none'),
        ),
      ])
      .refine((kinds): kinds is OperationKind[] => kinds.every(isOperationKind), {
        message: `must be a comma-separated list of: ${OPERATION_KINDS.join(', ')} (or none)`,
      }),
  ),
  REQUESTER_USERGROUP_ID: optionalString.refine((v) => v === undefined || /^S[A-Z0-9]{6,}$/.test(v), {
    message: 'must be a Slack user group id like S0123456789',
  }),
  REQUESTER_USER_IDS: idList(/^[UW][A-Z0-9]{6,}$/, 'U0123456789,U0987654321'),
  READER_USERGROUP_ID: optionalString.refine((v) => v === undefined || /^S[A-Z0-9]{6,}$/.test(v), {
    message: 'must be a Slack user group id like S0123456789',
  }),
  ALLOWED_CHANNEL_IDS: idList(/^[CG][A-Z0-9]{6,}$/, 'C0123456789,C0987654321'),
  // `portout:2,cancel-line:2`: these kinds need that many distinct approvers; every other kind needs one.
  APPROVALS_NEEDED: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((value, zctx) => {
        const needed: Partial<Record<OperationKind, number>> = {};
        for (const item of (value ?? '').split(',').map((part) => part.trim().toLowerCase())) {
          if (item === '') continue;
          const match = /^([a-z-]+)\s*:\s*(\d+)$/.exec(item);
          const kind = match?.[1] ?? '';
          const count = Number(match?.[2]);
          if (!match || !isOperationKind(kind)) {
            zctx.addIssue({
              code: 'custom',
              message: `"${item}" is not kind:count; kinds are ${OPERATION_KINDS.join(', ')} (e.g. portout:2,cancel-line:2)`,
            });
            continue;
          }
          if (!Number.isInteger(count) || count < 1 || count > 5) {
            zctx.addIssue({
              code: 'custom',
              message: `${kind}: the count must be a whole number from 1 to 5`,
            });
            continue;
          }
          needed[kind] = count;
        }
        return needed;
      }),
  ),
  ALLOW_SELF_APPROVAL: flag(false),
  APPROVAL_TTL_HOURS: integer(24, 1, 24 * 30),
  // `30m,2h,8h`: minutes after filing at which a pending request reminds its approvers; `none` for never.
  APPROVAL_REMINDERS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('30m,2h,8h')
      .transform((value, zctx) => {
        if (value.trim().toLowerCase() === 'none') return [];
        const minutes: number[] = [];
        for (const item of value.split(',').map((part) => part.trim().toLowerCase())) {
          const match = /^(\d+)\s*(m|h)$/.exec(item);
          const amount = Number(match?.[1]);
          if (!match || amount <= 0) {
            zctx.addIssue({
              code: 'custom',
              message: `"${item}" is not a step: use minutes or hours like 30m,2h,8h (or none)`,
            });
            continue;
          }
          minutes.push(match[2] === 'h' ? amount * 60 : amount);
        }
        if (minutes.some((m, i) => i > 0 && m <= minutes[i - 1]!)) {
          zctx.addIssue({ code: 'custom', message: 'the steps must grow, like 30m,2h,8h' });
        }
        return minutes;
      }),
  ),
  TELEGENT_POLL_SHARE: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a number between 0 and 1, e.g. 0.5' })
      .gt(0, { message: 'must be above 0 (the poller needs some of the limit), e.g. 0.5' })
      .max(1, { message: 'must be at most 1 (the whole limit), e.g. 0.5' })
      .default(0.5),
  ),
  // The choices of "How was the customer verified?" (SIM swap, port-out PIN, cancel line, new owner or SIM).
  VERIFICATION_METHODS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((value, zctx) => {
        if (value === undefined) return [...DEFAULT_VERIFICATION_METHODS];
        const methods = [
          ...new Set(
            value
              .split(',')
              .map((part) => part.trim())
              .filter(Boolean),
          ),
        ];
        if (methods.length === 0 || methods.length > 100)
          zctx.addIssue({ code: 'custom', message: 'list 1 to 100 methods, comma-separated' });
        for (const method of methods.filter((m) => m.length > VERIFICATION_METHOD_MAX_LENGTH))
          zctx.addIssue({
            code: 'custom',
            message: `"${method.slice(0, 30)}…" is longer than ${VERIFICATION_METHOD_MAX_LENGTH} characters (Slack cuts longer choices)`,
          });
        return methods;
      }),
  ),
  // The account's own messaging-enabled number that texts the line when a SIM swap or port-out PIN is asked.
  CUSTOMER_NOTICE_FROM: optionalString.refine((v) => v === undefined || /^\+1[2-9]\d{2}[2-9]\d{6}$/.test(v), {
    message: 'must be a number of your Telegent account in E.164, like +18015550100',
  }),
  CUSTOMER_NOTICE_COMPANY: optionalString.refine((v) => v === undefined || v.length <= 30, {
    message: 'must be at most 30 characters (the text must fit one SMS)',
  }),
  ORDER_POLL_MIN_SECONDS: integer(60, 1, 86_400),
  ORDER_POLL_MAX_SECONDS: integer(21_600, 1, 7 * 86_400),
  ORDER_LEASE_SECONDS: integer(20, 3, 600),
  DIGEST_DEFAULT_TIME: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('09:00')
      .refine((v) => timeOfDay.test(v), { message: 'must be HH:MM, e.g. 09:00' }),
  ),
  DIGEST_DEFAULT_TZ: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('UTC')
      .refine(isTimeZone, { message: 'must be an IANA time zone like America/Denver' }),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  SANDBOX_PORT: integer(4010, 0, 65535),
  SANDBOX_ACCOUNT_KEY: optionalString,
  SANDBOX_ACCOUNT_SECRET: optionalString,
  SANDBOX_RATE_LIMIT_PER_MINUTE: integer(50, 1, 100_000),
  SANDBOX_TOKEN_TTL_SECONDS: integer(600, 5, 86_400),
  SANDBOX_SPEED: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'must be a number' }).positive({ message: 'must be above 0' }).default(1),
  ),
});

/** Every environment variable the app reads (README's table and `.env.example` list the same; a test checks). */
export const ENV_VARIABLES: readonly string[] = Object.keys(schema.shape);

type Env = z.output<typeof schema>;

/** Rules that span variables; checked on the raw strings so they are reported with the per-field ones. */
function crossFieldProblems(source: NodeJS.ProcessEnv): string[] {
  const set = (name: string) => Boolean(source[name]?.trim());
  const problems: string[] = [];
  if (set('TELEGENT_ACCOUNT_KEY') !== set('TELEGENT_ACCOUNT_SECRET')) {
    const missing = set('TELEGENT_ACCOUNT_KEY') ? 'TELEGENT_ACCOUNT_SECRET' : 'TELEGENT_ACCOUNT_KEY';
    problems.push(
      `${missing}: set both TELEGENT_ACCOUNT_KEY and TELEGENT_ACCOUNT_SECRET for real Telegent, or neither for the sandbox`,
    );
  }
  const min = Number(source.ORDER_POLL_MIN_SECONDS || 60);
  const max = Number(source.ORDER_POLL_MAX_SECONDS || 21_600);
  if (min > max) problems.push('ORDER_POLL_MIN_SECONDS: must not be above ORDER_POLL_MAX_SECONDS');
  if (set('CUSTOMER_NOTICE_FROM') && !set('CUSTOMER_NOTICE_COMPANY')) {
    problems.push(
      'CUSTOMER_NOTICE_COMPANY: is required with CUSTOMER_NOTICE_FROM: the company name the customer reads in the text, e.g. Acme Mobile',
    );
  }
  if (set('DATABASE_URL') && !set('ENCRYPTION_KEY')) {
    problems.push(
      'ENCRYPTION_KEY: is required with DATABASE_URL (replicas must share it): generate one with `openssl rand -base64 32`',
    );
  }
  return problems;
}

/** APPROVALS_NEEDED that could never be met, or would never apply. */
function approvalsNeededProblems(env: Env): string[] {
  const problems: string[] = [];
  for (const [kind, count] of Object.entries(env.APPROVALS_NEEDED) as [OperationKind, number][]) {
    if (count > 1 && !env.APPROVAL_REQUIRED_FOR.includes(kind)) {
      problems.push(
        `APPROVALS_NEEDED: ${kind} needs ${count} approvers but is not in APPROVAL_REQUIRED_FOR, so it is never approved at all: add it there or drop it here`,
      );
    }
    const listed = env.APPROVER_USER_IDS.length;
    if (count > 1 && !env.APPROVER_USERGROUP_ID && listed > 0 && listed < count) {
      problems.push(
        `APPROVALS_NEEDED: ${kind} needs ${count} different approvers but APPROVER_USER_IDS lists only ${listed}: add approvers or lower the count`,
      );
    }
  }
  return problems;
}

export interface Config {
  slack: {
    botToken?: string;
    appToken?: string;
    signingSecret?: string;
    apiUrl?: string;
    port: number;
    /** Variables still needed before the Slack app can start (empty when ready). */
    missing: string[];
  };
  telegent: {
    mode: 'live' | 'sandbox';
    baseUrl: string;
    accountKey?: string;
    accountSecret?: string;
    accountId?: string;
    rateLimitPerMinute: number;
  };
  store: { databaseUrl?: string; dataDir: string; encryptionKey?: string };
  approvals: {
    channelId?: string;
    approverUserIds: string[];
    approverUsergroupId?: string;
  } & ApprovalPolicy;
  access: AccessSettings;
  customers: CustomerSettings;
  jobs: {
    pollShare: number;
    telegentRateLimitPerMinute: number;
    orderPollMinSeconds: number;
    orderPollMaxSeconds: number;
    orderLeaseSeconds: number;
    digestDefaultTime: string;
    digestDefaultTimeZone: string;
  };
  logLevel: string;
  sandbox: {
    port: number;
    accountKey?: string;
    accountSecret?: string;
    rateLimitPerMinute: number;
    tokenTtlSeconds: number;
    speed: number;
  };
}

/** Who may use the app beyond "every full member" (README: Who can use it). Empty lists: no limit. */
export interface AccessSettings {
  requesterUsergroupId?: string | undefined;
  requesterUserIds: string[];
  readerUsergroupId?: string | undefined;
  allowedChannelIds: string[];
}

/** How risky changes protect the customer (VERIFICATION_METHODS, CUSTOMER_NOTICE_*). */
export interface CustomerSettings {
  verificationMethods: string[];
  /** Set: the line is texted from `from` when a SIM swap or port-out PIN is asked; unset: nobody is texted. */
  notice?: { from: string; company: string } | undefined;
}

/** Which operations need a second person, and the rules of deciding (APPROVAL_* variables). */
export interface ApprovalPolicy {
  requiredFor: readonly OperationKind[];
  /** APPROVALS_NEEDED: distinct approvers per kind where the risk calls for more than one (absent → 1). */
  approvalsNeeded?: Readonly<Partial<Record<OperationKind, number>>>;
  allowSelfApproval: boolean;
  ttlHours: number;
  /** APPROVAL_REMINDERS: minutes after filing at which a pending request reminds its approvers (empty: never). */
  reminderMinutes?: readonly number[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problems:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function missingSlackVariables(env: Env): string[] {
  const missing: string[] = [];
  if (!env.SLACK_BOT_TOKEN) missing.push('SLACK_BOT_TOKEN');
  // Socket Mode is the laptop default; the setup guide also explains HTTP mode (SLACK_SIGNING_SECRET).
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) missing.push('SLACK_APP_TOKEN');
  return missing;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)),
    ...crossFieldProblems(source),
  ];
  if (parsed.success) problems.push(...approvalsNeededProblems(parsed.data));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const env = parsed.data;
  const live = Boolean(env.TELEGENT_ACCOUNT_KEY && env.TELEGENT_ACCOUNT_SECRET);
  return {
    slack: {
      botToken: env.SLACK_BOT_TOKEN,
      appToken: env.SLACK_APP_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      apiUrl: env.SLACK_API_URL,
      port: env.PORT,
      missing: missingSlackVariables(env),
    },
    telegent: {
      mode: live ? 'live' : 'sandbox',
      baseUrl: env.TELEGENT_BASE_URL,
      accountKey: env.TELEGENT_ACCOUNT_KEY,
      accountSecret: env.TELEGENT_ACCOUNT_SECRET,
      accountId: env.TELEGENT_ACCOUNT_ID,
      rateLimitPerMinute: env.TELEGENT_RATE_LIMIT_PER_MINUTE,
    },
    store: { databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, encryptionKey: env.ENCRYPTION_KEY },
    approvals: {
      channelId: env.APPROVALS_CHANNEL_ID,
      approverUserIds: env.APPROVER_USER_IDS,
      approverUsergroupId: env.APPROVER_USERGROUP_ID,
      requiredFor: env.APPROVAL_REQUIRED_FOR,
      approvalsNeeded: env.APPROVALS_NEEDED,
      allowSelfApproval: env.ALLOW_SELF_APPROVAL,
      ttlHours: env.APPROVAL_TTL_HOURS,
      reminderMinutes: env.APPROVAL_REMINDERS,
    },
    access: {
      requesterUsergroupId: env.REQUESTER_USERGROUP_ID,
      requesterUserIds: env.REQUESTER_USER_IDS,
      readerUsergroupId: env.READER_USERGROUP_ID,
      allowedChannelIds: env.ALLOWED_CHANNEL_IDS,
    },
    customers: {
      verificationMethods: env.VERIFICATION_METHODS,
      notice:
        env.CUSTOMER_NOTICE_FROM && env.CUSTOMER_NOTICE_COMPANY
          ? { from: env.CUSTOMER_NOTICE_FROM, company: env.CUSTOMER_NOTICE_COMPANY }
          : undefined,
    },
    jobs: {
      pollShare: env.TELEGENT_POLL_SHARE,
      telegentRateLimitPerMinute: env.TELEGENT_RATE_LIMIT_PER_MINUTE,
      orderPollMinSeconds: env.ORDER_POLL_MIN_SECONDS,
      orderPollMaxSeconds: env.ORDER_POLL_MAX_SECONDS,
      orderLeaseSeconds: env.ORDER_LEASE_SECONDS,
      digestDefaultTime: env.DIGEST_DEFAULT_TIME,
      digestDefaultTimeZone: env.DIGEST_DEFAULT_TZ,
    },
    logLevel: env.LOG_LEVEL,
    sandbox: {
      port: env.SANDBOX_PORT,
      accountKey: env.SANDBOX_ACCOUNT_KEY,
      accountSecret: env.SANDBOX_ACCOUNT_SECRET,
      rateLimitPerMinute: env.SANDBOX_RATE_LIMIT_PER_MINUTE,
      tokenTtlSeconds: env.SANDBOX_TOKEN_TTL_SECONDS,
      speed: env.SANDBOX_SPEED,
    },
  };
}
