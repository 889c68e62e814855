import type { AppContext } from '../app-context.js';
import { readSearchPageValue } from '../messages/action-values.js';
import { searchResultsMessage } from '../messages/search-results-message.js';
import { operations } from '../operations/registry.js';
import { runRead } from '../reads/run-read.js';
import type { ButtonArgs } from '../slack/listener-args.js';

/** Next / previous page of search results: the results message is replaced in place. */
export function searchPageButton(ctx: AppContext) {
  return async function onSearchPage({ ack, action, respond }: ButtonArgs): Promise<void> {
    await ack();
    const page = readSearchPageValue(action.value);
    if (!page) return;
    const { page: number, ...query } = page;
    const found = await runRead(ctx, operations.search, query);
    if (!found.ok) throw new Error(found.error);
    const shown = searchResultsMessage({
      response: found.value,
      query,
      page: number,
      sandbox: ctx.sandbox,
    });
    await respond({ replace_original: true, text: shown.text, blocks: shown.blocks });
  };
}
