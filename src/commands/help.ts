import { section } from '../views/blocks.js';
import { escapeMrkdwn } from '../views/limits.js';
import { helpMessage } from '../views/messages/help-message.js';
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
