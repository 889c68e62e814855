import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import type { DataUsageSettings } from '../../telegent/response-schemas.js';
import { writeModalMetadata } from '../modal-metadata.js';
import { limitsModal } from '../modals/limits-modal.js';
import { loadingModal } from '../modals/status-modals.js';
import { openModal, updateModal } from '../open-modal.js';

/**
 * The data limits form (from `/telegent limits` or the number card), pre-filled with what Telegent has now;
 * if that cannot be read, it opens empty.
 */
export async function openLimitsForm(
  ctx: AppContext,
  client: webApi.WebClient,
  at: { triggerId: string; channelId: string },
  numbers: string[],
): Promise<void> {
  const viewId = await openModal(
    client,
    at.triggerId,
    loadingModal('Data limits', 'Reading the current limits…'),
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
  const metadata = writeModalMetadata({ channelId: at.channelId });
  await updateModal(client, viewId, limitsModal({ numbers, current, metadata, sandbox: ctx.sandbox }));
}
