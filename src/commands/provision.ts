import { errorMessage } from '../messages/error-message.js';
import { parseAreaCode } from '../operations/fields/area-code.js';
import { openProvisionForm } from '../views/forms/provision-form.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** Opens the provision form at once: its route and subscriber pickers load through app.options. */
export async function provision({
  parsed,
  slash,
  client,
  ctx,
  reply,
  ackTimeLeft,
}: CommandContext<Extract<TelegentCommand, { name: 'provision' }>>) {
  let areaCode: string | undefined;
  if (parsed.areaCode) {
    const checked = parseAreaCode(parsed.areaCode);
    if (!checked.ok)
      return reply(
        errorMessage(`Area code: ${checked.message}. Example: /telegent provision 801`, ctx.sandbox),
      );
    areaCode = checked.value;
  }
  await openProvisionForm(ctx, client, {
    triggerId: slash.trigger_id,
    channelId: slash.channel_id,
    prefill: { areaCode },
    timeLeftMs: ackTimeLeft(),
  });
}
