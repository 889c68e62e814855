import type { KnownBlock, ModalView } from '@slack/types';
import { context, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn, LIMITS, truncate } from '../../messages/limits.js';
import { describeThresholds } from '../../messages/thresholds.js';
import { THROTTLE_SPEEDS, VALUE_UNITS } from '../../operations/fields/data-limits.js';
import { formatPhone } from '../../operations/glossary.js';
import type { DataUsageSettings } from '../../telegent/response-schemas.js';
import { numberInput, selectInput, textInput } from '../inputs.js';
import { modal } from './modal.js';

export interface LimitsModalArgs {
  /** E.164 numbers from the command (editable in the form). */
  numbers: readonly string[];
  /** Current thresholds (pre-fills the form when they are the same for every number). */
  current?: DataUsageSettings | undefined;
  /** JSON chosen by the caller (≤ 3000 characters). */
  metadata: string;
  sandbox?: boolean | undefined;
}

const SPEED_CHOICES = THROTTLE_SPEEDS.map((s) => ({ text: s.replace('-', ' '), value: s }));
const UNIT_CHOICES = VALUE_UNITS.map((u) => ({ text: u, value: u }));

function sharedSettings(current: DataUsageSettings | undefined) {
  const list = current?.PhoneNumbers ?? [];
  const first = list[0];
  if (!first) return undefined;
  const key = (s: typeof first) =>
    JSON.stringify([s.NotifyValue, s.ThrottleValue, s.LimitValue, s.ValueUnit, s.ThrottleSpeed]);
  // Pre-filled only in a unit the form offers (settings made elsewhere in KB or TB are shown, not pre-filled).
  const unit = first.ValueUnit?.toUpperCase();
  const offered = unit === undefined || (VALUE_UNITS as readonly string[]).includes(unit);
  return offered && list.every((s) => key(s) === key(first)) ? first : undefined;
}

/** `/telegent limits <number…>`: notify / throttle / limit thresholds for one or more numbers. */
export function limitsModal(args: LimitsModalArgs): ModalView {
  const shared = sharedSettings(args.current);
  const currentLines = (args.current?.PhoneNumbers ?? []).map(
    (s) => `• ${escapeMrkdwn(formatPhone(s.Number))}: ${escapeMrkdwn(describeThresholds(s))}`,
  );
  const speed =
    shared?.ThrottleSpeed && (THROTTLE_SPEEDS as readonly string[]).includes(shared.ThrottleSpeed)
      ? shared.ThrottleSpeed
      : undefined;
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(
      'Set data thresholds. Warn first, then slow down, then stop: each value larger than the one before. Slowing down also needs a speed.',
    ),
    ...(currentLines.length > 0
      ? [section(truncate(`*Now:*\n${currentLines.join('\n')}`, LIMITS.sectionText))]
      : []),
    textInput({ field: 'numbers', initial: args.numbers.join('\n'), multiline: true, maxLength: 3000 }),
    numberInput({
      field: 'notifyValue',
      initial: shared?.NotifyValue,
      min: 1,
      optional: true,
      hint: 'Usage at which to send a warning (whole number)',
    }),
    numberInput({
      field: 'throttleValue',
      initial: shared?.ThrottleValue,
      min: 1,
      optional: true,
      hint: 'Usage at which to slow the line down (needs a throttle speed)',
    }),
    selectInput({
      field: 'throttleSpeed',
      choices: SPEED_CHOICES,
      initial: speed,
      optional: true,
      hint: 'Needed when you set Throttle at',
    }),
    numberInput({
      field: 'limitValue',
      initial: shared?.LimitValue,
      min: 1,
      hint: 'Usage at which data stops (whole number)',
    }),
    selectInput({
      field: 'valueUnit',
      choices: UNIT_CHOICES,
      initial: shared?.ValueUnit?.toUpperCase() ?? 'MB',
      optional: true,
      hint: '1 GB = 1024 MB',
    }),
    context('A second person approves only if your workspace requires it for data limits.'),
  ];
  return modal({
    callbackId: CALLBACK.form('limits'),
    requestForm: true,
    title: 'Data limits',
    submit: 'Set limits',
    metadata: args.metadata,
    blocks,
  });
}
