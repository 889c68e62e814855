import { context, type MessagePayload, message, section } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';

export interface PortOutPinArgs {
  phoneNumber: string;
  pin: string;
  orderId: string;
  sandbox?: boolean | undefined;
}

/**
 * The port-out PIN, for the requester ONLY (ephemeral or DM): the one builder allowed to contain a PIN.
 * The fallback text leaves it out, so it never shows in notifications or previews.
 */
export function portOutPinMessage(args: PortOutPinArgs): MessagePayload {
  const number = escapeMrkdwn(oneLine(args.phoneNumber, 30));
  return message(
    `Port-out PIN for ${oneLine(args.phoneNumber, 30)} is ready (open Slack to see it)`,
    [
      section(`:key: Port-out PIN for *${number}*: *\`${escapeMrkdwn(oneLine(args.pin, 20))}\`*`),
      context(
        `Order \`${escapeMrkdwn(oneLine(args.orderId, 80))}\`. Only you can see this. Give the PIN to the customer; it is not stored and will not be shown again.`,
      ),
    ],
    args.sandbox,
  );
}
