import { context, header, type MessagePayload, message, section } from './blocks.js';

/** Every subcommand of `/telegent`, what it does, and an example (DESIGN.md's command surface). */
export const COMMAND_HELP: ReadonlyArray<{ usage: string; does: string; example: string }> = [
  { usage: 'help', does: 'this list', example: '/telegent help' },
  {
    usage: 'search <area-code|zip>',
    does: 'available numbers, with a Provision… button',
    example: '/telegent search 801',
  },
  {
    usage: 'provision [area-code]',
    does: 'order a new number (approval needed)',
    example: '/telegent provision 801',
  },
  {
    usage: 'portin [+1NXXNXXXXXX] [mvno|iot]',
    does: 'check eligibility (as mvno unless you add iot), then start a port-in (approval needed)',
    example: '/telegent portin +18015551234',
  },
  {
    usage: 'portin update <OrderId>',
    does: 'correct a port-in (pre-filled; secrets never shown)',
    example: '/telegent portin update JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed',
  },
  {
    usage: 'portin cancel <OrderId>',
    does: 'cancel a port-in (final; approval needed)',
    example: '/telegent portin cancel JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed',
  },
  {
    usage: 'portout <+1NXXNXXXXXX>',
    does: 'issue a port-out PIN, shown only to you (approval needed)',
    example: '/telegent portout +18015551234',
  },
  {
    usage: 'number <+1NXXNXXXXXX>',
    does: 'one card: status, SIM, subscriber, data, open orders, history; Park… / Activate… / Swap SIM… / Cancel line… / Port-out PIN… / Limits…',
    example: '/telegent number +18015551234',
  },
  {
    usage: 'limits <number> [number…]',
    does: 'set data notify / throttle / limit thresholds',
    example: '/telegent limits +18015551234 +18015551235',
  },
  {
    usage: 'usage <number>',
    does: 'data used / remaining and the configured thresholds',
    example: '/telegent usage +18015551234',
  },
  {
    usage: 'status <OrderId>',
    does: 'live status of an order',
    example: '/telegent status JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed',
  },
  { usage: 'orders', does: 'open orders of this channel', example: '/telegent orders' },
  {
    usage: 'history <+1NXXNXXXXXX|OrderId>',
    does: 'who asked, who approved, what Telegent answered (newest first, 10 at a time)',
    example: '/telegent history +18015551234',
  },
  {
    usage: 'subscriber new',
    does: 'create a Telegent subscriber (then pick them in provision / port-in); the temporary password comes to you by DM',
    example: '/telegent subscriber new',
  },
  {
    usage: 'account [AID-…|off]',
    does: "distributors: the Telegent account this channel's requests are filed under",
    example: '/telegent account AID-3f6c2a9e-8b1d-4e57-a0c4-6d2e9f1b7a35',
  },
  {
    usage: 'digest on [HH:MM] [IANA tz] | off',
    does: 'daily port-in digest for this channel',
    example: '/telegent digest on 09:00 America/Denver',
  },
];

export function helpMessage(): MessagePayload {
  const lines = COMMAND_HELP.map((c) => `*\`/telegent ${c.usage}\`*: ${c.does}\n      e.g. \`${c.example}\``);
  return message('/telegent commands', [
    header('/telegent commands'),
    section(lines.slice(0, 6).join('\n')),
    section(lines.slice(6).join('\n')),
    context(
      'Numbers: +18015551234, 8015551234 or (801) 555-1234. Risky steps wait for a second person to approve.',
    ),
  ]);
}
