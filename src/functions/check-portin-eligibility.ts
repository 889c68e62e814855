import type { AppContext } from '../app-context.js';
import { operations } from '../operations/registry.js';
import { runRead } from '../reads/run-read.js';
import type { FunctionArgs } from '../slack/listeners.js';
import { asStepError, textInput } from './step-inputs.js';

/**
 * Workflow Builder step `check_portin_eligibility`: the port-in eligibility read, with the operation's own schema.
 * A bad input fails the step with the sentence naming the field (nothing reaches Telegent); Telegent failing is
 * thrown to the one error path, which fails the step with its sentence.
 */
export function checkPortinEligibilityStep(ctx: AppContext) {
  return async function onCheckPortinEligibility({ inputs, complete, fail }: FunctionArgs): Promise<void> {
    const classification = textInput(inputs, 'classification');
    const read = await runRead(ctx, operations['portin-eligibility'], {
      phoneNumber: textInput(inputs, 'phone_number') ?? '',
      ...(classification ? { targetClassification: classification } : {}),
    });
    if (!read.ok) {
      await fail({ error: asStepError(read.error) });
      return;
    }
    const answer = read.value;
    await complete({
      outputs: {
        eligible: answer.Eligible === true,
        carrier: answer.CurrentCarrier ?? '',
        number_type: answer.NumberType ?? '',
        message: answer.Message ?? '',
      },
    });
  };
}
