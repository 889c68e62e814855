import { z } from 'zod';
import type { PortInUpdateRequest } from '../telegent/request-schemas.js';
import type { PortInAck } from '../telegent/response-schemas.js';
import { checkEligibility, eligibilityContextSchema } from './eligibility-context.js';
import { billingAddressSchema, billingAddressToTelegent } from './fields/billing-address.js';
import { targetClassificationSchema } from './fields/enums.js';
import { iccidSchema } from './fields/iccid.js';
import { orderIdSchema } from './fields/order-id.js';
import { portInDateSchema } from './fields/port-in-date.js';
import { optionalField } from './fields/result.js';
import {
  accountNumberSchema,
  accountPasswordSchema,
  carrierNameSchema,
  subscriberNameSchema,
} from './fields/text.js';
import { classificationWords, dayWords, shortId } from './glossary.js';
import { defineOperation, MASK, type SchemaOptions, simTail } from './operation.js';
import { shortName } from './personal-data.js';
import { PORT_IN_SECRET_FIELDS } from './portin-submit.js';
import { readBackOrder } from './read-back.js';
import { trackedPortInProblem } from './tracked-portin.js';

/** The fields an update can change (send only what changes). */
export const PORT_IN_UPDATE_FIELDS = [
  'currentCarrierName',
  'currentAccountNumber',
  'currentAccountPassword',
  'billingAddress',
  'portInDate',
  'subscriberName',
  'iccid',
  'targetClassification',
] as const;

/** Key for errors about the form as a whole rather than one field. */
export const FORM_ERROR_KEY = '_form';

export function portInUpdateSchema(options: SchemaOptions) {
  return z
    .object({
      orderId: orderIdSchema,
      currentCarrierName: optionalField(carrierNameSchema),
      currentAccountNumber: optionalField(accountNumberSchema),
      currentAccountPassword: optionalField(accountPasswordSchema),
      billingAddress: optionalField(billingAddressSchema),
      portInDate: optionalField(portInDateSchema(options.now)),
      subscriberName: optionalField(subscriberNameSchema),
      iccid: optionalField(iccidSchema),
      targetClassification: optionalField(targetClassificationSchema),
      eligibility: optionalField(eligibilityContextSchema),
    })
    .superRefine((v, ctx) => {
      if (PORT_IN_UPDATE_FIELDS.every((field) => v[field] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [FORM_ERROR_KEY],
          message:
            'change at least one field (carrier, account number, PIN/password, address, port date, name, SIM)',
        });
      }
      checkEligibility(v.eligibility, v.portInDate, (field, message) =>
        ctx.addIssue({ code: 'custom', path: [field], message }),
      );
    });
}

export type PortInUpdateInput = z.output<ReturnType<typeof portInUpdateSchema>>;

export function portInUpdateToTelegent(input: PortInUpdateInput): PortInUpdateRequest {
  return {
    OrderId: input.orderId,
    ...(input.currentCarrierName !== undefined ? { CurrentCarrierName: input.currentCarrierName } : {}),
    ...(input.currentAccountNumber !== undefined ? { CurrentAccountNumber: input.currentAccountNumber } : {}),
    ...(input.currentAccountPassword !== undefined
      ? { CurrentAccountPassword: input.currentAccountPassword }
      : {}),
    ...(input.billingAddress !== undefined
      ? { CurrentBillingAddress: billingAddressToTelegent(input.billingAddress) }
      : {}),
    ...(input.portInDate !== undefined ? { PortInDate: input.portInDate } : {}),
    ...(input.subscriberName !== undefined ? { SubscriberName: input.subscriberName } : {}),
    ...(input.iccid !== undefined ? { ICCID: input.iccid } : {}),
    ...(input.targetClassification !== undefined
      ? { TargetPortinClassification: input.targetClassification }
      : {}),
  };
}

export const portInUpdate = defineOperation<PortInUpdateInput, PortInAck, PortInUpdateRequest>({
  kind: 'portin-update',
  title: 'Port-in update',
  mutates: true,
  needsApproval: false,
  secretFields: PORT_IN_SECRET_FIELDS,
  schema: portInUpdateSchema,
  summary(input) {
    const a = input.billingAddress;
    const changes = [
      input.currentCarrierName !== undefined ? `carrier ${input.currentCarrierName}` : undefined,
      input.currentAccountNumber !== undefined ? `account number ${MASK}` : undefined,
      input.currentAccountPassword !== undefined ? `PIN/password ${MASK}` : undefined,
      a !== undefined ? `billing address ${a.city}, ${a.state} ${a.zip}` : undefined,
      input.portInDate !== undefined ? `port date ${dayWords(input.portInDate)}` : undefined,
      input.subscriberName !== undefined ? `name ${shortName(input.subscriberName)}` : undefined,
      input.iccid !== undefined ? `SIM ${simTail(input.iccid)}` : undefined,
      input.targetClassification !== undefined
        ? `as a ${classificationWords(input.targetClassification)}`
        : undefined,
    ].filter(Boolean);
    return `Update port-in ${shortId(input.orderId)}: ${changes.join('; ')}`;
  },
  facts: (input) => [
    ['Order', input.orderId],
    ['Changes', PORT_IN_UPDATE_FIELDS.filter((field) => input[field] !== undefined).join(', ')],
  ],
  toTelegent: portInUpdateToTelegent,
  preconditions: (ctx, input) => trackedPortInProblem(ctx, input.orderId, 'updated'),
  execute: (ctx, input) => ctx.telegent.updatePortIn(portInUpdateToTelegent(input), ctx.callOptions),
  // The order goes back to Pending: the poller tells its thread soon.
  outcome: (input) => ({
    recheckOrderId: input.orderId,
    ...(input.portInDate ? { newPortInDate: input.portInDate } : {}),
  }),
  reconcile: (ctx, input) =>
    readBackOrder(ctx, input.orderId, (status) => ({
      resolved: false,
      detail: `${input.orderId} is now ${status}. Check the order's details before sending the update again.`,
    })),
});
