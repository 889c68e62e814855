import { z } from 'zod';
import type { PortOutRequest } from '../telegent/request-schemas.js';
import type { PortOrderCreated } from '../telegent/response-schemas.js';
import { phoneNumberSchema } from './fields/phone-number.js';
import { generatePortOutPin, portOutPinSchema } from './fields/port-out-pin.js';
import { withDefault } from './fields/result.js';
import { defineOperation, MASK } from './operation.js';

/** The PIN is generated while validating, so the validated input (stored, approved, executed) carries it. */
function portOutSchema() {
  return z.object({
    phoneNumber: phoneNumberSchema,
    pin: withDefault(portOutPinSchema, () => generatePortOutPin()),
  });
}

export type PortOutInput = z.output<ReturnType<typeof portOutSchema>>;

export function portOutToTelegent(input: PortOutInput): PortOutRequest {
  return { PortOutNumber: input.phoneNumber, PortOutPIN: input.pin };
}

export const portOut = defineOperation<PortOutInput, PortOrderCreated, PortOutRequest>({
  kind: 'portout',
  title: 'Port-out PIN',
  mutates: true,
  secretFields: ['pin'],
  schema: portOutSchema,
  summary: (input) =>
    `Issue a port-out PIN for ${input.phoneNumber} (PIN ${MASK}, shown only to the requester)`,
  toTelegent: portOutToTelegent,
  execute: (ctx, input) => ctx.telegent.setPortOutPin(portOutToTelegent(input), ctx.callOptions),
});
