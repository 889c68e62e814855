import { z } from 'zod';
import type { ProvisionRequest } from '../telegent/request-schemas.js';
import type { ProvisionResponse } from '../telegent/response-schemas.js';
import { areaCodeSchema } from './fields/area-code.js';
import { booleanSchema, messageTypeSchema, numberTypeSchema } from './fields/enums.js';
import { iccidSchema } from './fields/iccid.js';
import { lineCountSchema } from './fields/line-count.js';
import { type ProductType, productFeatures, productTypeSchema } from './fields/product-type.js';
import { optionalField, withDefault } from './fields/result.js';
import {
  accountIdSchema,
  ID_KINDS,
  messageRouteIdSchema,
  subscriberIdSchema,
  telegentIdHint,
  voiceRouteIdSchema,
} from './fields/telegent-ids.js';
import { zipCodeSchema } from './fields/zip-code.js';
import { classificationWords, productPhrase, productWords } from './glossary.js';
import { defineOperation, simTail } from './operation.js';
import {
  type PlanChoice,
  planChoiceFields,
  planChoiceOf,
  planFacts,
  planStep,
  planSummary,
} from './plan-choice.js';
import { readBackProvision } from './provision-read-back.js';

export interface ProvisionInput extends PlanChoice {
  productType: ProductType;
  numberType: 'mvno' | 'iot';
  messageType: 'p2p' | 'a2p';
  messageEnabled: boolean;
  voiceEnabled: boolean;
  dataEnabled: boolean;
  messageRouteId: string;
  voiceRouteId?: string | undefined;
  areaCode?: string | undefined;
  zipCode?: string | undefined;
  iccid?: string | undefined;
  assignedSubscriberId: string;
  accountId?: string | undefined;
  /** How many numbers (1–50): above 1, one provision per number (requests/batch.ts). */
  count: number;
}

export function provisionSchema(): z.ZodType<ProvisionInput> {
  return z
    .object({
      productType: productTypeSchema,
      numberType: withDefault(numberTypeSchema, () => 'mvno' as const),
      messageType: withDefault(messageTypeSchema, () => 'p2p' as const),
      // Absent → what the product type includes.
      messageEnabled: optionalField(booleanSchema),
      voiceEnabled: optionalField(booleanSchema),
      dataEnabled: optionalField(booleanSchema),
      messageRouteId: messageRouteIdSchema,
      voiceRouteId: optionalField(voiceRouteIdSchema),
      areaCode: optionalField(areaCodeSchema),
      zipCode: optionalField(zipCodeSchema),
      iccid: optionalField(iccidSchema),
      assignedSubscriberId: subscriberIdSchema,
      accountId: optionalField(accountIdSchema),
      count: withDefault(lineCountSchema, () => 1),
      ...planChoiceFields,
    })
    .transform((v, ctx): ProvisionInput => {
      const product = productFeatures(v.productType);
      const messageEnabled = v.messageEnabled ?? product.sms;
      const voiceEnabled = v.voiceEnabled ?? product.voice;
      const dataEnabled = v.dataEnabled ?? product.data;
      const issue = (field: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [field], message });
      if (v.numberType === 'iot' && v.messageType === 'a2p') {
        issue(
          'messageType',
          'IoT numbers can only use p2p messaging; choose p2p, or number type mvno for a2p',
        );
      }
      if (voiceEnabled && !product.voice) {
        issue('productType', `${v.productType} has no voice; choose Sms+Data+Voice or turn voice off`);
      }
      if (messageEnabled && !product.sms) {
        issue(
          'productType',
          `${v.productType} has no messaging; choose a product with Sms or turn messaging off`,
        );
      }
      if (dataEnabled && !product.data) {
        issue('productType', `${v.productType} has no data; choose a product with Data or turn data off`);
      }
      if (!messageEnabled && !voiceEnabled && !dataEnabled) {
        issue('productType', 'turn on at least one of messaging, voice or data');
      }
      if (v.count > 1 && v.iccid !== undefined) {
        // One SIM is one line: the same ICCID on several new numbers would move it from line to line.
        issue(
          'iccid',
          `one SIM is one line: leave the SIM empty for ${v.count} numbers (eSIMs), or provision one at a time`,
        );
      }
      if (voiceEnabled && v.voiceRouteId === undefined) {
        issue('voiceRouteId', `required when voice is on; ${telegentIdHint(ID_KINDS.voiceRoute)}`);
      }
      return {
        productType: v.productType,
        numberType: v.numberType,
        messageType: v.messageType,
        messageEnabled,
        voiceEnabled,
        dataEnabled,
        messageRouteId: v.messageRouteId,
        voiceRouteId: voiceEnabled ? v.voiceRouteId : undefined,
        areaCode: v.areaCode,
        zipCode: v.zipCode,
        iccid: v.iccid,
        assignedSubscriberId: v.assignedSubscriberId,
        accountId: v.accountId,
        count: v.count,
        ...planChoiceOf(v),
      };
    });
}

