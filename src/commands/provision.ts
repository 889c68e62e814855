import { errorMessage } from '../messages/error-message.js';
import { parseAreaCode } from '../operations/fields/area-code.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { provisionModal } from '../views/modals/provision-modal.js';
import { openModal } from '../views/open-modal.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** Opens the provision form at once: its route and subscriber pickers load through app.options. */
export async function provision({
  parsed,
  slash,
  client,
  ctx,
  reply,
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
  ctx.pickers.warm();
  await openModal(
    client,
    slash.trigger_id,
    provisionModal({
      prefill: { areaCode },
      metadata: writeModalMetadata({ channelId: slash.channel_id }),
      sandbox: ctx.sandbox,
    }),
  );
}
