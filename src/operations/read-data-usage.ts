import { z } from 'zod';
import type { DataUsageInfo, DataUsageSettings } from '../telegent/response-schemas.js';
import { phoneNumberSchema } from './fields/phone-number.js';
import { defineOperation } from './operation.js';

function usageSchema() {
  return z.object({ phoneNumber: phoneNumberSchema });
}

export type ReadDataUsageInput = z.output<ReturnType<typeof usageSchema>>;

/** Configured thresholds and current usage, read side by side. */
export interface DataUsageReport {
  settings: DataUsageSettings;
  info: DataUsageInfo;
}

/** Both reads take the same body. */
export interface DataUsageReadRequest {
  PhoneNumbers: { Number: string }[];
}

export const readDataUsage = defineOperation<ReadDataUsageInput, DataUsageReport, DataUsageReadRequest>({
  kind: 'usage',
  title: 'Data usage',
  mutates: false,
  needsApproval: false,
  secretFields: [],
  schema: usageSchema,
  summary: (input) => `Data usage and limits for ${input.phoneNumber}`,
  toTelegent: (input) => ({ PhoneNumbers: [{ Number: input.phoneNumber }] }),
  async execute(ctx, input) {
    const [settings, info] = await Promise.all([
      ctx.telegent.getDataUsageSettings([input.phoneNumber], ctx.callOptions),
      ctx.telegent.getDataUsageInfo([input.phoneNumber], ctx.callOptions),
    ]);
    return { settings, info };
  },
});
