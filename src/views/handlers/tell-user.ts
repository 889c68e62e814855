import type { BlockAction, webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';
import type { MessagePayload } from '../blocks.js';

/**
 * An ephemeral answer to whoever clicked: through the message's response_url when the click came from a
 * message, else as an ephemeral in the channel, else as a DM (App Home and modals have no channel).
 */
export async function tellClicker(
  client: webApi.WebClient,
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
    const channel =
      body.channel?.id ?? (await client.conversations.open({ users: body.user.id })).channel?.id;
    if (!channel) return;
    if (body.channel?.id)
      await client.chat.postEphemeral({
        channel,
        user: body.user.id,
        text: message.text,
        blocks: message.blocks,
      });
    else await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
  } catch (error) {
    logger.warn(
      { err: { message: (error as Error).message }, user: body.user.id },
      'could not answer the clicker',
    );
  }
}
