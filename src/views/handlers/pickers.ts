import type { App } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { ACTION } from '../ids.js';
import { oneLine } from '../limits.js';
import type { PickerKind } from './picker-source.js';

const PICKERS: PickerKind[] = [ACTION.messageRoutePicker, ACTION.voiceRoutePicker, ACTION.subscriberPicker];
const OPTION_TEXT_MAX = 75;
/** Options must be acked within 3 s with the data: a slow Telegent yields no options now, a warm cache next time. */
const OPTIONS_DEADLINE_MS = 2_000;

function withinDeadline<T>(work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), OPTIONS_DEADLINE_MS);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Loads the picker lists in the background when a form that uses them opens. */
export function warmPickers(ctx: AppContext): void {
  for (const picker of PICKERS) ctx.pickers.search(picker, '').catch(() => undefined);
}

/** external_select type-ahead for routes and subscribers (by name or id). An outage yields no options, not an error. */
export function registerPickers(app: App, ctx: AppContext): void {
  for (const picker of PICKERS) {
    app.options(picker, async ({ ack, options }) => {
      try {
        const found = await withinDeadline(ctx.pickers.search(picker, options.value ?? ''), []);
        await ack({
          options: found.map((item) => ({
            text: { type: 'plain_text' as const, text: oneLine(item.label, OPTION_TEXT_MAX) },
            value: item.value,
          })),
        });
      } catch (error) {
        ctx.logger.warn({ err: { message: (error as Error).message }, picker }, 'picker options failed');
        await ack({ options: [] });
      }
    });
  }
}
