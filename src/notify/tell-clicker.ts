import type { BlockAction } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { MessagePayload } from '../messages/blocks.js';
import type { Notifier } from './notifier.js';

/**
 * An ephemeral answer to whoever clicked: through the message's response_url when the click came from a
 * message, else as an ephemeral in the channel, else as a DM (App Home and modals have no channel).
 */
export async function tellClicker(
  notify: Notifier,
  body: BlockAction,
  message: MessagePayload,
  logger: Logger,
  respond?: (m: {
    response_type: 'ephemeral';
    replace_original: false;
    text: string;
    blocks: unknown[];
  }) => Promise<unknown>,
): Promise<void> {
  try {
    if (body.response_url && respond) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
      });
      return;
    }
    if (body.channel?.id) await notify.ephemeral(body.channel.id, body.user.id, message);
    else await notify.dm(body.user.id, message);
  } catch (error) {
    logger.warn(
      { err: { message: (error as Error).message }, user: body.user.id },
      'could not answer the clicker',
    );
  }
}
