import type { HomeView, ModalView } from '@slack/types';
import { type MessagePayload, plain, section } from './blocks.js';
import { oneLine } from './limits.js';

/**
 * Where a refusal of the access gate shows: an ephemeral answer, a small modal (a button in a form, a form
 * submitted), or App Home. The sentence is the access decision's own: built from ids the app was configured
 * with (mentions render as names), never from what the person typed, so it is not escaped.
 */
export function accessRefusalMessage(sentence: string): MessagePayload {
  return { text: oneLine(sentence, 300), blocks: [section(`:no_entry: ${sentence}`)] };
}

export function accessRefusalModal(sentence: string): ModalView {
  return {
    type: 'modal',
    title: plain('Telegent Ops', 24),
    close: plain('Close', 24),
    blocks: [section(`:no_entry: ${sentence}`)],
  };
}

/** App Home for someone who may not use the app: one line, nothing read. */
export function accessRefusalHome(sentence: string): HomeView {
  return { type: 'home', blocks: [section(sentence)] };
}
