import type { AppContext } from '../app-context.js';
import type { FunctionArgs } from '../slack/listeners.js';

/**
 * A `function_executed` for a step this app does not run (a manifest newer than the code, or a step removed):
 * Bolt matches no `app.function` listener and the run would hang until Slack times it out. Here it is acked,
 * logged, and failed with a sentence. Steps this app runs are left to their own listener (`isKnown`).
 */
export function unknownStep(ctx: AppContext, isKnown: (callbackId: string) => boolean) {
  return async function onUnknownStep({ event, ack, fail }: FunctionArgs): Promise<void> {
    const callbackId = String(event.function?.callback_id ?? '');
    if (isKnown(callbackId)) return;
    await (ack as (() => Promise<void>) | undefined)?.();
    ctx.logger.warn(
      { listener: 'function', id: callbackId },
      'a Workflow Builder step this app does not run',
    );
    await fail({
      error: `Telegent Ops has no step "${callbackId}". Remove it from the workflow, or update the app to a version that has it.`,
    });
  };
}
