import type { RespondFn, SlashCommand, webApi } from '@slack/bolt';
import type { AppContext } from '../app-context.js';
import type { MessagePayload } from '../messages/blocks.js';

/** What a subcommand handler gets: the parsed command, Slack's payload, and ways to answer. */
export interface CommandContext<Parsed> {
  parsed: Parsed;
  slash: SlashCommand;
  client: webApi.WebClient;
  ctx: AppContext;
  /** An ephemeral answer to the person who typed the command (via response_url). */
  reply(message: MessagePayload): Promise<void>;
  /** What is left of this Slack request's ack budget (the trigger_id of a form to open lives ~3 s). */
  ackTimeLeft(): number;
}

export function replier(respond: RespondFn): (message: MessagePayload) => Promise<void> {
  return async (message) => {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
  };
}
