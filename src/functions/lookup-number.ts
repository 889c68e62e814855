import type { AppContext } from '../app-context.js';
import { planText } from '../messages/line-plan.js';
import { operations } from '../operations/registry.js';
import { readLinePlan } from '../reads/line-plan.js';
import { checkInput } from '../reads/run-read.js';
import type { FunctionArgs } from '../slack/listeners.js';
import { isTelegentError } from '../telegent/errors.js';
import type { NumberRecord, Subscriber } from '../telegent/response-schemas.js';
import { asStepError, textInput } from './step-inputs.js';

/**
 * Workflow Builder step `lookup_number`: what the number card shows first (status, subscriber, plan, SIM), the
 * number checked as the card checks it. A number not on the account fails the step with a sentence saying so.
 */
export function lookupNumberStep(ctx: AppContext) {
  return async function onLookupNumber({ inputs, complete, fail }: FunctionArgs): Promise<void> {
    const checked = checkInput(ctx, operations.usage, {
      phoneNumber: textInput(inputs, 'phone_number') ?? '',
    });
    if (!checked.ok) {
      await fail({ error: asStepError(checked.error) });
      return;
    }
    const { phoneNumber } = checked.value;
    let record: NumberRecord;
    try {
      record = await ctx.telegent.getNumber({ Number: phoneNumber });
    } catch (error) {
      if (isTelegentError(error) && error.status === 404) {
        await fail({
          error: `${phoneNumber} is not on your Telegent account. Check the number in the step's input.`,
        });
        return;
      }
      throw error;
    }
    const [subscriber, plan] = await Promise.all([
      record.AssignedSubscriberId
        ? ctx.telegent.getSubscriber(record.AssignedSubscriberId).catch(() => undefined)
        : Promise.resolve(null),
      readLinePlan(ctx, record),
    ]);
    await complete({
      outputs: {
        status: record.Status ?? 'unknown',
        subscriber_name: subscriberName(subscriber),
        plan: planText(plan.plan) ?? '',
        sim_last4: record.Iccid ? record.Iccid.slice(-4) : '',
      },
    });
  };
}

/** No subscriber: empty; one that could not be read is said so, rather than passed on as "none". */
function subscriberName(subscriber: Subscriber | null | undefined): string {
  if (subscriber === null) return '';
  if (subscriber === undefined) return 'could not be read';
  return subscriber.Name ?? '';
}
