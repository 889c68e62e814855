import { section } from '../messages/blocks.js';
import { helpMessage } from '../messages/help-message.js';
import { escapeMrkdwn } from '../messages/limits.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

export async function help({ parsed, reply }: CommandContext<Extract<TelegentCommand, { name: 'help' }>>) {
  const usage = helpMessage();
  if (!parsed.unknown) return reply(usage);
  const intro = section(`I don't know \`${escapeMrkdwn(parsed.unknown)}\`. Here is what I can do:`);
  return reply({
    text: `Unknown subcommand ${parsed.unknown}`,
    blocks: [intro, ...usage.blocks].slice(0, 50),
  });
}
