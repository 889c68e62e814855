import { errorMessage } from '../messages/error-message.js';
import { searchResultsMessage } from '../messages/search-results-message.js';
import { operations } from '../operations/registry.js';
import { parseSearchTerm } from '../operations/search-numbers.js';
import { runRead } from '../reads/run-read.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

export async function search({
  parsed,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'search' }>>) {
  const term = parseSearchTerm(parsed.term);
  if (!term.ok)
    return reply(errorMessage(`Search: ${term.message}. Example: /telegent search 801`, ctx.sandbox));
  const found = await runRead(ctx, operations.search, { ...term.value });
  if (!found.ok) return reply(errorMessage(found.error, ctx.sandbox));
  return reply(
    searchResultsMessage({ response: found.value, query: term.value, page: 1, sandbox: ctx.sandbox }),
  );
}
