import type { App } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { ACTION } from '../ids.js';
import { oneLine } from '../limits.js';
import type { PickerKind } from './picker-source.js';

const PICKERS: PickerKind[] = [ACTION.messageRoutePicker, ACTION.voiceRoutePicker, ACTION.subscriberPicker];
const OPTION_TEXT_MAX = 75;

/** external_select type-ahead for routes and subscribers (by name or id). An outage yields no options, not an error. */
export function registerPickers(app: App, ctx: AppContext): void {
  for (const picker of PICKERS) {
    app.options(picker, async ({ ack, options }) => {
      try {
        const found = await ctx.pickers.search(picker, options.value ?? '');
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
