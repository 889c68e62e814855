import { z } from 'zod';
import type { DataUsageSetRequest } from '../telegent/request-schemas.js';
import type { DataUsageSetResponse } from '../telegent/response-schemas.js';
import {
  limitValueSchema,
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
    });
}

export type SetDataLimitsInput = z.output<ReturnType<typeof limitsSchema>>;

export function limitsToTelegent(input: SetDataLimitsInput): DataUsageSetRequest {
  return {
    ValueUnit: input.valueUnit,
    ...(input.notifyValue !== undefined ? { NotifyValue: input.notifyValue } : {}),
    ...(input.throttleValue !== undefined ? { ThrottleValue: input.throttleValue } : {}),
    ...(input.throttleSpeed !== undefined ? { ThrottleSpeed: input.throttleSpeed } : {}),
    LimitValue: input.limitValue,
    PhoneNumbers: input.numbers.map((n) => ({ Number: n })),
  };
}

export const setDataLimits = defineOperation<SetDataLimitsInput, DataUsageSetResponse, DataUsageSetRequest>({
  kind: 'limits',
  title: 'Data limits',
  mutates: true,
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
  toTelegent: limitsToTelegent,
  execute: (ctx, input) => ctx.telegent.setDataUsageLimits(limitsToTelegent(input), ctx.callOptions),
});
