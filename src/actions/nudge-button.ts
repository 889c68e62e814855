import type { AppContext } from '../app-context.js';
import { sentenceMessage } from '../messages/blocks.js';
import { nudgeText } from '../messages/nudge-text.js';
import { tellClicker } from '../notify/tell-clicker.js';
import type { ButtonArgs } from '../slack/listener-args.js';

/**
 * Nudge on the "waiting for approval" message: the request's next reminder now, at most once per 15 minutes
 * per request (a conditional write in the database, so double clicks and replicas nudge once).
 */
export function nudgeButton(ctx: AppContext) {
  return async function onNudge({ ack, body, action, respond }: ButtonArgs): Promise<void> {
    await ack();
    const outcome = await ctx.reminders.nudge(action.value ?? '', body.user.id);
    await tellClicker(ctx.notify, body, sentenceMessage(nudgeText(outcome)), ctx.logger, respond);
  };
}
