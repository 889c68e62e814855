import type { AppContext } from '../app-context.js';
import { readHistoryPageValue } from '../messages/action-values.js';
import { historyMessage } from '../messages/history-message.js';
import { historySubject, readTrail } from '../reads/history-trail.js';
import type { ButtonArgs } from '../slack/listener-args.js';

/** "Older…" under `/telegent history`: the next page replaces the ephemeral answer. */
export function historyOlderButton(ctx: AppContext) {
  return async function onHistoryOlder({ ack, action, respond }: ButtonArgs): Promise<void> {
    await ack();
    const value = readHistoryPageValue(action.value);
    const target = value ? await historySubject(ctx, value.subject) : undefined;
    if (!value || !target || 'error' in target) return;
    const entries = await readTrail(ctx, target, value.before);
    const page = historyMessage({ ...target, entries, older: true, sandbox: ctx.sandbox });
    await respond({
      replace_original: true,
      response_type: 'ephemeral',
      text: page.text,
      blocks: page.blocks,
    });
  };
}
