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

/** What Slack answers when the modal is gone (closed meanwhile) or changed since `hash` was read. */
const STALE_VIEW_ERRORS = new Set(['not_found', 'hash_conflict']);

/**
 * Replaces a modal's view; a modal the user closed meanwhile (Slack: not_found) is not an error, nor is one
 * that changed since its `hash` was read (Slack: hash_conflict; the newer view stays).
 */
export async function updateModal(
  client: webApi.WebClient,
  viewId: string,
  view: ModalView,
  hash?: string,
): Promise<void> {
  try {
    await client.views.update({ view_id: viewId, view, ...(hash ? { hash } : {}) });
  } catch (error) {
    if (STALE_VIEW_ERRORS.has((error as { data?: { error?: string } }).data?.error ?? '')) return;
    throw error;
  }
}
