import { errorMessage } from '../messages/error-message.js';
import { parsePhoneNumbers } from '../operations/fields/phone-number.js';
import { MAX_NUMBERS_PER_REQUEST } from '../operations/fields/phone-number-list.js';
import type { DataUsageSettings } from '../telegent/response-schemas.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { limitsModal } from '../views/modals/limits-modal.js';
import { loadingModal } from '../views/modals/status-modals.js';
import { openModal, updateModal } from '../views/open-modal.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

const TITLE = 'Data limits';

/** The notify / throttle / limit form for one or more numbers, pre-filled with what Telegent has now. */
export async function limits({
  parsed,
  slash,
  client,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'limits' }>>) {
  const { numbers, errors } = parsePhoneNumbers(parsed.numbers);
  if (errors.length > 0) {
    const lines = errors.map((e) => `• "${e.input.slice(0, 30)}": ${e.message}`);
    return reply(errorMessage(`Numbers:\n${lines.join('\n')}`, ctx.sandbox));
  }
  if (numbers.length === 0)
    return reply(
      errorMessage('Which numbers? Type `/telegent limits +18015551234 +18015551235`.', ctx.sandbox),
    );
  if (numbers.length > MAX_NUMBERS_PER_REQUEST) {
    return reply(
      errorMessage(
        `At most ${MAX_NUMBERS_PER_REQUEST} numbers at a time; you gave ${numbers.length}.`,
        ctx.sandbox,
      ),
    );
  }
  const viewId = await openModal(
    client,
    slash.trigger_id,
    loadingModal(TITLE, 'Reading the current limits…'),
  );
  if (!viewId) return;
  let current: DataUsageSettings | undefined;
  try {
    current = await ctx.telegent.getDataUsageSettings(numbers);
  } catch (error) {
    ctx.logger.warn(
      { err: { message: (error as Error).message } },
      'could not read current limits; opening the form empty',
    );
  }
  const metadata = writeModalMetadata({ channelId: slash.channel_id });
  await updateModal(client, viewId, limitsModal({ numbers, current, metadata, sandbox: ctx.sandbox }));
}
