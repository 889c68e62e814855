import type { AppContext } from '../app-context.js';
import { oneLine } from '../messages/limits.js';
import type { OptionsArgs } from '../slack/listener-args.js';
import type { PickerKind } from '../telegent/picker-source.js';

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

/** external_select type-ahead for routes and subscribers (by name or id). An outage yields no options, not an error. */
export function pickerOptions(ctx: AppContext, picker: PickerKind) {
  return async function onPickerOptions({ ack, options }: OptionsArgs): Promise<void> {
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
  };
}
