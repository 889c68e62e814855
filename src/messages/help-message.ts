import { context, header, type MessagePayload, message, section } from './blocks.js';
import { escapeMrkdwn } from './limits.js';

export interface HelpCommand {
  usage: string;
  does: string;
}

export interface HelpTask {
  /** What a support engineer wants done, in their words. */
  title: string;
  /** A worked example: the command to type, then what happens, step by step. */
  example: { command: string; result: string };
  commands: readonly HelpCommand[];
}

/** `/telegent help`, by task (DESIGN.md's command surface): every subcommand sits under the task it serves. */
export const HELP_TASKS: readonly HelpTask[] = [
  {
    title: 'Give a customer a new number',
    example: {
      command: '/telegent provision 801',
      result:
        'pick the product and the subscriber, give a reason or ticket; a second person approves, and the new number is posted in this channel.',
    },
    commands: [
      { usage: 'search <area-code or ZIP>', does: 'free numbers there, each with Provision…' },
      { usage: 'provision [area-code]', does: 'order a new number' },
      {
        usage: 'subscriber new',
        does: 'a customer Telegent does not know yet (their temporary password comes to you by DM)',
      },
    ],
  },
  {
    title: "Move a customer's number to us (port-in)",
    example: {
      command: '/telegent portin (415) 555-0142',
      result:
        'checks the number can move, then asks for the carrier account details; after approval its message in this channel follows the carrier. If the carrier rejects it, Fix… in its thread says what to correct.',
    },
    commands: [
      { usage: 'portin <number> [iot]', does: 'check and start a port-in (add iot for a device)' },
      { usage: 'portin update <order>', does: 'correct a port-in (secrets are never shown)' },
      { usage: 'portin cancel <order>', does: 'cancel a port-in (final)' },
    ],
  },
  {
    title: 'Look after a customer',
    example: {
      command: '/telegent customer jane@example.com',
      result:
        'her card: name, account, every line with its status and SIM, what is open for her and the last steps, with New line…, Port a number in… and each line’s number card.',
    },
    commands: [
      {
        usage: 'customer <email, name, number or TSUID>',
        does: 'find a customer (names match without accents or case); several matches give a short list',
      },
      { usage: 'plans', does: "the account's plans: price, monthly or once, and what each contains" },
    ],
  },
  {
    title: 'Look after a line',
    example: {
      command: '/telegent number (801) 555-1234',
      result:
        'one card with status, SIM, subscriber, plan, data and open orders, and buttons to Park, Activate, Swap SIM, Cancel the line, set Limits, issue a Port-out PIN or Change plan (Put on a plan when it has none; End plan on a cancelled, disconnected or parked line that still has one).',
    },
    commands: [
      { usage: 'number <number>', does: 'the card above' },
      { usage: 'usage <number>', does: 'data used and left, and its thresholds' },
      { usage: 'limits <number> [number…]', does: 'set when data warns, slows down or stops' },
      {
        usage: 'park <number> [number…]',
        does: 'park up to 100 lines in one order: one form, one approval (a line under a port-out is left out)',
      },
      { usage: 'activate <number> [number…]', does: 'bring up to 100 parked lines back, the same way' },
      { usage: 'portout <number>', does: 'a port-out PIN for a customer who is leaving, shown to you alone' },
      {
        usage: 'protect <number>',
        does: 'AI Guardian for the line: block or allow callers and texters, the text filter',
      },
    ],
  },
  {
    title: 'Follow orders',
    example: {
      command: '/telegent orders',
      result: "this channel's open orders, those needing action first, each linked to its thread.",
    },
    commands: [
      { usage: 'orders', does: "this channel's open orders" },
      { usage: 'status <order>', does: 'where one order stands now' },
      {
        usage: 'history <number, order or customer>',
        does: 'who asked, who approved, what Telegent answered and every carrier status',
      },
    ],
  },
  {
    title: 'Set up this channel',
    example: {
      command: '/telegent digest on 09:00 America/Denver',
      result: 'every day at 9:00 Denver time, the port-ins that need attention, posted here.',
    },
    commands: [
      { usage: 'digest on [HH:MM] [time zone] | off', does: 'the daily port-in digest' },
      {
        usage: 'account [AID-… | off]',
        does: "distributors: the Telegent account this channel's requests go to",
      },
      { usage: 'help', does: 'this list' },
    ],
  },
];

const code = (text: string) => `\`${escapeMrkdwn(text)}\``;

/** `/telegent help`: tasks, each with a worked example and its commands; placeholders escaped for mrkdwn. */
export function helpMessage(): MessagePayload {
  const sections = HELP_TASKS.map((task) =>
    section(
      [
        `*${escapeMrkdwn(task.title)}*`,
        `${code(task.example.command)} → ${escapeMrkdwn(task.example.result)}`,
        ...task.commands.map((c) => `• ${code(`/telegent ${c.usage}`)} ${escapeMrkdwn(c.does)}`),
      ].join('\n'),
    ),
  );
  return message('/telegent commands', [
    header('What /telegent does'),
    ...sections,
    context(
      'A number can be typed as (801) 555-1234, 801-555-1234 or +18015551234; an order is the JNUOID-… id its messages show. Risky steps wait for a second person; every request asks for a reason or ticket.',
    ),
  ]);
}
