import { z } from 'zod';
import type { PortInRequest } from '../telegent/request-schemas.js';
import type { PortOrderCreated } from '../telegent/response-schemas.js';
import { checkEligibility, eligibilityContextSchema } from './eligibility-context.js';
import { billingAddressSchema, billingAddressToTelegent } from './fields/billing-address.js';
import { targetClassificationSchema } from './fields/enums.js';
import { iccidSchema } from './fields/iccid.js';
import { phoneNumberSchema } from './fields/phone-number.js';
import { phoneNumberArraySchema } from './fields/phone-number-array.js';
import { portInDateSchema } from './fields/port-in-date.js';
import { optionalField, withDefault } from './fields/result.js';
import { accountIdSchema, subscriberIdSchema } from './fields/telegent-ids.js';
import {
  accountNumberSchema,
  accountPasswordSchema,
  carrierNameSchema,
  subscriberNameSchema,
} from './fields/text.js';
import { classificationWords, dayWords, formatPhone } from './glossary.js';
import { countWords } from './line-change-numbers.js';
import { defineOperation, MASK, type SchemaOptions, simTail } from './operation.js';
import { shortName } from './personal-data.js';
import { planChoiceFields, planFacts, planStep, planSummary } from './plan-choice.js';
import {
  checkPortInList,
  leftOutSchema,
  portInListFacts,
  portInListIsFree,
  portInNumbersInWords,
} from './portin-numbers.js';
import { readBackNumber } from './read-back.js';

export const PORT_IN_SECRET_FIELDS = ['currentAccountNumber', 'currentAccountPassword'] as const;

export function portInSchema(options: SchemaOptions) {
  return z
    .object({
      phoneNumber: phoneNumberSchema,
      // Several numbers in one request (one order each, the same carrier account): every one, the first too.
      phoneNumbers: phoneNumberArraySchema.optional(),
      leftOut: leftOutSchema.optional(),
      currentCarrierName: carrierNameSchema,
      currentAccountNumber: accountNumberSchema,
      currentAccountPassword: accountPasswordSchema,
      billingAddress: billingAddressSchema,
      subscriberName: optionalField(subscriberNameSchema),
      iccid: optionalField(iccidSchema),
      targetClassification: withDefault(targetClassificationSchema, () => 'mvno' as const),
      portInDate: optionalField(portInDateSchema(options.now)),
      // No orphan numbers (Telegent's guide): every ported number is bound to a subscriber, as provision's is.
      assignedSubscriberId: subscriberIdSchema,
      accountId: optionalField(accountIdSchema),
      eligibility: optionalField(eligibilityContextSchema),
      ...planChoiceFields,
    })
    .superRefine((v, ctx) => {
      const issue = (field: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [field], message });
      checkPortInList(v, issue);
      checkEligibility(v.eligibility, v.portInDate, (field, message) =>
        ctx.addIssue({ code: 'custom', path: [field], message }),
      );
    });
}

export type PortInInput = z.output<ReturnType<typeof portInSchema>>;

export function portInToTelegent(input: PortInInput): PortInRequest {
  return {
    PortInNumber: input.phoneNumber,
    CurrentCarrierName: input.currentCarrierName,
    CurrentAccountNumber: input.currentAccountNumber,
    CurrentAccountPassword: input.currentAccountPassword,
    CurrentBillingAddress: billingAddressToTelegent(input.billingAddress),
    TargetPortinClassification: input.targetClassification,
    ...(input.iccid !== undefined ? { ICCID: input.iccid } : {}),
    ...(input.subscriberName !== undefined ? { SubscriberName: input.subscriberName } : {}),
    ...(input.portInDate !== undefined ? { PortInDate: input.portInDate } : {}),
    AssignedSubscriberId: input.assignedSubscriberId,
    ...(input.accountId !== undefined ? { AccountId: input.accountId } : {}),
  };
}

