import { type MessagePayload, message, section } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';

/** A short error answer (ephemeral). The text should say what went wrong and what to do next. */
export function errorMessage(text: string, sandbox?: boolean): MessagePayload {
  return message(oneLine(text, 300), [section(`:warning: ${escapeMrkdwn(text)}`)], sandbox);
}
