import type { KnownBlock } from '@slack/types';

/**
 * Slack's Block Kit limits (docs.slack.dev block, element and view references). Exceeding any of them
 * makes Slack reject the whole message or view (`invalid_blocks`), so every builder goes through these.
 */
export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  homeBlocks: 100,
  /** Section `text`, and the `text` of a plain message (Slack truncates the fallback beyond 40k; keep it short). */
  sectionText: 3000,
  sectionFieldText: 2000,
  sectionFields: 10,
  contextElements: 10,
  contextText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  placeholder: 150,
  label: 2000,
  hint: 2000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  radioOptions: 10,
  checkboxOptions: 10,
  initialValue: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Fallback `text` of a message: notifications only need a line. */
  notificationText: 3000,
  /**
   * Slack documents no limit for `response_action: errors` messages; they render as one red line under
   * the input. Kept short so an over-long message can never make Slack refuse the ack (losing every error).
   */
  viewError: 150,
  /**
   * Undocumented cumulative text limit of a message's blocks (`msg_blocks_too_long`, ~12,000 characters,
   * bolt-js #2509/#2867). Kept well under it.
   */
  messageTextBudget: 10_000,
} as const;

const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` characters, ending with an ellipsis when cut. Never splits a surrogate
 * pair, a mrkdwn entity (`&amp;`) or a Slack token (`<@U123>`, `<https://…|label>`).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && amp >= cut.length - 5 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf('<');
  if (open >= 0 && open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/** Escapes user-provided text for mrkdwn: `&`, `<` and `>` (Slack's three control characters). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes then truncates: the usual way to put untrusted text into a mrkdwn field. */
export function safeMrkdwn(text: string, max: number): string {
  return truncate(escapeMrkdwn(text), max);
}

/** One line of plain text (newlines collapsed), cut to `max`. */
export function oneLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

/** All text a block carries (for the cumulative message budget). */
export function blockTextLength(block: KnownBlock): number {
  let total = 0;
  const walk = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      if (key === 'text') total += value.length;
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(block);
  return total;
}

export interface FitOptions {
  /** Maximum number of blocks in the result, the "more" line included. */
  maxBlocks: number;
  /** Maximum cumulative text (see `LIMITS.messageTextBudget`); unlimited when absent. */
  maxChars?: number | undefined;
}

/**
 * Renders items until the next one would not fit, then adds one "and N more" block built by `more`.
 * Every item's blocks stay together (never half an item).
 */
export function fitItems<T>(
  items: readonly T[],
  render: (item: T, index: number) => KnownBlock[],
  options: FitOptions,
  more: (hidden: number) => KnownBlock,
): KnownBlock[] {
  const out: KnownBlock[] = [];
  if (options.maxBlocks <= 0) return out;
  let chars = 0;
  for (let i = 0; i < items.length; i++) {
    const blocks = render(items[i] as T, i);
    const size = blocks.reduce((n, b) => n + blockTextLength(b), 0);
    const isLast = i === items.length - 1;
    const reserve = isLast ? 0 : 1;
    const fitsBlocks = out.length + blocks.length + reserve <= options.maxBlocks;
    const fitsChars = options.maxChars === undefined || chars + size + (isLast ? 0 : 200) <= options.maxChars;
    if (!fitsBlocks || !fitsChars) {
      if (out.length < options.maxBlocks) out.push(more(items.length - i));
      else out[out.length - 1] = more(items.length - i);
      return out;
    }
    out.push(...blocks);
    chars += size;
  }
  return out;
}

/** Keeps at most `max` blocks; when cut, the last kept one is replaced by a context line from `moreText`. */
export function fitBlocks(
  blocks: readonly KnownBlock[],
  max: number,
  moreText: (hidden: number) => string,
): KnownBlock[] {
  if (blocks.length <= max) return [...blocks];
  const kept = blocks.slice(0, Math.max(0, max - 1));
  const hidden = blocks.length - kept.length;
  return [
    ...kept,
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(moreText(hidden), LIMITS.contextText) }] },
  ];
}
