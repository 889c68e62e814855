import { errorMessage } from '../messages/error-message.js';
import { normalisePhoneNumber } from '../operations/fields/phone-number.js';
import { openProtectionCard } from '../views/forms/open-protection-card.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** `/telegent protect <+1…>`: the line's AI Guardian card (whose line, switches, filters) with Block… and the rest. */
export async function protect({
  parsed,
  slash,
  client,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'protect' }>>) {
  if (!parsed.phoneNumber)
    return reply(errorMessage('Which line? Type `/telegent protect +18015551234`.', ctx.sandbox));
  const number = normalisePhoneNumber(parsed.phoneNumber);
  if (!number.ok) return reply(errorMessage(`Line: ${number.message}`, ctx.sandbox));
  await openProtectionCard(
    ctx,
    client,
    { triggerId: slash.trigger_id, channelId: slash.channel_id },
    number.value,
  );
}
