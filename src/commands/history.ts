import { errorMessage } from '../messages/error-message.js';
import { historyMessage } from '../messages/history-message.js';
import { historySubject, readTrail } from '../reads/history-trail.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** `/telegent history <+1…|OrderId>`: who asked, who approved, what Telegent answered. */
export async function history({
  parsed,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'history' }>>) {
  if (!parsed.target)
    return reply(errorMessage('Of what? Type `/telegent history +18015551234` or an OrderId.', ctx.sandbox));
  const target = await historySubject(ctx, parsed.target);
  if ('error' in target) return reply(errorMessage(target.error, ctx.sandbox));
  const entries = await readTrail(ctx, target);
  return reply(historyMessage({ subject: target.subject, entries, sandbox: ctx.sandbox }));
}
