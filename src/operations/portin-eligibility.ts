import { z } from 'zod';
import type { PortInEligibilityRequest } from '../telegent/request-schemas.js';
import type { PortInEligibility } from '../telegent/response-schemas.js';
import { targetClassificationSchema } from './fields/enums.js';
import { phoneNumberSchema } from './fields/phone-number.js';
import { withDefault } from './fields/result.js';
import { defineOperation } from './operation.js';

function eligibilitySchema() {
  return z.object({
    phoneNumber: phoneNumberSchema,
    targetClassification: withDefault(targetClassificationSchema, () => 'mvno' as const),
  });
}

export type PortInEligibilityInput = z.output<ReturnType<typeof eligibilitySchema>>;

export function eligibilityToTelegent(input: PortInEligibilityInput): PortInEligibilityRequest {
  return { PhoneNumber: input.phoneNumber, TargetClassification: input.targetClassification };
}

export const portInEligibility = defineOperation<
  PortInEligibilityInput,
  PortInEligibility,
  PortInEligibilityRequest
>({
  kind: 'portin-eligibility',
  title: 'Port-in eligibility',
  mutates: false,
  needsApproval: false,
  secretFields: [],
  schema: eligibilitySchema,
  summary: (input) => `Check whether ${input.phoneNumber} can be ported in as ${input.targetClassification}`,
  toTelegent: eligibilityToTelegent,
  execute: (ctx, input) => ctx.telegent.checkPortInEligibility(eligibilityToTelegent(input), ctx.callOptions),
});
