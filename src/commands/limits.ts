import { errorMessage } from '../messages/error-message.js';
import { parsePhoneNumbers } from '../operations/fields/phone-number.js';
import { MAX_NUMBERS_PER_REQUEST } from '../operations/fields/phone-number-list.js';
import { openLimitsForm } from '../views/forms/open-limits-form.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** The notify / throttle / limit form for one or more numbers, pre-filled with what Telegent has now. */
export async function limits({
  parsed,
  slash,
  client,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'limits' }>>) {
  const { numbers, errors } = parsePhoneNumbers(parsed.numbers);
  if (errors.length > 0) {
    const lines = errors.map((e) => `• "${e.input.slice(0, 30)}": ${e.message}`);
    return reply(errorMessage(`Numbers:\n${lines.join('\n')}`, ctx.sandbox));
  }
  if (numbers.length === 0)
    return reply(
      errorMessage('Which numbers? Type `/telegent limits +18015551234 +18015551235`.', ctx.sandbox),
    );
  if (numbers.length > MAX_NUMBERS_PER_REQUEST) {
    return reply(
      errorMessage(
        `At most ${MAX_NUMBERS_PER_REQUEST} numbers at a time; you gave ${numbers.length}.`,
        ctx.sandbox,
      ),
    );
  }
  await openLimitsForm(ctx, client, { triggerId: slash.trigger_id, channelId: slash.channel_id }, numbers);
}
