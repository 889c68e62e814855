import type { KnownBlock } from '@slack/types';
import { formatPhone } from '../operations/glossary.js';
import type { LineProtection } from '../operations/guardian-line.js';
import { callModeWords, TEXT_MODE_WORDS, textModeWords } from '../operations/guardian-words.js';
import type { MessageFilterMode } from '../telegent/guardian-api.js';
import { actions, button, context, fieldsSection, header, sandboxBlocks, section } from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn, oneLine } from './limits.js';

/** The card's buttons, by the action of the protect operation each one's form files. */
export const PROTECTION_BUTTONS = [
  { action: 'block', text: 'Block…' },
  { action: 'unblock', text: 'Unblock…' },
  { action: 'allow', text: 'Allow…' },
  { action: 'text-mode', text: 'Text filter…' },
] as const;

/** At most this many numbers of a list are shown (a section holds 3000 characters). */
const SHOWN = 40;

export interface ProtectionCardArgs {
  state: LineProtection;
  /** Who the line belongs to, as people read it (name, or email). */
  subscriberName: string;
  /** Block… / Unblock… / Allow… / Text filter… (the card itself; a result shows the card without them). */
  withButtons: boolean;
  sandbox?: boolean | undefined;
}

/** "(801) 555-9999, (801) 555-9998 … and 3 more", or "none". */
export function numberList(numbers: readonly string[]): string {
  if (numbers.length === 0) return 'none';
  const shown = numbers.slice(0, SHOWN).map((n) => escapeMrkdwn(formatPhone(n)));
  const more = numbers.length > SHOWN ? ` and ${numbers.length - SHOWN} more` : '';
  return `${shown.join(', ')}${more}`;
}

const onOff = (on: boolean) => (on ? ':large_green_circle: on' : ':white_circle: off');

function callsSection(state: LineProtection): KnownBlock[] {
  const f = state.callFilter;
  if (!f)
    return [
      section('*Calls*\nNo call filter yet: Block… makes one (a block list: everyone else still rings).'),
    ];
  const whitelist = (f.FilterMode ?? '').toUpperCase() === 'WHITELIST';
  const lines = [
    `*Calls* · ${escapeMrkdwn(callModeWords(f.FilterMode))}`,
    `Blocked: ${numberList(f.BlockedNumbers)}`,
    `Allowed: ${numberList(f.AllowedNumbers)}`,
  ];
  const notes = [
    whitelist
      ? ':warning: Only numbers on the allowed list ring; everyone else is blocked.'
      : f.AllowedNumbers.length > 0
        ? 'In block-list mode the allowed list is informational for calls: it does not stop anyone.'
        : '',
    f.BlockUnknownNumbers
      ? ':warning: Callers not on the allowed list are blocked or sent to voicemail.'
      : '',
    state.calls
      ? ''
      : ':warning: Guardian for calls is off, so this filter does nothing yet (Block… turns it on).',
    state.duplicateCallFilters > 0
      ? `:warning: Telegent lists ${state.duplicateCallFilters + 1} call filters for this line: the first is shown and changed. Ask Telegent support to remove the duplicate.`
      : '',
  ].filter(Boolean);
  return [section(lines.join('\n')), ...(notes.length > 0 ? [context(...notes)] : [])];
}

function textsSection(state: LineProtection): KnownBlock[] {
  const f = state.messageFilter;
  if (!f) return [section('*Texts*\nNo text filter yet: Block… for texts makes one (Active).')];
  const mode = (f.FilterMode ?? '').toUpperCase() as MessageFilterMode;
  const does = TEXT_MODE_WORDS[mode]?.does;
  const lines = [
    `*Texts* · ${escapeMrkdwn(textModeWords(f.FilterMode))}${does ? `: ${escapeMrkdwn(does)}` : ''}`,
    `Blocked: ${numberList(f.BlockedContacts)}`,
    `Allowed: ${numberList(f.AllowedContacts)}`,
  ];
  const notes = [
    f.BlockUnknownNumbers ? ':warning: Senders not on the allowed list are blocked.' : '',
    state.texts
      ? ''
      : ':warning: Guardian for texts is off, so this filter does nothing yet (Block… turns it on).',
    state.duplicateMessageFilters > 0
      ? `:warning: Telegent lists ${state.duplicateMessageFilters + 1} text filters for this line: the first is shown and changed. Ask Telegent support to remove the duplicate.`
      : '',
  ].filter(Boolean);
  return [section(lines.join('\n')), ...(notes.length > 0 ? [context(...notes)] : [])];
}

/** The protection card's blocks: whose line, Guardian's switches, both filters, and what can be done. */
export function protectionCard(args: ProtectionCardArgs): KnownBlock[] {
  const s = args.state;
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    header(`Protection · ${formatPhone(s.phoneNumber)}`),
    section(`Belongs to *${escapeMrkdwn(oneLine(args.subscriberName, 100))}*`),
    fieldsSection([
      ['Guardian for calls', onOff(s.calls)],
      ['Guardian for texts', onOff(s.texts)],
    ]),
    ...callsSection(s),
    ...textsSection(s),
  ];
  if (args.withButtons) {
    blocks.push(
      actions(
        PROTECTION_BUTTONS.map((b) =>
          button({
            text: b.text,
            actionId: ACTION.protectButton(b.action),
            // Text filter… opens on the mode the filter has now.
            ...(b.action === 'text-mode' && s.messageFilter?.FilterMode
              ? { value: s.messageFilter.FilterMode.toUpperCase().slice(0, 20) }
              : {}),
          }),
        ),
        `protect:${s.phoneNumber}`,
      ),
      context(
        'Blocking adds to a block list: everyone not on it still rings and texts. "Only allowed numbers" is its own choice in Allow….',
      ),
    );
  }
  return blocks;
}

/** A line with no subscriber: Guardian is set per subscriber, so there is nothing to show or change yet. */
export function noSubscriberBlocks(phoneNumber: string, sandbox?: boolean): KnownBlock[] {
  const n = escapeMrkdwn(formatPhone(phoneNumber));
  return [
    ...sandboxBlocks(sandbox),
    header(`Protection · ${formatPhone(phoneNumber)}`),
    section(
      `${n} has no subscriber, and AI Guardian is set per subscriber, so nothing can be blocked on it yet.`,
    ),
    context(
      `Bind the customer first: \`/telegent number ${escapeMrkdwn(phoneNumber)}\` → Update… → Subscriber. Then run \`/telegent protect ${escapeMrkdwn(phoneNumber)}\` again.`,
    ),
  ];
}
