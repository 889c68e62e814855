import { expect } from 'vitest';

/** Slack's Block Kit limits, restated independently of src/views/limits.ts so a wrong constant there fails. */
const L = {
  blocks: { message: 50, modal: 100, home: 100 },
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  contextElements: 10,
  contextText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  actionsElements: 25,
  viewText: 24,
  metadata: 3000,
  placeholder: 150,
  labelHint: 2000,
  optionText: 75,
  optionValue: 150,
  options: 100,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  inputValue: 3000,
  messageTotalText: 12_000,
  fallbackText: 40_000,
};

// biome-ignore lint/suspicious/noExplicitAny: walking arbitrary Block Kit JSON
type J = any;

function text(t: J, max: number, where: string, problems: string[]) {
  if (!t || typeof t.text !== 'string') return problems.push(`${where}: missing text object`);
  if (t.text.length === 0) problems.push(`${where}: empty text`);
  if (t.text.length > max) problems.push(`${where}: text ${t.text.length} > ${max}`);
  if (t.type !== 'plain_text' && t.type !== 'mrkdwn') problems.push(`${where}: text type ${t.type}`);
}

function plainOnly(t: J, max: number, where: string, problems: string[]) {
  text(t, max, where, problems);
  if (t?.type !== 'plain_text') problems.push(`${where}: must be plain_text`);
}

function element(e: J, where: string, problems: string[]) {
  if (e.action_id !== undefined && e.action_id.length > L.id) problems.push(`${where}: action_id too long`);
  if (e.placeholder) plainOnly(e.placeholder, L.placeholder, `${where}.placeholder`, problems);
  if (e.confirm) {
    if (e.confirm.title) plainOnly(e.confirm.title, L.confirmTitle, `${where}.confirm.title`, problems);
    text(e.confirm.text, L.confirmText, `${where}.confirm.text`, problems);
    if (e.confirm.confirm)
      plainOnly(e.confirm.confirm, L.confirmButton, `${where}.confirm.confirm`, problems);
    if (e.confirm.deny) plainOnly(e.confirm.deny, L.confirmButton, `${where}.confirm.deny`, problems);
  }
  switch (e.type) {
    case 'button':
      plainOnly(e.text, L.buttonText, `${where}.text`, problems);
      if (e.value !== undefined && e.value.length > L.buttonValue)
        problems.push(`${where}: value ${e.value.length}`);
      break;
    case 'static_select':
    case 'radio_buttons':
    case 'checkboxes': {
      const max = e.type === 'static_select' ? L.options : 10;
      if (!Array.isArray(e.options) || e.options.length === 0 || e.options.length > max)
        problems.push(`${where}: ${e.options?.length} options`);
      for (const [i, o] of (e.options ?? []).entries()) {
        text(o.text, L.optionText, `${where}.options[${i}]`, problems);
        if (o.value.length > L.optionValue) problems.push(`${where}.options[${i}]: value too long`);
      }
      const values = new Set((e.options ?? []).map((o: J) => o.value));
      if (e.initial_option && !values.has(e.initial_option.value))
        problems.push(`${where}: initial_option not in options`);
      for (const o of e.initial_options ?? [])
        if (!values.has(o.value)) problems.push(`${where}: initial_options not in options`);
      break;
    }
    case 'external_select':
      if (e.initial_option) text(e.initial_option.text, L.optionText, `${where}.initial_option`, problems);
      break;
    case 'plain_text_input': {
      const max = e.max_length ?? L.inputValue;
      if (max > L.inputValue) problems.push(`${where}: max_length ${max}`);
      if (e.initial_value !== undefined && (e.initial_value.length > max || e.initial_value === ''))
        problems.push(`${where}: initial_value length ${e.initial_value.length}`);
      break;
    }
    case 'number_input':
      if (typeof e.is_decimal_allowed !== 'boolean') problems.push(`${where}: is_decimal_allowed required`);
      if (e.initial_value !== undefined && !/^-?\d+(\.\d+)?$/.test(e.initial_value))
        problems.push(`${where}: bad initial_value`);
      break;
    case 'overflow':
      // Slack: 1–5 options (docs.slack.dev, overflow menu element).
      if (!Array.isArray(e.options) || e.options.length === 0 || e.options.length > 5)
        problems.push(`${where}: ${e.options?.length} overflow options`);
      for (const [i, o] of (e.options ?? []).entries()) {
        text(o.text, L.optionText, `${where}.options[${i}]`, problems);
        if (o.value.length > L.optionValue) problems.push(`${where}.options[${i}]: value too long`);
      }
      break;
    case 'datepicker':
      if (e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(e.initial_date))
        problems.push(`${where}: bad initial_date`);
      break;
    default:
      problems.push(`${where}: unexpected element ${e.type}`);
  }
}

