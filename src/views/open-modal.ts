import type { webApi } from '@slack/bolt';
import type { ModalView } from '@slack/types';

/**
 * Opens a modal at once (a trigger_id lives ~3 s) and returns its view id, so a listener can show a loading
 * view first and `updateModal` it when the slow work is done.
 */
export async function openModal(
  client: webApi.WebClient,
  triggerId: string,
  view: ModalView,
): Promise<string | undefined> {
  const opened = await client.views.open({ trigger_id: triggerId, view });
  return opened.view?.id;
}

/** Replaces a modal's view; a modal the user closed meanwhile (Slack: not_found) is not an error. */
export async function updateModal(client: webApi.WebClient, viewId: string, view: ModalView): Promise<void> {
  try {
    await client.views.update({ view_id: viewId, view });
  } catch (error) {
    if ((error as { data?: { error?: string } }).data?.error === 'not_found') return;
    throw error;
  }
}
