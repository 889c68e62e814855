import type { KnownBlock, ModalView } from '@slack/types';
import { context, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn, oneLine } from '../../messages/limits.js';
import { MAX_GUARDIAN_NUMBERS } from '../../operations/fields/guardian-numbers.js';
import { formatPhone } from '../../operations/glossary.js';
import { TEXT_MODE_WORDS } from '../../operations/guardian-words.js';
import { ONLY_ALLOWED_WARNING, type ProtectAction } from '../../operations/protect-input.js';
import { MESSAGE_FILTER_MODES } from '../../telegent/guardian-api.js';
import { radioInput, textInput } from '../inputs.js';
import { modal } from './modal.js';

export interface ProtectModalArgs {
  action: ProtectAction;
  phoneNumber: string;
  /** Whose line (the card's words). */
  customer?: string | undefined;
  /** Text filter…: the mode the filter has now (pre-selected). */
  currentTextMode?: string | undefined;
  /** JSON chosen by the caller (the line, its subscriber, the channel and the card's view). */
  metadata: string;
  sandbox?: boolean | undefined;
}

const CHANNEL_CHOICES = [
  { text: 'Calls', value: 'calls' },
  { text: 'Texts', value: 'texts' },
  { text: 'Calls and texts', value: 'both' },
];

/** Per action: the title, the submit word, what the form says first, and the numbers input's label. */
const FORMS: Record<
  Exclude<ProtectAction, 'text-mode'>,
  { title: string; submit: string; intro: string; numbers: string; note?: string }
> = {
  block: {
    title: 'Block numbers',
    submit: 'Block',
    intro:
      'Calls and texts from these numbers are rejected or silently dropped. Guardian is turned on for what you choose if it is off; the line keeps its block list, so everyone else still gets through.',
    numbers: 'Numbers to block',
  },
  unblock: {
    title: 'Unblock numbers',
    submit: 'Unblock',
    intro:
      'These numbers come off the blocked lists (or the allowed lists, if you choose); nothing else on the filter changes.',
    numbers: 'Numbers to unblock',
  },
  allow: {
    title: 'Allow numbers',
    submit: 'Allow',
    intro: 'These numbers go on the allowed lists.',
    numbers: 'Numbers to allow',
    note: 'For calls, while the line uses a block list (the usual), the allowed list is informational: it lets no one through who was blocked and stops no one else. For texts, allowed senders skip every content check (keywords, links, media).',
  },
};

function textModeModal(args: ProtectModalArgs, line: string): ModalView {
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(`How the text filter of *${line}* treats texts.`),
    radioInput({
      field: 'textMode',
      label: 'Text filter',
      hint: 'Guardian for texts is turned on for Active and Monitor only if it is off.',
      initial: args.currentTextMode,
      choices: MESSAGE_FILTER_MODES.map((mode) => ({
        text: `${TEXT_MODE_WORDS[mode].name}: ${TEXT_MODE_WORDS[mode].does}`,
        value: mode,
      })),
    }),
  ];
  return modal({
    callbackId: CALLBACK.protectForm('text-mode'),
    requestForm: true,
    title: 'Text filter',
    submit: 'Save',
    metadata: args.metadata,
    blocks,
  });
}

/** The Guardian forms pushed over the protection card: Block…, Unblock…, Allow…, Text filter…. */
export function protectModal(args: ProtectModalArgs): ModalView {
  const who = args.customer ? ` (${escapeMrkdwn(oneLine(args.customer, 80))})` : '';
  const line = `${escapeMrkdwn(formatPhone(args.phoneNumber))}${who}`;
  if (args.action === 'text-mode') return textModeModal(args, line);
  const form = FORMS[args.action];
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(`*${line}*\n${form.intro}`),
    textInput({
      field: 'callers',
      label: form.numbers,
      multiline: true,
      maxLength: 3000,
      hint: `Up to ${MAX_GUARDIAN_NUMBERS}, separated by spaces, commas or new lines, e.g. +1 801 555 9999, (801) 555-9998`,
      placeholder: '+1 801 555 9999',
    }),
    radioInput({ field: 'channels', label: 'For', choices: CHANNEL_CHOICES, initial: 'calls' }),
    ...(form.note ? [context(form.note)] : []),
    ...(args.action === 'unblock'
      ? [
          radioInput({
            field: 'lists',
            label: 'Take them off',
            initial: 'blocked',
            choices: [
              { text: 'The blocked list', value: 'blocked' },
              { text: 'The allowed list', value: 'allowed' },
              { text: 'Both lists', value: 'both' },
            ],
          }),
        ]
      : []),
    // Allow only: its own explicit choice, behind the warning; never a side effect of blocking or allowing.
    ...(args.action === 'allow'
      ? [
          radioInput({
            field: 'everyoneElse',
            label: 'Everyone not on the allowed list',
            hint: `Blocked means ${ONLY_ALLOWED_WARNING}: everyone else is turned away.`,
            initial: 'keep',
            choices: [
              { text: 'Keep as it is', value: 'keep' },
              { text: `Blocked: ${ONLY_ALLOWED_WARNING}`, value: 'blocked' },
              { text: 'Gets through (a block list, the usual)', value: 'through' },
            ],
          }),
        ]
      : []),
  ];
  return modal({
    callbackId: CALLBACK.protectForm(args.action),
    requestForm: true,
    title: form.title,
    submit: form.submit,
    metadata: args.metadata,
    blocks,
  });
}
