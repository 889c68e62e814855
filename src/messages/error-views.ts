import type { HomeView, ModalView } from '@slack/types';
import { plain, section } from './blocks.js';
import { CALLBACK } from './ids.js';
import { escapeMrkdwn, LIMITS, oneLine } from './limits.js';

/**
 * A small read-only modal with one sentence of what went wrong: a listener's own refusal, or the one error
 * path's answer to a form that failed or a loading view that would otherwise wait forever.
 */
export function errorModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.info,
    title: plain(oneLine(title || 'Telegent Ops', LIMITS.viewTitle), LIMITS.viewTitle),
    close: plain('Close', LIMITS.viewClose),
    blocks: [section(`:warning: ${escapeMrkdwn(text)}`)],
  };
}

/** App Home when building it failed: one line saying so, with the sentence (and its reference). */
export function errorHome(text: string): HomeView {
  return {
    type: 'home',
    blocks: [section(`:warning: Your Telegent Ops home could not be shown. ${escapeMrkdwn(text)}`)],
  };
}
