import { errorMessage } from '../messages/error-message.js';
import { historyMessage } from '../messages/history-message.js';
import { historySubject, readTrail } from '../reads/history-trail.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** `/telegent history <+1…|OrderId|TSUID-…|email>`: our steps and the carrier's status changes, merged. */
export async function history({
  parsed,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'history' }>>) {
  if (!parsed.target)
    return reply(
      errorMessage(
        'Of what? Type `/telegent history +18015551234`, an OrderId or a customer (TSUID-… or their email).',
        ctx.sandbox,
      ),
    );
  const target = await historySubject(ctx, parsed.target);
  if ('error' in target) return reply(errorMessage(target.error, ctx.sandbox));
  const entries = await readTrail(ctx, target);
  return reply(historyMessage({ ...target, entries, sandbox: ctx.sandbox }));
}
