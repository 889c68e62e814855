import type { AnyBlock } from '@slack/types';
import { LIMITS, oneLine } from '../messages/limits.js';
import { fieldLabel } from '../operations/field-labels.js';
import { FORM_ERROR_KEY } from '../operations/portin-update.js';
import type { FieldErrors } from '../operations/validation-errors.js';

/** The parts of a `view.state.values` entry we read (Bolt's `ViewStateValue` is assignable to it). */
export interface ViewStateValueLike {
  type: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
}

export type ViewStateValues = Record<string, Record<string, ViewStateValueLike>>;

type Raw = Record<string, unknown>;

function blank(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

function singleOptionCheckboxes(blocks: readonly AnyBlock[] | undefined): Set<string> {
  const ids = new Set<string>();
  for (const block of blocks ?? []) {
    const b = block as { type: string; block_id?: string; element?: { type?: string; options?: unknown[] } };
    if (
      b.type === 'input' &&
      b.block_id &&
      b.element?.type === 'checkboxes' &&
      b.element.options?.length === 1
    )
      ids.add(b.block_id);
  }
  return ids;
}

function readElement(state: ViewStateValueLike, booleanCheckbox: boolean): unknown {
  switch (state.type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return blank(state.value);
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return state.selected_option?.value ?? undefined;
    case 'datepicker':
      return blank(state.selected_date);
    case 'checkboxes': {
      const values = (state.selected_options ?? []).map((o) => o.value);
      if (booleanCheckbox) return values.length > 0;
      return values.length > 0 ? values : undefined;
    }
    case 'multi_static_select':
    case 'multi_external_select': {
      const values = (state.selected_options ?? []).map((o) => o.value);
      return values.length > 0 ? values : undefined;
    }
    default:
      return undefined;
  }
}

function setPath(target: Raw, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Raw;
  }
  node[keys.at(-1) as string] = value;
}

/**
 * `view.state.values` → the raw object an ops schema validates. Block ids are field paths (dotted for
 * nested objects); empty inputs are left out (never `null` or `''`), so optional fields stay absent and
 * an untouched nested group (billing address) does not appear at all.
 *
 * Pass the view's `blocks` so a single-option checkbox reads as a boolean (`false` when unchecked);
 * without them an unchecked box is absent and a checked `true` option reads as `true`.
 */
export function readViewInput(values: ViewStateValues, blocks?: readonly AnyBlock[]): Raw {
  const booleans = singleOptionCheckboxes(blocks);
  const raw: Raw = {};
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    for (const state of Object.values(actions ?? {})) {
      let value = readElement(state, booleans.has(blockId));
      if (!blocks && Array.isArray(value) && value.length === 1 && value[0] === 'true') value = true;
      if (value !== undefined) setPath(raw, blockId, value);
    }
  }
  return raw;
}

function normalise(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value as Raw)
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => [k, normalise(v)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  }
  return value;
}

/**
 * For pre-filled update forms: drops every top-level field whose value is what is stored already, so
 * only real changes are submitted (a nested group such as the billing address counts as one field).
 */
export function dropUnchanged(raw: Raw, stored: Raw | null | undefined): Raw {
  if (!stored) return { ...raw };
  const out: Raw = {};
  for (const [key, value] of Object.entries(raw)) {
    if (JSON.stringify(normalise(value)) !== JSON.stringify(normalise(stored[key]))) out[key] = value;
  }
  return out;
}

function inputBlockIds(view: { blocks: readonly AnyBlock[] }): string[] {
  return view.blocks
    .filter((b): b is AnyBlock & { block_id: string } => b.type === 'input' && typeof b.block_id === 'string')
    .map((b) => b.block_id);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Field errors (from `validateInput`) → the `response_action: 'errors'` map, keyed by block_id.
 * An error lands on its own input; a nested one (`numbers.3`) on its nearest ancestor; a group error
 * (`billingAddress`) on the group's first input; `_form` and fields without an input (e.g. the
 * phone number carried in private_metadata) on the first input of the view, so none is ever dropped.
 */
export function errorsForView(
  fieldErrors: FieldErrors,
  view: { blocks: readonly AnyBlock[] },
): Record<string, string> {
  const ids = inputBlockIds(view);
  const first = ids[0];
  const collected = new Map<string, string[]>();
  const add = (blockId: string, message: string) => {
    const list = collected.get(blockId) ?? [];
    list.push(message);
    collected.set(blockId, list);
  };
  for (const [field, message] of Object.entries(fieldErrors)) {
    if (ids.includes(field)) {
      // The input already shows the label: drop "Label: ".
      const prefix = `${fieldLabel(field).label}: `;
      add(field, capitalise(message.startsWith(prefix) ? message.slice(prefix.length) : message));
      continue;
    }
    const parts = field.split('.');
    let target: string | undefined;
    for (let n = parts.length - 1; n > 0 && !target; n--) {
      const ancestor = parts.slice(0, n).join('.');
      if (ids.includes(ancestor)) target = ancestor;
    }
    if (!target && field !== FORM_ERROR_KEY) target = ids.find((id) => id.startsWith(`${field}.`));
    target ??= first;
    if (target) add(target, message);
  }
  const out: Record<string, string> = {};
  for (const [blockId, messages] of collected) out[blockId] = oneLine(messages.join(' · '), LIMITS.viewError);
  return out;
}
