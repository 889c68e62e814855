import { z } from 'zod';
import type { NumberUpdateRequest } from '../telegent/request-schemas.js';
import type { NumberRecord, NumberUpdateResponse } from '../telegent/response-schemas.js';
import { iccidSchema } from './fields/iccid.js';
import { phoneNumberSchema } from './fields/phone-number.js';
import { optionalField } from './fields/result.js';
import { messageRouteIdSchema, subscriberIdSchema, voiceRouteIdSchema } from './fields/telegent-ids.js';
import { textSchema } from './fields/text.js';
import {
  VERIFICATION_FIELD,
  VERIFICATION_METHOD_HINT,
  verificationMethodSchema,
} from './fields/verification-method.js';
import { formatPhone } from './glossary.js';
import { guardTheLine, lineIsFree } from './line-guard.js';
import { defineOperation, type SchemaOptions, simTail } from './operation.js';
import { shortName } from './personal-data.js';
import { readBackNumberChange } from './read-back.js';

/** `POST /numbers/update`: what to change on a number; a field left out is kept as it is. */
export interface NumberUpdateInput {
  phoneNumber: string;
  assignedSubscriberId?: string | undefined;
  iccid?: string | undefined;
  messageRouteId?: string | undefined;
  voiceRouteId?: string | undefined;
  cnamFirstName?: string | undefined;
  cnamLastName?: string | undefined;
  /** A new owner or SIM: how the customer was verified (one of VERIFICATION_METHODS). */
  verificationMethod?: string | undefined;
}

const CHANGES = [
  'assignedSubscriberId',
  'iccid',
  'messageRouteId',
  'voiceRouteId',
  'cnamFirstName',
  'cnamLastName',
] as const;

/** A new owner or SIM: the risky changes (approval, and never while a port or another change is open). */
const changesOwnerOrSim = (input: NumberUpdateInput) =>
  input.assignedSubscriberId !== undefined || input.iccid !== undefined;

const cnamSchema = (which: string) =>
  textSchema({ max: 15, hint: `the caller ID ${which} name shown to people called (at most 15 characters)` });

function numberUpdateSchema(options: SchemaOptions): z.ZodType<NumberUpdateInput> {
  return z
    .object({
      phoneNumber: phoneNumberSchema,
      assignedSubscriberId: optionalField(subscriberIdSchema),
      iccid: optionalField(iccidSchema),
      messageRouteId: optionalField(messageRouteIdSchema),
      voiceRouteId: optionalField(voiceRouteIdSchema),
      cnamFirstName: optionalField(cnamSchema('first')),
      cnamLastName: optionalField(cnamSchema('last')),
      verificationMethod: optionalField(verificationMethodSchema(options.verificationMethods)),
    })
    .superRefine((v, ctx) => {
      // A new owner or SIM is how a line is taken over: who asked must have been checked, and how is recorded.
      if (changesOwnerOrSim(v) && v.verificationMethod === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [VERIFICATION_FIELD],
          message: `required when the subscriber or SIM changes; ${VERIFICATION_METHOD_HINT}`,
        });
      if (!CHANGES.some((field) => v[field] !== undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['_form'],
          message: 'change at least one field; empty fields are kept',
        });
    });
}

export function numberUpdateToTelegent(input: NumberUpdateInput): NumberUpdateRequest {
  return {
    Number: input.phoneNumber,
    ...(input.assignedSubscriberId ? { AssignedSubscriberId: input.assignedSubscriberId } : {}),
    ...(input.iccid ? { Iccid: input.iccid } : {}),
    ...(input.messageRouteId ? { MessageRouteId: input.messageRouteId } : {}),
    ...(input.voiceRouteId ? { VoiceRouteId: input.voiceRouteId } : {}),
    ...(input.cnamFirstName ? { CnamFirstName: input.cnamFirstName } : {}),
    ...(input.cnamLastName ? { CnamLastName: input.cnamLastName } : {}),
  };
}

/** Which of the asked changes the number as read back shows. */
function shows(record: NumberRecord, input: NumberUpdateInput): boolean {
  const same = (a: string | null | undefined, b: string | undefined) =>
    b === undefined || (a ?? '').toLowerCase() === b.toLowerCase();
  const cnam = [input.cnamFirstName, input.cnamLastName].filter(Boolean).join(' ');
  return (
    same(record.AssignedSubscriberId, input.assignedSubscriberId) &&
    same(record.Iccid, input.iccid) &&
    same(record.MessageRouteId, input.messageRouteId) &&
    same(record.VoiceRouteId, input.voiceRouteId) &&
    (!cnam || (record.Cnam ?? '').includes(cnam))
  );
}

function changes(input: NumberUpdateInput): Array<[string, string]> {
  const rows: Array<[string, string | undefined]> = [
    ['Subscriber', input.assignedSubscriberId],
    ['SIM', input.iccid ? simTail(input.iccid) : undefined],
    ['Message route', input.messageRouteId],
    ['Voice route', input.voiceRouteId],
    [
      'Caller ID name',
      shortName([input.cnamFirstName, input.cnamLastName].filter(Boolean).join(' ')) || undefined,
    ],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined);
}

guardTheLine('number-update');

export const numberUpdate = defineOperation<NumberUpdateInput, NumberUpdateResponse, NumberUpdateRequest>({
  kind: 'number-update',
  title: 'Update number',
  mutates: true,
  needsApproval: true,
  // Who owns the number and which SIM carries it are the risky changes; routes and caller ID are not.
  approvalFor: changesOwnerOrSim,
  asksCustomerVerification: true,
  preconditions: (ctx, input) =>
    changesOwnerOrSim(input) ? lineIsFree(ctx, input.phoneNumber) : Promise.resolve(null),
  confirmApproval:
    'This changes who the number belongs to or which SIM carries it (the old SIM stops working). Check the customer first.',
  secretFields: [],
  schema: numberUpdateSchema,
  summary: (input) =>
    `Update ${formatPhone(input.phoneNumber)}: ${changes(input)
      .map(([label, value]) => `${label.toLowerCase()} → ${value}`)
      .join(', ')}`,
  facts: (input) => [['Number', formatPhone(input.phoneNumber)], ...changes(input)],
  toTelegent: numberUpdateToTelegent,
  execute: (ctx, input) => ctx.telegent.updateNumber(numberUpdateToTelegent(input), ctx.callOptions),
  // Usually Complete at once; a Pending update order is watched like any other (a Failed one is an error).
  outcome: (input, response) =>
    response.UpdateOrderId && response.UpdateOrderStatus && !/^complete/i.test(response.UpdateOrderStatus)
      ? {
          order: {
            orderId: response.UpdateOrderId,
            numbers: [input.phoneNumber],
            status: response.UpdateOrderStatus,
          },
        }
      : {},
  orders: {
    noun: 'number update',
    label: 'Number update',
    portIn: false,
    failedNextStep: (orderId) =>
      `*Next step:* check \`/telegent number\` and \`/telegent status ${orderId}\`, then retry or escalate to Telegent support with the OrderId.`,
  },
  reconcile: (ctx, input) =>
    readBackNumberChange(ctx, input.phoneNumber, (record) => {
      const done = shows(record, input);
      return {
        done,
        detail: done
          ? `${input.phoneNumber} shows every change asked: the update went through.`
          : `${input.phoneNumber} does not show the change yet. Check \`/telegent number ${input.phoneNumber}\` before asking again.`,
      };
    }),
});
