import { errorMessage } from '../messages/error-message.js';
import { parsePhoneNumbers } from '../operations/fields/phone-number.js';
import { MAX_NUMBERS_PER_REQUEST } from '../operations/fields/phone-number-list.js';
import { formatPhone } from '../operations/glossary.js';
import { LINE_CHANGE_OPERATIONS } from '../operations/registry.js';
import { openLineChangeListForm } from '../views/forms/open-line-change-list-form.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/**
 * `/telegent park n1 n2 …` / `activate …`: the list as people type it (spaces, commas, new lines). A list that
 * is not what they meant (a bad entry, a number twice, too many) is refused whole, naming what to fix.
 */
export async function lineChangeList({
  parsed,
  slash,
  client,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'line-change-list' }>>) {
  const op = LINE_CHANGE_OPERATIONS.find((o) => o.kind === parsed.kind && o.lineChange.takesList);
  if (!op) return reply(errorMessage(`\`/telegent ${parsed.kind}\` does not take a list.`, ctx.sandbox));
  const { numbers, errors, duplicates } = parsePhoneNumbers(parsed.numbers);
  const problems = [
    ...errors.map((e) => `• "${e.input.slice(0, 30)}" is not a US number: ${e.message}`),
    ...duplicates.map((n) => `• ${formatPhone(n)} is given twice: list each number once`),
  ];
  if (problems.length > 0) {
    return reply(errorMessage(`Nothing was filed. Numbers:\n${problems.join('\n')}`, ctx.sandbox));
  }
  if (numbers.length === 0) {
    return reply(
      errorMessage(
        `Which numbers? Type \`/telegent ${op.kind} +18015551234 +18015551235\` (spaces, commas or new lines between them).`,
        ctx.sandbox,
      ),
    );
  }
  if (numbers.length > MAX_NUMBERS_PER_REQUEST) {
    return reply(
      errorMessage(
        `At most ${MAX_NUMBERS_PER_REQUEST} numbers at a time; you gave ${numbers.length}. Nothing was filed: split the list.`,
        ctx.sandbox,
      ),
    );
  }
  await openLineChangeListForm(ctx, client, {
    op,
    numbers,
    triggerId: slash.trigger_id,
    channelId: slash.channel_id,
  });
}
