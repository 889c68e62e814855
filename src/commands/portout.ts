import { errorMessage } from '../messages/error-message.js';
import { operations } from '../operations/registry.js';
import { checkInput } from '../reads/run-read.js';
import { openPortoutForm } from '../views/forms/open-portout-form.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** Shows the number's details from Telegent before asking for the PIN (typed or generated). */
export async function portout({
  parsed,
  slash,
  client,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'portout' }>>) {
  if (!parsed.phoneNumber)
    return reply(errorMessage('Which number? Type `/telegent portout +18015551234`.', ctx.sandbox));
  const checked = checkInput(ctx, operations.usage, { phoneNumber: parsed.phoneNumber });
  if (!checked.ok) return reply(errorMessage(checked.error, ctx.sandbox));
  await openPortoutForm(
    ctx,
    client,
    { triggerId: slash.trigger_id, channelId: slash.channel_id },
    checked.value.phoneNumber,
  );
}