export function blockProblems(blocks: J[], max: number): string[] {
  const problems: string[] = [];
  if (blocks.length > max) problems.push(`${blocks.length} blocks > ${max}`);
  const blockIds = new Set<string>();
  for (const [i, b] of blocks.entries()) {
    const where = `blocks[${i}](${b.type})`;
    if (b.block_id !== undefined) {
      if (b.block_id.length > L.id) problems.push(`${where}: block_id too long`);
      if (blockIds.has(b.block_id)) problems.push(`${where}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'section':
        if (!b.text && !b.fields) problems.push(`${where}: no text or fields`);
        if (b.text) text(b.text, L.sectionText, where, problems);
        if (b.fields) {
          if (b.fields.length > L.fields) problems.push(`${where}: ${b.fields.length} fields`);
          for (const [k, f] of b.fields.entries()) text(f, L.fieldText, `${where}.fields[${k}]`, problems);
        }
        if (b.accessory) element(b.accessory, `${where}.accessory`, problems);
        break;
      case 'header':
        plainOnly(b.text, L.headerText, where, problems);
        break;
      case 'context':
        if (!b.elements?.length || b.elements.length > L.contextElements)
          problems.push(`${where}: ${b.elements?.length} elements`);
        for (const [k, e] of (b.elements ?? []).entries())
          text(e, L.contextText, `${where}.elements[${k}]`, problems);
        break;
      case 'actions': {
        if (!b.elements?.length || b.elements.length > L.actionsElements)
          problems.push(`${where}: ${b.elements?.length} elements`);
        const ids = b.elements.map((e: J) => e.action_id);
        if (new Set(ids).size !== ids.length) problems.push(`${where}: duplicate action_id in one block`);
        for (const [k, e] of b.elements.entries()) element(e, `${where}.elements[${k}]`, problems);
        break;
      }
      case 'input':
        plainOnly(b.label, L.labelHint, `${where}.label`, problems);
        if (b.hint) plainOnly(b.hint, L.labelHint, `${where}.hint`, problems);
        element(b.element, `${where}.element`, problems);
        break;
      case 'divider':
        break;
      default:
        problems.push(`${where}: unexpected block type`);
    }
  }
  return problems;
}

function totalText(value: J, key?: string): number {
  if (typeof value === 'string') return key === 'text' ? value.length : 0;
  if (Array.isArray(value)) return value.reduce((n, v) => n + totalText(v), 0);
  if (value && typeof value === 'object')
    return Object.entries(value).reduce((n, [k, v]) => n + totalText(v, k), 0);
  return 0;
}

/** Every Slack limit we know for a message `{ text, blocks }`, a modal, or a Home view. */
export function slackLimitProblems(payload: J): string[] {
  if (payload.type === 'modal' || payload.type === 'home') {
    const problems = blockProblems(payload.blocks, L.blocks[payload.type as 'modal' | 'home']);
    if (payload.type === 'modal') {
      plainOnly(payload.title, L.viewText, 'title', problems);
      if (payload.submit) plainOnly(payload.submit, L.viewText, 'submit', problems);
      if (payload.close) plainOnly(payload.close, L.viewText, 'close', problems);
      if (!payload.submit && payload.blocks.some((b: J) => b.type === 'input'))
        problems.push('inputs without submit');
    }
    if ((payload.private_metadata ?? '').length > L.metadata) problems.push('private_metadata too long');
    if ((payload.callback_id ?? '').length > L.id) problems.push('callback_id too long');
    return problems;
  }
  const problems = blockProblems(payload.blocks, L.blocks.message);
  if (typeof payload.text !== 'string' || payload.text.length === 0 || payload.text.length > L.fallbackText)
    problems.push('bad fallback text');
  const total = totalText(payload.blocks);
  if (total > L.messageTotalText) problems.push(`cumulative block text ${total} > ${L.messageTotalText}`);
  return problems;
}

export function assertWithinSlackLimits(payload: J): void {
  expect(slackLimitProblems(payload)).toEqual([]);
}
