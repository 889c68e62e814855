import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ConfirmationDialog,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';
import { dayWords } from '../operations/glossary.js';
import { escapeMrkdwn, LIMITS, oneLine, safeMrkdwn, truncate } from './limits.js';

/** The `{ text, blocks }` every message builder returns (`text` is the notification fallback). */
export interface MessagePayload {
  text: string;
  blocks: KnownBlock[];
}

export function plain(text: string, max: number = LIMITS.sectionText): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) || ' ', emoji: true };
}

/** Mrkdwn text that is already escaped/trusted, cut to `max`. */
export function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(text, max) || ' ' };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(oneLine(text, LIMITS.headerText), LIMITS.headerText) };
}

export function section(text: string, extra: Partial<SectionBlock> = {}): SectionBlock {
  return { type: 'section', text: mrkdwn(text), ...extra };
}

/** A section with up to 10 label/value fields; `fields` values must already be mrkdwn-safe. */
export function fieldsSection(fields: ReadonlyArray<readonly [string, string]>): SectionBlock {
  return {
    type: 'section',
    fields: fields
      .slice(0, LIMITS.sectionFields)
      .map(([label, value]) => mrkdwn(`*${label}*\n${value}`, LIMITS.sectionFieldText)),
  };
}

export function context(...texts: string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t, LIMITS.contextText)),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export interface ButtonOptions {
  text: string;
  actionId: string;
  value?: string | undefined;
  style?: 'primary' | 'danger' | undefined;
  confirm?: ConfirmationDialog | undefined;
}

export function button(options: ButtonOptions): Button {
  if (options.value !== undefined && options.value.length > LIMITS.buttonValue) {
    // A cut value would be unparseable: builders must keep values small.
    throw new RangeError(`button value over ${LIMITS.buttonValue} characters (${options.actionId})`);
  }
  return {
    type: 'button',
    text: plain(oneLine(options.text, LIMITS.buttonText), LIMITS.buttonText),
    action_id: options.actionId,
    ...(options.value !== undefined ? { value: options.value } : {}),
    ...(options.style ? { style: options.style } : {}),
    ...(options.confirm ? { confirm: options.confirm } : {}),
  };
}

export function actions(elements: ActionsBlockElement[], blockId?: string): ActionsBlock {
  return {
    type: 'actions',
    ...(blockId ? { block_id: truncate(blockId, LIMITS.blockId) } : {}),
    elements: elements.slice(0, LIMITS.actionsElements),
  };
}

export function confirmDialog(options: {
  title: string;
  text: string;
  confirm: string;
  deny?: string;
  danger?: boolean;
}): ConfirmationDialog {
  return {
    title: plain(options.title, LIMITS.confirmTitle),
    text: plain(options.text, LIMITS.confirmText),
    confirm: plain(options.confirm, LIMITS.confirmButton),
    deny: plain(options.deny ?? 'Go back', LIMITS.confirmButton),
    ...(options.danger ? { style: 'danger' as const } : {}),
  };
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, LIMITS.optionText), value: truncate(value, LIMITS.optionValue) };
}

/** The SANDBOX marker for everything that shows the Telegent backend. */
export function sandboxBlocks(sandbox: boolean | undefined): KnownBlock[] {
  return sandbox ? [context(':test_tube: *SANDBOX*: simulated Telegent, no real numbers change')] : [];
}

export function sandboxPrefix(sandbox: boolean | undefined): string {
  return sandbox ? '[SANDBOX] ' : '';
}

/**
 * A link to a message (an order's thread): Slack's archive URL opens it in the reader's workspace. Plain
 * `label` when the message is not known (never posted).
 */
export function messageLink(channelId: string, ts: string | null | undefined, label: string): string {
  if (!ts || !/^\d+\.\d+$/.test(ts) || !/^[CGD][A-Z0-9]+$/.test(channelId)) return label;
  return `<https://slack.com/archives/${channelId}/p${ts.replace('.', '')}|${label}>`;
}

/** A Slack user mention, or a safe fallback for ids that do not look like user ids. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/**
 * The fallback of a Slack date token, for clients that cannot render one: the calendar day only ("Tue, Dec 1"),
 * since a clock time without the reader's zone would mislead.
 */
function fallbackDay(date: Date): string {
  return dayWords(date.toISOString().slice(0, 10));
}

/** Slack date token: "Today 6:43 PM" / "Dec 1 6:43 PM" in the reader's own time zone (one format everywhere). */
export function slackDate(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{date_short_pretty} {time}|${fallbackDay(date)}>`;
}

/**
 * Finalises a message: the fallback text (raw, it is escaped here: it may carry user input and Slack
 * formats it as mrkdwn in notifications) cut to size, with the SANDBOX prefix.
 */
export function message(text: string, blocks: KnownBlock[], sandbox?: boolean): MessagePayload {
  return {
    text: safeMrkdwn(
      oneLine(`${sandboxPrefix(sandbox)}${text}`, LIMITS.notificationText),
      LIMITS.notificationText,
    ),
    blocks,
  };
}

/** One mrkdwn sentence as a whole message (the same text as fallback and as its single section). */
export function sentenceMessage(text: string): MessagePayload {
  return { text, blocks: [section(text)] };
}

/** Slack time token: "6:43 PM" in the reader's own time zone (for a time on a day the text already names). */
export function slackTime(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{time}|${fallbackDay(date)}>`;
}
