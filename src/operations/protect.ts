import { formatPhone } from './glossary.js';
import { type LineProtection, readLineProtection } from './guardian-line.js';
import { channelWords, TEXT_MODE_WORDS } from './guardian-words.js';
import { defineOperation, type OpContext, type Reconciliation } from './operation.js';
import { protectIsFree } from './protect-free.js';
import {
  ONLY_ALLOWED_WARNING,
  type ProtectAction,
  type ProtectInput,
  type ProtectResult,
  protectSchema,
  type UnblockLists,
} from './protect-input.js';
import { refuseAnotherOwner } from './protect-owner.js';
import { settled } from './protect-settled.js';
import { RUN } from './protect-steps.js';
import { listNumbers, plural } from './summary-format.js';

const ACTION_WORDS: Record<ProtectAction, string> = {
  block: 'Block',
  unblock: 'Unblock',
  allow: 'Allow',
  'text-mode': 'Text filter',
};

/** The read-back after the change; a read that fails does not undo what was done (the card is read again). */
async function readBack(ctx: OpContext, input: ProtectInput): Promise<LineProtection | undefined> {
  return readLineProtection(ctx, input.phoneNumber, input.subscriberId).catch(() => undefined);
}

const UNBLOCK_WORDS: Record<UnblockLists, string> = {
  blocked: '',
  allowed: ' (off the allowed list)',
  both: ' (off the blocked and allowed lists)',
};

/** "; everyone else blocked: only numbers on the allowed list will ring (or text)", or nothing. */
function everyoneElseWords(input: ProtectInput): string {
  if (input.action !== 'allow') return '';
  if (input.everyoneElse === 'blocked') return `; everyone else blocked: ${ONLY_ALLOWED_WARNING}`;
  if (input.everyoneElse === 'through') return '; everyone else gets through again';
  return '';
}

const VERB: Record<ProtectAction, string> = {
  block: 'blocked',
  unblock: 'unblocked',
  allow: 'allowed',
  'text-mode': 'set',
};

/**
 * AI Guardian on one line (`/telegent protect`, Protect… on the cards): block, unblock or allow numbers for calls,
 * texts or both, or set the text filter's mode. One call filter and one message filter per (subscriber, line):
 * found and added to, created only when none exists, never re-created. Blocking never switches a line to an
 * allow list or "block unknown numbers": those would silence every caller not listed.
 */
export const protect = defineOperation<ProtectInput, ProtectResult, ProtectInput>({
  kind: 'protect',
  title: 'Protect line',
  mutates: true,
  needsApproval: false,
  secretFields: [],
  schema: protectSchema,
  preconditions: (ctx, input) => protectIsFree(ctx, input.phoneNumber),
  summary(input) {
    const line = formatPhone(input.phoneNumber);
    if (input.action === 'text-mode')
      return `Set the text filter of ${line} to ${TEXT_MODE_WORDS[input.textMode ?? 'ACTIVE'].name}`;
    const numbers = input.callers ?? [];
    const count = numbers.length > 1 ? ` (${plural(numbers.length, 'number')})` : '';
    const channels = input.channels ? channelWords(input.channels) : 'calls and texts';
    const off =
      input.action === 'unblock' && input.lists && input.lists !== 'blocked'
        ? UNBLOCK_WORDS[input.lists]
        : '';
    return `${ACTION_WORDS[input.action]} ${listNumbers(numbers)}${count} on ${line} for ${channels}${off}${everyoneElseWords(input)}`;
  },
  facts(input) {
    const rows: Array<[string, string]> = [
      ['Line', formatPhone(input.phoneNumber)],
      ['Change', ACTION_WORDS[input.action]],
    ];
    if (input.action === 'text-mode')
      return [...rows, ['Text filter', TEXT_MODE_WORDS[input.textMode ?? 'ACTIVE'].name]];
    return [
      ...rows,
      ['Numbers', listNumbers(input.callers ?? [], 10)],
      ['For', channelWords(input.channels ?? 'both')],
      ...(everyoneElseWords(input)
        ? [['Everyone else', everyoneElseWords(input).replace(/^; everyone else /, '')] as [string, string]]
        : []),
    ];
  },
  toTelegent: (input) => input,
  async execute(ctx, input) {
    await refuseAnotherOwner(ctx, input.phoneNumber, input.subscriberId);
    const before = await readLineProtection(ctx, input.phoneNumber, input.subscriberId);
    const steps = await RUN[input.action](ctx, input, before);
    return { steps, after: await readBack(ctx, input) };
  },
  /** Reads the filters back: what is already as asked is not asked again (never added twice). */
  async reconcile(ctx, input): Promise<Reconciliation> {
    const state = await readLineProtection(ctx, input.phoneNumber, input.subscriberId);
    const checked = 'AI Guardian filters';
    if (input.action === 'text-mode') {
      const mode = input.textMode ?? 'ACTIVE';
      const done = (state.messageFilter?.FilterMode ?? '').toUpperCase() === mode;
      return {
        checked,
        found: Boolean(state.messageFilter),
        number: input.phoneNumber,
        resolved: done,
        detail: done
          ? `The text filter of ${formatPhone(input.phoneNumber)} is ${TEXT_MODE_WORDS[mode].name}: the change went through.`
          : `The text filter of ${formatPhone(input.phoneNumber)} is not ${TEXT_MODE_WORDS[mode].name}. Open \`/telegent protect ${input.phoneNumber}\` and set it again.`,
      };
    }
    const { done, notDone, everyoneElse } = settled(input, state);
    const verb = VERB[input.action];
    const line = formatPhone(input.phoneNumber);
    const again = `Open \`/telegent protect ${input.phoneNumber}\` and do it again`;
    return {
      checked,
      found: done.length > 0,
      number: input.phoneNumber,
      resolved: notDone.length === 0 && everyoneElse,
      detail:
        notDone.length > 0
          ? `Telegent does not show ${listNumbers(notDone)} ${verb} on ${line}. ${again} for those.`
          : everyoneElse
            ? `Telegent shows ${listNumbers(done)} ${verb} on ${line}: the change went through.`
            : `Telegent shows ${listNumbers(done)} ${verb} on ${line}, but not the change for everyone else. ${again}.`,
    };
  },
});