export function provisionToTelegent(input: ProvisionInput): ProvisionRequest {
  return {
    NumberType: input.numberType,
    MessageType: input.messageType,
    MessageEnabled: input.messageEnabled,
    VoiceEnabled: input.voiceEnabled,
    DataEnabled: input.dataEnabled,
    ProductType: input.productType,
    MessageRouteId: input.messageRouteId,
    ...(input.voiceEnabled && input.voiceRouteId !== undefined ? { VoiceRouteId: input.voiceRouteId } : {}),
    ...(input.areaCode !== undefined ? { AreaCode: input.areaCode } : {}),
    ...(input.zipCode !== undefined ? { ZipCode: input.zipCode } : {}),
    ...(input.iccid !== undefined ? { ICCID: input.iccid } : {}),
    AssignedSubscriberId: input.assignedSubscriberId,
    ...(input.accountId !== undefined ? { AccountId: input.accountId } : {}),
  };
}

export const provision = defineOperation<ProvisionInput, ProvisionResponse, ProvisionRequest>({
  kind: 'provision',
  title: 'Provision',
  mutates: true,
  needsApproval: true,
  secretFields: [],
  schema: provisionSchema,
  summary(input) {
    const where = input.areaCode
      ? ` in area code ${input.areaCode}`
      : input.zipCode
        ? ` near ZIP ${input.zipCode}`
        : ' (any area)';
    const sim = input.iccid ? `, SIM ${simTail(input.iccid)}` : '';
    const lines = input.count > 1 ? `${input.count} new lines: ` : 'New ';
    return `${lines}${productWords(input.productType)} ${classificationWords(input.numberType)}${where}${sim}${planSummary(input)}`;
  },
  facts: (input) => [
    ...(input.count > 1 ? [['How many', `${input.count} new lines`] as [string, string]] : []),
    ['Product', productPhrase(input)],
    [
      'Where',
      input.areaCode
        ? `area code ${input.areaCode}`
        : input.zipCode
          ? `near ZIP ${input.zipCode}`
          : 'any area',
    ],
    ['SIM', simTail(input.iccid)],
    ...planFacts(input),
  ],
  toTelegent: provisionToTelegent,
  execute(ctx, input) {
    return ctx.telegent.provisionNumber(
      provisionToTelegent({ ...input, accountId: input.accountId ?? ctx.accountId }),
      ctx.callOptions,
    );
  },
  outcome: (input, response) => ({
    order: {
      orderId: response.OrderId,
      numbers: response.PhoneNumberAssigned ? [response.PhoneNumberAssigned] : [],
      status: response.OrderStatus ?? 'Pending',
    },
    // The number exists as soon as Telegent assigns it: the plan follows at once (TNID = its PhoneNumberId).
    ...(response.PhoneNumberAssigned
      ? planStep(input, {
          phoneNumber: response.PhoneNumberAssigned,
          type: input.numberType,
          tnid: response.PhoneNumberId ?? undefined,
        })
      : {}),
  }),
  orders: {
    noun: 'provision',
    label: 'Provision',
    portIn: false,
    failedNextStep: (orderId) =>
      `*Next step:* check \`/telegent status ${orderId}\` and retry, or escalate to Telegent support with the OrderId.`,
  },
  reconcile: readBackProvision,
  items: (input) => input.count,
});
