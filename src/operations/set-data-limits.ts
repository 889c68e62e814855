import { z } from 'zod';
import type { DataUsageSetRequest } from '../telegent/request-schemas.js';
import type { DataUsageSetResponse } from '../telegent/response-schemas.js';
import {
  inMegabytes,
  limitValueSchema,
  MAX_LIMIT_VALUE,
  thresholdProblems,
  throttleSpeedSchema,
  type ValueUnit,
  valueUnitSchema,
} from './fields/data-limits.js';
import { phoneNumberListSchema } from './fields/phone-number-list.js';
import { optionalField, withDefault } from './fields/result.js';
import { defineOperation } from './operation.js';
import { listNumbers, plural } from './summary-format.js';

function limitsSchema() {
  return z
    .object({
      numbers: phoneNumberListSchema,
      notifyValue: optionalField(limitValueSchema),
      throttleValue: optionalField(limitValueSchema),
      limitValue: limitValueSchema,
      throttleSpeed: optionalField(throttleSpeedSchema),
      valueUnit: withDefault(valueUnitSchema, (): ValueUnit => 'MB'),
    })
    .superRefine((v, ctx) => {
      for (const [field, message] of Object.entries(thresholdProblems(v))) {
        ctx.addIssue({ code: 'custom', path: [field], message });
      }
      if (inMegabytes(v.limitValue, v.valueUnit) > MAX_LIMIT_VALUE) {
        ctx.addIssue({
          code: 'custom',
          path: ['limitValue'],
          message: `must be at most ${MAX_LIMIT_VALUE} MB once converted (1 GB = 1024 MB)`,
        });
      }
    });
}

export type SetDataLimitsInput = z.output<ReturnType<typeof limitsSchema>>;

/** Always MB on the wire (Telegent's documented unit): values typed in GB are converted. */
export function limitsToTelegent(input: SetDataLimitsInput): DataUsageSetRequest {
  const mb = (value: number) => inMegabytes(value, input.valueUnit);
  return {
    ValueUnit: 'MB',
    ...(input.notifyValue !== undefined ? { NotifyValue: mb(input.notifyValue) } : {}),
    ...(input.throttleValue !== undefined ? { ThrottleValue: mb(input.throttleValue) } : {}),
    ...(input.throttleSpeed !== undefined ? { ThrottleSpeed: input.throttleSpeed } : {}),
    LimitValue: mb(input.limitValue),
    PhoneNumbers: input.numbers.map((n) => ({ Number: n })),
  };
}

export const setDataLimits = defineOperation<SetDataLimitsInput, DataUsageSetResponse, DataUsageSetRequest>({
  kind: 'limits',
  title: 'Data limits',
  mutates: true,
  needsApproval: false,
  secretFields: [],
  schema: limitsSchema,
  summary(input) {
    const u = input.valueUnit;
    const steps = [
      input.notifyValue !== undefined ? `notify at ${input.notifyValue} ${u}` : undefined,
      input.throttleValue !== undefined
        ? `throttle to ${input.throttleSpeed} at ${input.throttleValue} ${u}`
        : undefined,
      `limit ${input.limitValue} ${u}`,
    ].filter(Boolean);
    const count = input.numbers.length > 1 ? ` (${plural(input.numbers.length, 'number')})` : '';
    return `Set data limits on ${listNumbers(input.numbers)}${count}: ${steps.join(', ')}`;
  },
  facts: (input) => [
    [
      'Numbers',
      `${listNumbers(input.numbers)}${input.numbers.length > 1 ? ` (${input.numbers.length})` : ''}`,
    ],
    ['Notify at', input.notifyValue !== undefined ? `${input.notifyValue} ${input.valueUnit}` : 'not set'],
    [
      'Throttle',
      input.throttleValue !== undefined
        ? `to ${input.throttleSpeed} at ${input.throttleValue} ${input.valueUnit}`
        : 'not set',
    ],
    ['Limit', `${input.limitValue} ${input.valueUnit}`],
  ],
  toTelegent: limitsToTelegent,
  execute: (ctx, input) => ctx.telegent.setDataUsageLimits(limitsToTelegent(input), ctx.callOptions),
  async reconcile(ctx, input) {
    const settings = await ctx.telegent.getDataUsageSettings(input.numbers, ctx.callOptions);
    const sent = limitsToTelegent(input);
    const applied = input.numbers.filter((number) => {
      const row = settings.PhoneNumbers.find((item) => item.Number === number);
      return (
        row?.LimitValue === sent.LimitValue &&
        (sent.NotifyValue === undefined || row?.NotifyValue === sent.NotifyValue)
      );
    });
    const all = applied.length === input.numbers.length;
    return {
      checked: 'data-usage settings',
      found: applied.length > 0,
      resolved: all,
      detail: all
        ? 'Telegent already shows the new limits on every number.'
        : `Telegent shows the new limits on ${applied.length} of ${input.numbers.length} numbers. Set them again for the rest.`,
    };
  },
});
