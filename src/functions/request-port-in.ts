import type { FunctionArgs } from '../slack/listeners.js';
import type { RequestStepDefinition } from './request-step.js';
import { textInput } from './step-inputs.js';
import { planFromInput, subscriberFromInput } from './step-lookups.js';

const input = (inputs: FunctionArgs['inputs'], name: string) => textInput(inputs, name);

/**
 * Workflow Builder step `request_port_in` ("Request a port-in"): a port-in request for the `requester`, through
 * approval. The carrier account number and PIN are secrets: encrypted with the request (operation's
 * secretFields), never logged, never posted, never an output. Completes once the port-in is submitted to
 * Telegent (its order and status); the carrier's answer follows in the request's thread, not in the workflow.
 */
export const requestPortInStep: RequestStepDefinition = {
  callbackId: 'request_port_in',
  kind: 'portin',
  fromInputs(inputs) {
    const subscriber = input(inputs, 'subscriber');
    const street2 = input(inputs, 'billing_street2');
    return {
      raw: {
        phoneNumber: input(inputs, 'phone_number'),
        currentCarrierName: input(inputs, 'carrier_name'),
        currentAccountNumber: input(inputs, 'account_number'),
        currentAccountPassword: input(inputs, 'account_pin'),
        billingAddress: {
          street1: input(inputs, 'billing_street'),
          ...(street2 ? { street2 } : {}),
          city: input(inputs, 'billing_city'),
          state: input(inputs, 'billing_state'),
          zip: input(inputs, 'billing_zip'),
        },
        ...(input(inputs, 'name_at_carrier') ? { subscriberName: input(inputs, 'name_at_carrier') } : {}),
        ...(input(inputs, 'port_date') ? { portInDate: input(inputs, 'port_date') } : {}),
        ...(subscriber && !subscriber.includes('@') ? { assignedSubscriberId: subscriber } : {}),
      },
      lookedUp: subscriber?.includes('@') ? ['assignedSubscriberId'] : [],
    };
  },
  async lookUp(ctx, raw, inputs) {
    const subscriber = await subscriberFromInput(ctx, input(inputs, 'subscriber'));
    if ('error' in subscriber) return subscriber;
    const plan = await planFromInput(
      ctx,
      { ...raw, assignedSubscriberId: subscriber.id },
      input(inputs, 'plan'),
    );
    if ('error' in plan) return plan;
    return { raw: plan.values, customerName: subscriber.name };
  },
  outputs: (_request, order) => ({
    outputs: { order_id: order?.orderId ?? '', status: order?.status ?? 'Submitted' },
  }),
};
