import { errorMessage } from '../messages/error-message.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { subscriberModal } from '../views/modals/subscriber-modal.js';
import { openModal } from '../views/open-modal.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** `/telegent subscriber new`: the new-subscriber form (no approval: nothing is billed or moved). */
export async function subscriber({
  parsed,
  slash,
  client,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'subscriber' }>>) {
  if (parsed.action !== 'new') {
    const asked = parsed.action
      ? `\`${parsed.action.slice(0, 40)}\` is not something I can do with subscribers. `
      : '';
    return reply(errorMessage(`${asked}Use \`/telegent subscriber new\` to create one.`, ctx.sandbox));
  }
  ctx.pickers.warm();
  await openModal(
    client,
    slash.trigger_id,
    subscriberModal({ metadata: writeModalMetadata({ channelId: slash.channel_id }), sandbox: ctx.sandbox }),
  );
}
