import type {
  Checkboxes,
  Datepicker,
  ExternalSelect,
  InputBlock,
  NumberInput,
  PlainTextInput,
  PlainTextOption,
  RadioButtons,
  StaticSelect,
} from '@slack/types';
import { option, plain } from '../messages/blocks.js';
import { LIMITS, truncate } from '../messages/limits.js';
import { fieldLabel } from '../operations/field-labels.js';
import {
  DEFAULT_VERIFICATION_METHODS,
  VERIFICATION_FIELD,
} from '../operations/fields/verification-method.js';

/**
 * Input blocks for modal forms. The block_id IS the ops field path (`billingAddress.street1`), which is
 * what `readViewInput` and `errorsForView` rely on; labels and hints come from operations/field-labels.
 */
export interface InputCommon {
  /** Ops field path; becomes the block_id. */
  field: string;
  optional?: boolean | undefined;
  /** Overrides the label from field-labels. */
  label?: string | undefined;
  /** Overrides the hint from field-labels (the expected format). */
  hint?: string | undefined;
}

/** Value `true` of the single option of a boolean checkbox. */
export const CHECKED_VALUE = 'true';

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function inputBlock(common: InputCommon, element: InputBlock['element']): InputBlock {
  const known = fieldLabel(common.field);
  const hint = common.hint ?? capitalise(known.hint);
  return {
    type: 'input',
    block_id: common.field,
    label: plain(common.label ?? known.label, LIMITS.label),
    ...(hint ? { hint: plain(hint, LIMITS.hint) } : {}),
    optional: common.optional ?? false,
    element,
  };
}

const placeholder = (text: string | undefined) =>
  text ? { placeholder: plain(text, LIMITS.placeholder) } : {};

export function textInput(
  options: InputCommon & {
    initial?: string | null | undefined;
    multiline?: boolean;
    maxLength?: number;
    placeholder?: string;
  },
): InputBlock {
  const maxLength = Math.min(options.maxLength ?? LIMITS.initialValue, LIMITS.initialValue);
  const initial = options.initial ? options.initial.slice(0, maxLength) : undefined;
  const element: PlainTextInput = {
    type: 'plain_text_input',
    action_id: options.field,
    ...(options.multiline ? { multiline: true } : {}),
    max_length: maxLength,
    ...(initial ? { initial_value: initial } : {}),
    ...placeholder(options.placeholder),
  };
  return inputBlock(options, element);
}

export interface Choice {
  text: string;
  value: string;
}

function choices(list: readonly Choice[], max: number): PlainTextOption[] {
  return list.slice(0, max).map((c) => option(c.text, c.value));
}

export function selectInput(
  options: InputCommon & { choices: readonly Choice[]; initial?: string | undefined; placeholder?: string },
): InputBlock {
  const opts = choices(options.choices, LIMITS.selectOptions);
  const initial = opts.find((o) => o.value === options.initial);
  const element: StaticSelect = {
    type: 'static_select',
    action_id: options.field,
    options: opts,
    ...(initial ? { initial_option: initial } : {}),
    ...placeholder(options.placeholder ?? 'Choose…'),
  };
  return inputBlock(options, element);
}

export function radioInput(
  options: InputCommon & { choices: readonly Choice[]; initial?: string | undefined },
): InputBlock {
  const opts = choices(options.choices, LIMITS.radioOptions);
  const initial = opts.find((o) => o.value === options.initial);
  const element: RadioButtons = {
    type: 'radio_buttons',
    action_id: options.field,
    options: opts,
    ...(initial ? { initial_option: initial } : {}),
  };
  return inputBlock(options, element);
}

/** A typed-ahead picker fed by `app.options` (action_id routes the options request). */
export function externalSelectInput(
  options: InputCommon & { actionId: string; initial?: Choice | undefined; placeholder?: string },
): InputBlock {
  const element: ExternalSelect = {
    type: 'external_select',
    action_id: options.actionId,
    min_query_length: 0,
    ...(options.initial ? { initial_option: option(options.initial.text, options.initial.value) } : {}),
    ...placeholder(options.placeholder ?? 'Type a name or id…'),
  };
  return inputBlock(options, element);
}

export function dateInput(
  options: InputCommon & { initial?: string | null | undefined; placeholder?: string },
): InputBlock {
  const initial =
    options.initial && /^\d{4}-\d{2}-\d{2}$/.test(options.initial) ? options.initial : undefined;
  const element: Datepicker = {
    type: 'datepicker',
    action_id: options.field,
    ...(initial ? { initial_date: initial } : {}),
    ...placeholder(options.placeholder ?? 'Pick a business day'),
  };
  return inputBlock(options, element);
}

export function numberInput(
  options: InputCommon & { initial?: number | string | null | undefined; min?: number; placeholder?: string },
): InputBlock {
  const initial =
    options.initial !== undefined && options.initial !== null && String(options.initial).trim() !== ''
      ? truncate(String(options.initial), 20)
      : undefined;
  const element: NumberInput = {
    type: 'number_input',
    action_id: options.field,
    is_decimal_allowed: false,
    ...(options.min !== undefined ? { min_value: String(options.min) } : {}),
    ...(initial ? { initial_value: initial } : {}),
    ...placeholder(options.placeholder),
  };
  return inputBlock(options, element);
}

/** One checkbox read back as a boolean by `readViewInput`. */
export function booleanInput(options: InputCommon & { text: string; initial?: boolean }): InputBlock {
  const only = option(options.text, CHECKED_VALUE);
  const element: Checkboxes = {
    type: 'checkboxes',
    action_id: options.field,
    options: [only],
    ...(options.initial ? { initial_options: [only] } : {}),
  };
  return inputBlock({ optional: true, ...options }, element);
}

/** The block id of every request form's "Reason / ticket" input (not an operation field: stored beside it). */
export const REASON_FIELD = 'reason';

/** "Reason / ticket", required on every request form: approvers judge by it, the audit log keeps it. */
export function reasonInput(): InputBlock {
  return textInput({
    field: REASON_FIELD,
    maxLength: 300,
    placeholder: 'e.g. ZD-4821 customer switching from Verizon',
  });
}

/**
 * "How was the customer verified?" on the forms of changes fraudsters use (SIM swap, port-out PIN, cancel line,
 * a new owner or SIM): one of VERIFICATION_METHODS, stored as its label. Optional only where the operation's
 * schema decides from other fields (a number update asks it only for a new subscriber or SIM).
 */
export function verificationInput(
  options: { methods?: readonly string[] | undefined; optional?: boolean; hint?: string } = {},
): InputBlock {
  const methods = options.methods ?? DEFAULT_VERIFICATION_METHODS;
  return selectInput({
    field: VERIFICATION_FIELD,
    optional: options.optional,
    hint: options.hint ?? 'Approvers see it on the card; the audit log and history keep it.',
    choices: methods.map((method) => ({ text: method, value: method })),
    placeholder: 'Choose how you checked…',
  });
}