/** Item `n` of a port-in of several numbers: the same request for its one number (a single one: as filed). */
function portInItem(input: PortInInput, n: number): PortInInput {
  if (!input.phoneNumbers) return input;
  const { phoneNumbers, leftOut: _leftOut, ...one } = input;
  return { ...one, phoneNumber: phoneNumbers[n] ?? input.phoneNumber };
}

const PORT_IN_KIND = 'portin';

export const portIn = defineOperation<PortInInput, PortOrderCreated, PortInRequest>({
  kind: PORT_IN_KIND,
  title: 'Port-in',
  titleOf: (input) => (input.phoneNumbers ? `Port-in · ${countWords(input.phoneNumbers.length)}` : 'Port-in'),
  mutates: true,
  needsApproval: true,
  secretFields: PORT_IN_SECRET_FIELDS,
  schema: portInSchema,
  summary(input) {
    const a = input.billingAddress;
    const parts = [
      `Port-in of ${portInNumbersInWords(input)} from ${input.currentCarrierName} as a ${classificationWords(input.targetClassification)}`,
      `account ${MASK}, PIN/password ${MASK}`,
      input.subscriberName ? `name ${shortName(input.subscriberName)}` : undefined,
      `billing ${a.city}, ${a.state} ${a.zip}`,
      input.portInDate ? `port date ${dayWords(input.portInDate)}` : undefined,
      input.iccid ? `SIM ${simTail(input.iccid)}` : undefined,
    ];
    return parts.filter(Boolean).join('; ') + planSummary(input);
  },
  facts: (input) => [
    ...portInListFacts(input),
    ['From carrier', input.currentCarrierName],
    ['Line', classificationWords(input.targetClassification)],
    ['Port date', input.portInDate ? dayWords(input.portInDate) : 'as soon as possible'],
    ['Billing', `${input.billingAddress.city}, ${input.billingAddress.state} ${input.billingAddress.zip}`],
    ...(input.subscriberName
      ? [['Name at the carrier', shortName(input.subscriberName)] as [string, string]]
      : []),
    ...(input.phoneNumbers ? [] : [['SIM', simTail(input.iccid)] as [string, string]]),
    ['Carrier account', `${MASK} (number and PIN/password kept encrypted)`],
    ...planFacts(input),
  ],
  // Only a list is checked here (a single port-in behaves as it always has: Telegent refuses its duplicate).
  preconditions: (ctx, input) => portInListIsFree(ctx, PORT_IN_KIND, input),
  items: (input) => input.phoneNumbers?.length ?? 1,
  itemInput: portInItem,
  itemWords: { done: 'Submitted', label: (input, n) => formatPhone(portInItem(input, n).phoneNumber) },
  toTelegent: portInToTelegent,
  execute: (ctx, input) =>
    ctx.telegent.submitPortIn(
      portInToTelegent({ ...input, accountId: input.accountId ?? ctx.accountId }),
      ctx.callOptions,
    ),
  outcome: (input, response) => ({
    order: {
      orderId: response.OrderId,
      numbers: [input.phoneNumber],
      status: response.OrderStatus ?? 'Pending',
      portInDate: input.portInDate ?? null,
    },
    // The number is ours only when the port-in completes: the plan waits for that (its TNID is read back then).
    ...planStep(input, {
      phoneNumber: input.phoneNumber,
      type: input.targetClassification,
      whenOrderCompletes: true,
    }),
  }),
  orders: {
    noun: 'port-in',
    label: 'Port-in',
    portIn: true,
    failedNextStep: () =>
      '*Next step:* check the details with the customer and their current carrier, then start a new port-in with `/telegent portin <number>`.',
  },
  reconcile: (ctx, input) =>
    readBackNumber(ctx, input.phoneNumber, {
      found: (number, status) => `${number} is already on the account (status ${status}).`,
      missing: (number) =>
        `${number} is not on the account yet; Telegent cannot list port-ins by number, so check with Telegent before submitting again (a second port-in would be refused as a duplicate).`,
    }),
});
