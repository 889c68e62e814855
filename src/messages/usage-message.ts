import type { KnownBlock } from '@slack/types';
import { dataBehaviorWords, formatPhone } from '../operations/glossary.js';
import type { DataUsageInfo, DataUsageSettings } from '../telegent/response-schemas.js';
import { context, fieldsSection, header, type MessagePayload, message, sandboxBlocks } from './blocks.js';
import { escapeMrkdwn, fitItems, LIMITS, oneLine } from './limits.js';
import { describeThresholds } from './thresholds.js';

export interface UsageMessageArgs {
  info: DataUsageInfo;
  settings: DataUsageSettings;
  sandbox?: boolean | undefined;
}

const safe = (v: string | null | undefined, fallback = '—') => (v ? escapeMrkdwn(oneLine(v, 200)) : fallback);

/** `/telegent usage`: used / remaining / current behavior and the configured thresholds, per number. */
export function usageMessage(args: UsageMessageArgs): MessagePayload {
  const settingsByNumber = new Map(args.settings.PhoneNumbers.map((s) => [s.Number, s]));
  const numbers = [
    ...new Set([
      ...args.info.PhoneNumbers.map((i) => i.Number),
      ...args.settings.PhoneNumbers.map((s) => s.Number),
    ]),
  ];
  const infoByNumber = new Map(args.info.PhoneNumbers.map((i) => [i.Number, i]));
  const head: KnownBlock[] = [...sandboxBlocks(args.sandbox), header('Data usage')];
  const body =
    numbers.length === 0
      ? [context('Telegent returned no usage for this number.')]
      : fitItems(
          numbers,
          (n) => {
            const i = infoByNumber.get(n);
            const s = settingsByNumber.get(n);
            const note = i?.StatusMessage ?? s?.StatusMessage;
            return [
              fieldsSection([
                ['Number', safe(formatPhone(n))],
                ['Behavior now', i?.CurrentBehavior ? safe(dataBehaviorWords(i.CurrentBehavior)) : 'unknown'],
                ['Used', safe(i?.Used, 'unknown')],
                ['Remaining', safe(i?.Remaining, 'unknown')],
                ['Thresholds', escapeMrkdwn(describeThresholds(s))],
                ...(note ? ([['Note', safe(note)]] as Array<[string, string]>) : []),
              ]),
            ];
          },
          { maxBlocks: LIMITS.messageBlocks - head.length, maxChars: LIMITS.messageTextBudget },
          (hidden) => context(`…and ${hidden} more number(s) not shown.`),
        );
  const first = numbers[0];
  const firstInfo = first ? infoByNumber.get(first) : undefined;
  const text =
    numbers.length === 1 && first
      ? `Data usage for ${formatPhone(first)}: ${firstInfo?.Used ?? 'unknown'} used, ${firstInfo?.Remaining ?? 'unknown'} remaining`
      : `Data usage for ${numbers.length} number(s)`;
  return message(text, [...head, ...body], args.sandbox);
}
