import { errorMessage } from '../messages/error-message.js';
import { operations } from '../operations/registry.js';
import { readNumberCard } from '../reads/number-card.js';
import { checkInput } from '../reads/run-read.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** `/telegent number <+1…>`: the number card (details, subscriber, data, open orders, history, actions). */
export async function number({
  parsed,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'number' }>>) {
  if (!parsed.phoneNumber)
    return reply(errorMessage('Which number? Type `/telegent number +18015551234`.', ctx.sandbox));
  const checked = checkInput(ctx, operations.usage, { phoneNumber: parsed.phoneNumber });
  if (!checked.ok) return reply(errorMessage(checked.error, ctx.sandbox));
  return reply(await readNumberCard(ctx, checked.value.phoneNumber));
}
