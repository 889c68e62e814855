import type { KnownBlock, ModalView } from '@slack/types';
import { context, section } from '../../messages/blocks.js';
import { escapeMrkdwn } from '../../messages/limits.js';
import { markWaiting } from '../../messages/waiting-view.js';
import { infoModal } from './modal.js';

/**
 * Shown at once (within the 3 s trigger) while data for the real modal is fetched; then `views.update`.
 * Marked waiting: should the listener fail, the one error path replaces it with the error.
 */
export function loadingModal(title: string, text = 'Loading…'): ModalView {
  return markWaiting(infoModal(title, [section(`:hourglass_flowing_sand: ${escapeMrkdwn(text)}`)]));
}

/** Shown after a submission (`response_action: 'update'`) while the slow work runs (marked waiting, as above). */
export function workingModal(title: string, text = 'Working on it…'): ModalView {
  return markWaiting(
    infoModal(title, [
      section(`:gear: ${escapeMrkdwn(text)}`),
      context('You can close this window: the outcome is also posted in the channel.'),
    ]),
  );
}

/** The outcome, as blocks built by a message builder (e.g. `executionOutcomeMessage(...).blocks`). */
export function resultModal(title: string, blocks: KnownBlock[]): ModalView {
  return infoModal(title, blocks);
}
