import type { RevealedSecret } from '../operations/operation.js';
import { context, type MessagePayload, message, section } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { customerWords, reasonWords, type WhoWhy } from './who-why.js';

/**
 * A secret for the requester ONLY (DM, else ephemeral): the one builder allowed to contain a port-out PIN
 * or a temporary password. The fallback text leaves it out, so it never shows in notifications or previews.
 */
export function revealedSecretMessage(
  reveal: RevealedSecret,
  sandbox?: boolean,
  about: WhoWhy = {},
): MessagePayload {
  const title = oneLine(reveal.title, 150);
  // A DM: whom it is for by full name, and the ticket, so the secret reaches the right customer.
  const customer = customerWords(about, { full: true });
  const reason = reasonWords(about, 200);
  const who = [customer ? `For ${customer}` : undefined, reason ? `Reason / ticket: ${reason}` : undefined]
    .filter(Boolean)
    .join(' · ');
  return message(
    `${title} is ready (open Slack to see it)`,
    [
      section(
        `:key: ${escapeMrkdwn(title)}: *\`${escapeMrkdwn(oneLine(reveal.secret, 500))}\`*${who ? `\n${escapeMrkdwn(who)}` : ''}`,
      ),
      context(
        `${escapeMrkdwn(oneLine(reveal.note, 500))} Only you can see this. It is not stored and will not be shown again.`,
      ),
    ],
    sandbox,
  );
}
