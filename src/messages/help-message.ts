import { context, header, type MessagePayload, message, section } from './blocks.js';
import { escapeMrkdwn } from './limits.js';

/** Every subcommand of `/telegent`, what it does, and an example (DESIGN.md's command surface). */
export const COMMAND_HELP: ReadonlyArray<{ usage: string; does: string; example: string; task: Task }> = [
  { usage: 'help', task: 'setup', does: 'this list', example: '/telegent help' },
  {
    usage: 'search <area-code|zip>',
    task: 'numbers',
    does: 'available numbers, with a Provision… button',
    example: '/telegent search 801',
  },
  {
    usage: 'provision [area-code]',
    task: 'numbers',
    does: 'order a new number (approval needed)',
    example: '/telegent provision 801',
  },
  {
    usage: 'portin [+1NXXNXXXXXX] [mvno|iot]',
    task: 'portin',
    does: 'check eligibility (as mvno unless you add iot), then start a port-in (approval needed)',
    example: '/telegent portin +18015551234',
  },
  {
    usage: 'portin update <OrderId>',
    task: 'portin',
    does: 'correct a port-in (pre-filled; secrets never shown)',
    example: '/telegent portin update JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed',
  },
  {
    usage: 'portin cancel <OrderId>',
    task: 'portin',
    does: 'cancel a port-in (final; approval needed)',
    example: '/telegent portin cancel JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed',
  },
  {
    usage: 'portout <+1NXXNXXXXXX>',
    task: 'numbers',
    does: 'issue a port-out PIN, shown only to you (approval needed)',
    example: '/telegent portout +18015551234',
  },
  {
    usage: 'number <+1NXXNXXXXXX>',
    task: 'numbers',
    does: 'one card: status, SIM, subscriber, data, open orders, history; Park… / Activate… / Swap SIM… / Cancel line… / Port-out PIN… / Limits…',
    example: '/telegent number +18015551234',
  },
  {
    usage: 'limits <number> [number…]',
    task: 'numbers',
    does: 'set data notify / throttle / limit thresholds',
    example: '/telegent limits +18015551234 +18015551235',
  },
  {
    usage: 'usage <number>',
    task: 'numbers',
    does: 'data used / remaining and the configured thresholds',
    example: '/telegent usage +18015551234',
  },
  {
    usage: 'status <OrderId>',
    task: 'orders',
    does: 'live status of an order',
    example: '/telegent status JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed',
  },
  { usage: 'orders', task: 'orders', does: 'open orders of this channel', example: '/telegent orders' },
  {
    usage: 'history <+1NXXNXXXXXX|OrderId>',
    task: 'orders',
    does: 'who asked, who approved, what Telegent answered (newest first, 10 at a time)',
    example: '/telegent history +18015551234',
  },
  {
    usage: 'subscriber new',
    task: 'setup',
    does: 'create a Telegent subscriber (then pick them in provision / port-in); the temporary password comes to you by DM',
    example: '/telegent subscriber new',
  },
  {
    usage: 'account [AID-…|off]',
    task: 'setup',
    does: "distributors: the Telegent account this channel's requests are filed under",
    example: '/telegent account AID-3f6c2a9e-8b1d-4e57-a0c4-6d2e9f1b7a35',
  },
  {
    usage: 'digest on [HH:MM] [IANA tz] | off',
    task: 'setup',
    does: 'daily port-in digest for this channel',
    example: '/telegent digest on 09:00 America/Denver',
  },
];

const TASKS = {
  numbers: 'Numbers and lines',
  portin: 'Port-ins',
  orders: 'Orders and history',
  setup: 'Setup',
} as const;
type Task = keyof typeof TASKS;

/** `/telegent help`: the commands grouped by task, each with an example; placeholders escaped for mrkdwn. */
export function helpMessage(): MessagePayload {
  const sections = (Object.keys(TASKS) as Task[]).map((task) => {
    const lines = COMMAND_HELP.filter((c) => c.task === task).map(
      (c) =>
        `\`/telegent ${escapeMrkdwn(c.usage)}\` — ${escapeMrkdwn(c.does)}\n      e.g. \`${escapeMrkdwn(c.example)}\``,
    );
    return section(`*${TASKS[task]}*\n${lines.join('\n')}`);
  });
  return message('/telegent commands', [
    header('/telegent commands'),
    ...sections,
    context(
      'Numbers: +18015551234, 8015551234 or (801) 555-1234. Risky steps wait for a second person to approve; every request asks for a reason or ticket.',
    ),
  ]);
}
