import type { ModalView } from '@slack/types';
import type { ViewStateValues } from '../../src/views/view-input.js';

// biome-ignore lint/suspicious/noExplicitAny: walking arbitrary Block Kit JSON
type J = any;

/**
 * The `view.state.values` Slack would send when a user leaves pre-filled inputs as they are and types
 * `fill[block_id]` into the others (a string; an array of option values for checkboxes; '' to clear).
 * Throws for a fill key with no input block, so tests cannot silently fill nothing.
 */
/** What a test types into an input; a select may be given the option's text as the user saw it. */
export type FillValue = string | string[] | { value: string; text: string };

export function fillView(view: ModalView, fill: Record<string, FillValue>): ViewStateValues {
  const values: ViewStateValues = {};
  const blocks = view.blocks as J[];
  const inputIds = new Set(blocks.filter((b) => b.type === 'input').map((b) => b.block_id));
  for (const key of Object.keys(fill)) if (!inputIds.has(key)) throw new Error(`no input block ${key}`);
  for (const b of blocks) {
    if (b.type !== 'input') continue;
    const e = b.element;
    const given = fill[b.block_id];
    let state: J;
    switch (e.type) {
      case 'plain_text_input':
      case 'number_input':
        state = {
          type: e.type,
          value: given !== undefined ? (given === '' ? null : given) : (e.initial_value ?? null),
        };
        break;
      case 'static_select':
      case 'radio_buttons':
      case 'external_select': {
        const picked = typeof given === 'object' && !Array.isArray(given) ? given : undefined;
        const value = picked ? picked.value : given !== undefined ? given : e.initial_option?.value;
        const text = picked?.text ?? e.initial_option?.text?.text ?? value;
        state = {
          type: e.type,
          selected_option: value ? { text: { type: 'plain_text', text }, value } : null,
        };
        break;
      }
      case 'datepicker':
        state = {
          type: e.type,
          selected_date: given !== undefined ? given || null : (e.initial_date ?? null),
        };
        break;
      case 'checkboxes': {
        const selected =
          given !== undefined ? (given as string[]) : (e.initial_options ?? []).map((o: J) => o.value);
        state = { type: e.type, selected_options: selected.map((value: string) => ({ value })) };
        break;
      }
      default:
        throw new Error(`fillView: unsupported element ${e.type}`);
    }
    values[b.block_id] = { [e.action_id]: state };
  }
  return values;
}

export function inputIds(view: ModalView): string[] {
  return (view.blocks as J[]).filter((b) => b.type === 'input').map((b) => b.block_id);
}

export function inputBlock(view: ModalView, blockId: string): J {
  return (view.blocks as J[]).find((b) => b.type === 'input' && b.block_id === blockId);
}
