import type { FunctionArgs } from '../slack/listeners.js';
import type { RequestStepDefinition } from './request-step.js';
import { textInput } from './step-inputs.js';
import { planFromInput, subscriberFromInput } from './step-lookups.js';
import { messageRouteFor } from './step-routes.js';

/** What a new line includes when the step does not say: texts and data (no voice route needed). */
const DEFAULT_PRODUCT = 'Sms+Data';

const input = (inputs: FunctionArgs['inputs'], name: string) => textInput(inputs, name);

/**
 * Workflow Builder step `request_provision` ("Request a new line"): a provision request for the `requester`,
 * one new number in `area_code` for `subscriber` (email or TSUID) on `plan`, through approval. Completes with
 * the new number and the order once Telegent assigned it.
 */
export const requestProvisionStep: RequestStepDefinition = {
  callbackId: 'request_provision',
  kind: 'provision',
  fromInputs(inputs) {
    const subscriber = input(inputs, 'subscriber');
    return {
      raw: {
        productType: input(inputs, 'product_type') ?? DEFAULT_PRODUCT,
        ...(input(inputs, 'area_code') ? { areaCode: input(inputs, 'area_code') } : {}),
        // An email is looked up below; a TSUID is checked by the schema now.
        ...(subscriber && !subscriber.includes('@') ? { assignedSubscriberId: subscriber } : {}),
        count: 1,
      },
      lookedUp: [
        'messageRouteId',
        'voiceRouteId',
        ...(subscriber?.includes('@') ? ['assignedSubscriberId'] : []),
      ],
    };
  },
  async lookUp(ctx, raw, inputs, channelId) {
    const subscriber = await subscriberFromInput(ctx, input(inputs, 'subscriber'));
    if ('error' in subscriber) return subscriber;
    const route = await messageRouteFor(ctx, input(inputs, 'message_route'), channelId);
    if ('error' in route) return route;
    const plan = await planFromInput(
      ctx,
      { ...raw, assignedSubscriberId: subscriber.id, messageRouteId: route.id },
      input(inputs, 'plan'),
    );
    if ('error' in plan) return plan;
    return { raw: plan.values, customerName: subscriber.name };
  },
  outputs: (request, order) => {
    // Telegent's answer, or — a provision that succeeded through read-back after a lost answer — what was read.
    const result = request.result as {
      PhoneNumberAssigned?: string;
      reconciliation?: { number?: string; orderId?: string };
    } | null;
    const phoneNumber = order?.numbers[0] ?? result?.PhoneNumberAssigned ?? result?.reconciliation?.number;
    if (!phoneNumber) {
      return {
        error:
          'The new line was made, but its number is not known here: find it in Telegent before running the workflow again',
      };
    }
    // No order when the line was found by read-back: order_id is an optional output, left out rather than blank.
    const orderId = order?.orderId ?? result?.reconciliation?.orderId;
    return { outputs: { phone_number: phoneNumber, ...(orderId ? { order_id: orderId } : {}) } };
  },
};
