import type { RevealedSecret } from '../operations/operation.js';
import { context, type MessagePayload, message, section } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';

/**
 * A secret for the requester ONLY (DM, else ephemeral): the one builder allowed to contain a port-out PIN
 * or a temporary password. The fallback text leaves it out, so it never shows in notifications or previews.
 */
export function revealedSecretMessage(reveal: RevealedSecret, sandbox?: boolean): MessagePayload {
  const title = oneLine(reveal.title, 150);
  return message(
    `${title} is ready (open Slack to see it)`,
    [
      section(`:key: ${escapeMrkdwn(title)}: *\`${escapeMrkdwn(oneLine(reveal.secret, 500))}\`*`),
      context(
        `${escapeMrkdwn(oneLine(reveal.note, 500))} Only you can see this. It is not stored and will not be shown again.`,
      ),
    ],
    sandbox,
  );
}
