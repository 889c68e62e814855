import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { runRead } from '../../commands/run-read.js';
import { tellClicker } from '../../notify/tell-clicker.js';
import type { AvailabilityResponse } from '../../telegent/response-schemas.js';
import { readProvisionFromSearchValue, readSearchPageValue } from '../action-values.js';
import { sentenceMessage } from '../blocks.js';
import { ACTION } from '../ids.js';
import { searchResultsMessage } from '../messages/search-results-message.js';
import { provisionModal } from '../modals/provision-modal.js';
import { openModal } from './modal.js';
import { writeModalMetadata } from './modal-metadata.js';
import { warmPickers } from './pickers.js';
import { userFacingError } from './user-error.js';

/** Search results: page through them, or open the provision form pre-filled for an area. */
export function registerSearchActions(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION.provisionFromSearch, async ({ ack, body, action, client }) => {
    await ack();
    const where = readProvisionFromSearchValue(action.value) ?? {};
    const channelId = body.channel?.id ?? body.user.id;
    warmPickers(ctx);
    await openModal(
      client,
      body.trigger_id,
      provisionModal({
        prefill: where,
        metadata: writeModalMetadata({ channelId }),
        sandbox: ctx.sandbox,
      }),
    );
  });

  app.action<BlockButtonAction>(ACTION.searchPage, async ({ ack, body, action, respond }) => {
    await ack();
    const page = readSearchPageValue(action.value);
    if (!page) return;
    const { page: number, ...query } = page;
    try {
      const found = await runRead<AvailabilityResponse>(ctx, 'search', query);
      if (!found.ok) throw new Error(found.error);
      const shown = searchResultsMessage({
        response: found.value,
        query,
        page: number,
        sandbox: ctx.sandbox,
      });
      await respond({ replace_original: true, text: shown.text, blocks: shown.blocks });
    } catch (error) {
      const text = userFacingError(error, ctx.logger, { action: 'search page' });
      await tellClicker(ctx.notify, body, sentenceMessage(text), ctx.logger, respond);
    }
  });
}
