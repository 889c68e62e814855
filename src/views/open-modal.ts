import type { webApi } from '@slack/bolt';
import type { ModalView } from '@slack/types';

/**
 * Opens a modal at once (trigger_id lives ~3 s), then fills it when slow work is done. `fill` gets the
 * opened view's id; if the user closed the modal meanwhile Slack answers not_found, which is not an error.
 */
export async function openModal(
  client: webApi.WebClient,
  triggerId: string,
  view: ModalView,
): Promise<string | undefined> {
  const opened = await client.views.open({ trigger_id: triggerId, view });
  return opened.view?.id;
}

export async function updateModal(client: webApi.WebClient, viewId: string, view: ModalView): Promise<void> {
  try {
    await client.views.update({ view_id: viewId, view });
  } catch (error) {
    if ((error as { data?: { error?: string } }).data?.error === 'not_found') return;
    throw error;
  }
}
