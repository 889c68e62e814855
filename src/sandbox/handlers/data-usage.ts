import type { HandlerContext } from '../context.js';
import { badRequest, NOT_ON_ACCOUNT_MESSAGE, notFound } from '../errors.js';
import { numberList, optEnum, optInt, reqEnum, requiredMessage } from '../fields.js';
import { formatBytes, isE164, requireE164, UNIT_BYTES } from '../formats.js';
import type { NumberRecord } from '../state.js';

/** Input speeds (all nine documented values) → the carrier codes the settings read-back shows. */
export const THROTTLE_SPEED_CODES = {
  '64-kbps': 'thr64kbps',
  '128-kbps': 'thr128kbps',
  '256-kbps': 'thr256kbps',
  '512-kbps': 'thr512kbps',
  '1-mbps': 'thr1024kbps',
  '5-mbps': 'thr5120kbps',
  '20-mbps': 'thr20480kbps',
  '50-mbps': 'thr51200kbps',
  '100-mbps': 'thr102400kbps',
} as const;
type Speed = keyof typeof THROTTLE_SPEED_CODES;
const SPEEDS = Object.keys(THROTTLE_SPEED_CODES) as Speed[];
const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** POST /v1.0/numbers/data-usage */
export function setDataUsage({ core, body }: HandlerContext): unknown {
  const unit = reqEnum(body, 'ValueUnit', UNITS);
  const limit = optInt(body, 'LimitValue');
  if (limit === undefined) throw badRequest(requiredMessage('LimitValue'));
  const notify = optInt(body, 'NotifyValue');
  const throttle = optInt(body, 'ThrottleValue');
  const speed = optEnum(body, 'ThrottleSpeed', SPEEDS);
  for (const [name, v] of [
    ['LimitValue', limit],
    ['NotifyValue', notify],
    ['ThrottleValue', throttle],
  ] as const)
    if (v !== undefined && v <= 0) throw badRequest(`${name} must be a positive integer.`);
  if (notify !== undefined && throttle !== undefined && notify >= throttle)
    throw badRequest('NotifyValue must be less than ThrottleValue');
  if (throttle !== undefined && throttle >= limit)
    throw badRequest('ThrottleValue must be less than LimitValue');
  if (notify !== undefined && notify >= limit) throw badRequest('NotifyValue must be less than LimitValue');
  const numbers = numberList(body).map(requireE164);
  const records = numbers.map((n) => {
    const record = core.data.numbers.get(n);
    if (!record) throw notFound(NOT_ON_ACCOUNT_MESSAGE);
    if (!record.DataEnabled) throw badRequest(`Data is not enabled for ${n}.`);
    return record;
  });
  for (const record of records)
    record.data = {
      ValueUnit: unit,
      NotifyValue: notify ?? null,
      ThrottleValue: throttle ?? null,
      ThrottleSpeed: speed ?? null,
      LimitValue: limit,
    };
  return {
    Status: 'Complete',
    StatusMessage: '',
    ValueUnit: unit,
    NotifyValue: notify ?? null,
    ThrottleValue: throttle ?? null,
    ThrottleSpeed: speed ?? null,
    LimitValue: limit,
    PhoneNumbers: numbers.map((number) => ({ Number: number })),
  };
}

function lookup(core: HandlerContext['core'], n: string): NumberRecord | undefined {
  return isE164(n) ? core.data.numbers.get(n) : undefined;
}

const missing = (n: string) => ({
  Number: n,
  Status: 'Error',
  StatusMessage: 'Phone number not found in account',
});

/** POST /v1.0/numbers/data-usage/settings: thresholds with the carrier speed code. */
export function dataUsageSettings({ core, body }: HandlerContext): unknown {
  return {
    PhoneNumbers: numberList(body).map((n) => {
      const record = lookup(core, n);
      if (!record)
        return {
          ...missing(n),
          NotifyValue: null,
          LimitValue: null,
          ThrottleValue: null,
          ThrottleSpeed: null,
          ValueUnit: null,
        };
      const d = record.data;
      return {
        Number: n,
        Status: 'Success',
        StatusMessage: '',
        NotifyValue: d.NotifyValue,
        LimitValue: d.LimitValue,
        ThrottleValue: d.ThrottleValue,
        ThrottleSpeed: d.ThrottleSpeed ? THROTTLE_SPEED_CODES[d.ThrottleSpeed as Speed] : null,
        ValueUnit: d.ValueUnit,
      };
    }),
    Status: 'Complete',
  };
}

export function behavior(record: NumberRecord): 'Active' | 'Throttled' | 'Blocked' {
  const unit = UNIT_BYTES[record.data.ValueUnit] ?? UNIT_BYTES.MB ?? 1;
  if (record.usedBytes >= record.data.LimitValue * unit) return 'Blocked';
  if (record.data.ThrottleValue !== null && record.usedBytes >= record.data.ThrottleValue * unit)
    return 'Throttled';
  return 'Active';
}

/** POST /v1.0/numbers/data-usage/info: human-readable Used/Remaining and the current behaviour. */
export function dataUsageInfo({ core, body }: HandlerContext): unknown {
  return {
    PhoneNumbers: numberList(body).map((n) => {
      const record = lookup(core, n);
      if (!record) return { ...missing(n), Used: null, Remaining: null, CurrentBehavior: null };
      const unit = UNIT_BYTES[record.data.ValueUnit] ?? 1;
      return {
        Number: n,
        Status: 'ACTIVE',
        StatusMessage: '',
        Used: formatBytes(record.usedBytes),
        Remaining: formatBytes(record.data.LimitValue * unit - record.usedBytes),
        CurrentBehavior: behavior(record),
      };
    }),
    Status: 'Complete',
  };
}
