// A small Block Kit → HTML renderer for the gallery (npm run screens): enough of Slack's look to read every
// surface the app produces as a person would — mrkdwn, mentions, dates, buttons, fields, inputs, modals.
// Not a Slack clone: unknown blocks show as a labelled box, so nothing is silently dropped.

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as the app sends it
type J = any;

const EMOJI: Record<string, string> = {
  hourglass_flowing_sand: '⏳',
  white_check_mark: '✅',
  x: '❌',
  warning: '⚠️',
  key: '🔑',
  test_tube: '🧪',
  bell: '🔔',
  ballot_box_with_check: '☑️',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  information_source: 'ℹ️',
  calendar: '📅',
  mag: '🔍',
  telephone_receiver: '📞',
  iphone: '📱',
  arrows_counterclockwise: '🔄',
  heavy_check_mark: '✔️',
  hourglass: '⌛',
  red_circle: '🔴',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  large_blue_circle: '🔵',
  construction: '🚧',
  clipboard: '📋',
  inbox_tray: '📥',
  outbox_tray: '📤',
  lock: '🔒',
  bar_chart: '📊',
  memo: '📝',
  eyes: '👀',
  rotating_light: '🚨',
  stopwatch: '⏱️',
  wave: '👋',
  tada: '🎉',
  pushpin: '📌',
  zzz: '💤',
  link: '🔗',
  busts_in_silhouette: '👥',
  satellite_antenna: '📡',
  signal_strength: '📶',
  arrow_right: '➡️',
  repeat: '🔁',
  speech_balloon: '💬',
  point_right: '👉',
  gear: '⚙️',
  grey_question: '❔',
  heavy_multiplication_x: '✖️',
  tel: '☎️',
};

export interface RenderNames {
  /** user id → display name (mentions). */
  users?: Record<string, string>;
  /** channel id → name (channel links). */
  channels?: Record<string, string>;
  /** user group id → handle. */
  groups?: Record<string, string>;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Slack's `<!date^epoch^format|fallback>` as a person in New York would see it. */
function slackDate(epoch: number, format: string): string {
  const d = new Date(epoch * 1000);
  const zone = 'America/New_York';
  const part = (o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-US', { timeZone: zone, ...o }).format(d);
  return format
    .replace('{date_short_pretty}', part({ weekday: 'short', month: 'short', day: 'numeric' }))
    .replace('{date_pretty}', part({ month: 'long', day: 'numeric', year: 'numeric' }))
    .replace('{date_short}', part({ month: 'short', day: 'numeric', year: 'numeric' }))
    .replace('{date_long}', part({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }))
    .replace('{date}', part({ month: 'long', day: 'numeric', year: 'numeric' }))
    .replace('{time}', part({ hour: 'numeric', minute: '2-digit' }))
    .replace('{ago}', 'a moment ago');
}

/** Slack mrkdwn (as sent, i.e. with &amp; &lt; &gt; escapes) → HTML. */
export function mrkdwnToHtml(text: string, names: RenderNames = {}): string {
  const tokens: string[] = [];
  // Placeholders in a private-use character: text that is already HTML is not formatted again.
  const keep = (html: string) => `\uE000${tokens.push(html) - 1}\uE001`;
  let s = text;
  // Code first: nothing inside is formatted.
  s = s.replace(/```([\s\S]*?)```/g, (_, code: string) => keep(`<pre>${code}</pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_, code: string) => keep(`<code>${code}</code>`));
  s = s.replace(/<([^<>]+)>/g, (_, inner: string) => {
    const [target, label] = inner.split('|', 2) as [string, string | undefined];
    if (target.startsWith('@')) {
      const id = target.slice(1);
      return keep(`<span class="mention">@${escapeHtml(label ?? names.users?.[id] ?? id)}</span>`);
    }
    if (target.startsWith('#')) {
      const id = target.slice(1);
      return keep(`<span class="mention">#${escapeHtml(label ?? names.channels?.[id] ?? id)}</span>`);
    }
    if (target.startsWith('!subteam^')) {
      const id = target.slice('!subteam^'.length);
      return keep(`<span class="mention">@${escapeHtml(label ?? names.groups?.[id] ?? id)}</span>`);
    }
    if (target.startsWith('!date^')) {
      const [, epoch, format] = target.split('^');
      return keep(`<span class="date">${escapeHtml(slackDate(Number(epoch), format ?? '{date}'))}</span>`);
    }
    if (target.startsWith('!'))
      return keep(`<span class="mention">@${escapeHtml(label ?? target.slice(1))}</span>`);
    return keep(`<a href="#">${label ?? target}</a>`);
  });
  s = s.replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s).,:;!?]|$)/gm, '$1<b>$2</b>');
  s = s.replace(/(^|[\s(])_([^_\n]+)_(?=[\s).,:;!?]|$)/gm, '$1<i>$2</i>');
  s = s.replace(/(^|[\s(])~([^~\n]+)~(?=[\s).,:;!?]|$)/gm, '$1<s>$2</s>');
  s = s.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
  s = s
    .split('\n')
    .map((line) =>
      // A quote line: Slack takes the marker as sent (">") or escaped ("&gt;").
      /^(&gt;|>)/.test(line) ? `<span class="quote">${line.replace(/^(&gt;|>)\s?/, '')}</span>` : line,
    )
    .join('<br>');
  return s.replace(/\uE000(\d+)\uE001/g, (_, i: string) => tokens[Number(i)]!);
}

function textHtml(text: J, names: RenderNames): string {
  if (!text) return '';
  if (typeof text === 'string') return mrkdwnToHtml(text, names);
  if (text.type === 'plain_text') {
    const plain = escapeHtml(String(text.text ?? ''));
    return text.emoji === false ? plain : plain.replace(/:([a-z0-9_+-]+):/g, (w, n: string) => EMOJI[n] ?? w);
  }
  return mrkdwnToHtml(String(text.text ?? ''), names);
}

/** An element's placeholder, or Slack's default for the kind (none for text inputs). */
function placeholderHtml(element: J, names: RenderNames, fallback: string): string {
  const text = textHtml(element.placeholder, names) || escapeHtml(fallback);
  return text ? `<span class="placeholder">${text}</span>` : '&nbsp;';
}

/** A datepicker's YYYY-MM-DD as the picker shows it: "Dec 11, 2026". */
function pickedDay(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

function elementHtml(element: J, names: RenderNames): string {
  switch (element?.type) {
    case 'button': {
      const style = element.style === 'primary' ? ' primary' : element.style === 'danger' ? ' danger' : '';
      return `<span class="button${style}">${textHtml(element.text, names)}</span>`;
    }
    case 'overflow':
      // Slack shows only the "⋯" square: the options open on click.
      return '<span class="button overflow" title="more actions">⋯</span>';
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
    case 'multi_static_select':
    case 'multi_external_select':
    case 'multi_users_select': {
      const chosen = element.initial_option?.text ?? element.initial_options?.[0]?.text;
      return `<span class="select"><span class="value">${chosen ? textHtml(chosen, names) : placeholderHtml(element, names, 'Select an item')}</span><span class="chevron">▾</span></span>`;
    }
    case 'datepicker':
      // A compact dropdown, not a full-width box; the chosen day in words (Slack never shows YYYY-MM-DD).
      return `<span class="select datepicker"><span class="icon">📅</span><span class="value">${element.initial_date ? escapeHtml(pickedDay(String(element.initial_date))) : placeholderHtml(element, names, 'Select a date')}</span><span class="chevron">▾</span></span>`;
    case 'timepicker':
      return `<span class="select datepicker"><span class="icon">🕘</span><span class="value">${element.initial_time ? escapeHtml(String(element.initial_time)) : placeholderHtml(element, names, 'Select time')}</span><span class="chevron">▾</span></span>`;
    case 'plain_text_input':
    case 'email_text_input':
    case 'number_input':
    case 'url_text_input': {
      // An empty input keeps its height (a line of placeholder, or of nothing); a multiline one is taller and
      // keeps the line breaks of its value.
      const value = element.initial_value;
      const cls = element.multiline ? 'textarea' : 'textinput';
      return `<span class="${cls}">${value ? escapeHtml(String(value)) : placeholderHtml(element, names, '')}</span>`;
    }
    case 'radio_buttons':
    case 'checkboxes':
      return (element.options ?? [])
        .map((o: J) => {
          const on =
            element.initial_option?.value === o.value ||
            (element.initial_options ?? []).some((i: J) => i.value === o.value);
          const mark = element.type === 'radio_buttons' ? 'radio' : 'checkbox';
          return `<div class="choice"><span class="${mark}${on ? ' on' : ''}"></span><div>${textHtml(o.text, names)}${o.description ? `<div class="hint">${textHtml(o.description, names)}</div>` : ''}</div></div>`;
        })
        .join('');
    case 'image':
      return `<span class="thumb" title="${escapeHtml(element.alt_text ?? '')}">🖼</span>`;
    case 'mrkdwn':
    case 'plain_text':
      return textHtml(element, names);
    default:
      return `<span class="unknown">[${escapeHtml(String(element?.type))}]</span>`;
  }
}

export function blocksToHtml(blocks: J[] | undefined, names: RenderNames = {}): string {
  return (blocks ?? [])
    .map((block: J) => {
      switch (block.type) {
        case 'header':
          return `<div class="header">${textHtml(block.text, names)}</div>`;
        case 'section': {
          const text = block.text ? `<div class="text">${textHtml(block.text, names)}</div>` : '';
          const fields = block.fields
            ? `<div class="fields">${block.fields.map((f: J) => `<div>${textHtml(f, names)}</div>`).join('')}</div>`
            : '';
          const accessory = block.accessory
            ? `<div class="accessory">${elementHtml(block.accessory, names)}</div>`
            : '';
          return `<div class="section"><div class="main">${text}${fields}</div>${accessory}</div>`;
        }
        case 'context':
          return `<div class="context">${(block.elements ?? [])
            .map((e: J) =>
              // A context image is a small icon beside the text, not a thumbnail.
              e?.type === 'image'
                ? `<span class="icon-image" title="${escapeHtml(e.alt_text ?? '')}"></span>`
                : elementHtml(e, names),
            )
            .join(' ')}</div>`;
        case 'actions':
          return `<div class="actions">${(block.elements ?? []).map((e: J) => elementHtml(e, names)).join('')}</div>`;
        case 'divider':
          return '<hr>';
        case 'input':
          return `<div class="input"><div class="label">${textHtml(block.label, names)}${block.optional ? ' <span class="optional">(optional)</span>' : ''}</div>${elementHtml(block.element, names)}${block.hint ? `<div class="hint">${textHtml(block.hint, names)}</div>` : ''}</div>`;
        case 'rich_text':
          return `<div class="text">${escapeHtml(JSON.stringify(block.elements ?? []).slice(0, 200))}</div>`;
        case 'image':
          // No network for the picture itself: a frame of the image's place, with its title and alt text.
          return `<div class="image-block">${block.title ? `<div class="label">${textHtml(block.title, names)}</div>` : ''}<div class="picture">🖼 ${escapeHtml(block.alt_text ?? '')}</div></div>`;
        default:
          return `<div class="unknown">[${escapeHtml(String(block.type))} block]</div>`;
      }
    })
    .join('\n');
}

const STYLE = `
body { margin: 0; background: #fff; font: 15px/1.46 -apple-system, "Segoe UI", Lato, "Helvetica Neue", Arial, sans-serif; color: #1d1c1d; }
.frame { width: 720px; padding: 16px 20px; box-sizing: border-box; }
.where { font-size: 12px; color: #616061; margin-bottom: 8px; text-transform: uppercase; letter-spacing: .04em; }
.msg { display: flex; gap: 10px; }
.avatar { width: 36px; height: 36px; border-radius: 6px; background: #4a154b; color: #fff; display: flex; align-items: center; justify-content: center; font-weight: 700; flex: none; }
.who { font-weight: 900; } .who .app { font-size: 11px; font-weight: 400; background: #e8e8e8; border-radius: 3px; padding: 1px 4px; margin-left: 4px; color: #616061; }
.who .time { font-weight: 400; color: #616061; font-size: 12px; margin-left: 6px; }
.ephemeral { font-size: 12px; color: #616061; margin-top: 6px; }
.body { flex: 1; min-width: 0; }
.header { font-size: 18px; font-weight: 900; margin: 6px 0; }
.section { display: flex; gap: 12px; margin: 6px 0; } .section .main { flex: 1; min-width: 0; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; margin-top: 4px; }
.context { font-size: 13px; color: #616061; margin: 6px 0; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.button { display: inline-block; border: 1px solid #bbbabb; border-radius: 4px; padding: 3px 12px; font-size: 14px; font-weight: 700; background: #fff; white-space: nowrap; }
.button.primary { background: #007a5a; border-color: #007a5a; color: #fff; } .button.danger { color: #e01e5a; border-color: #e01e5a; }
.select, .textinput, .textarea { display: block; border: 1px solid #bbbabb; border-radius: 4px; padding: 8px 12px; margin-top: 4px; background: #fff; min-height: 1.46em; }
.select { display: flex; align-items: center; gap: 8px; } .select .value { flex: 1; min-width: 0; } .select .chevron { color: #616061; font-size: 12px; }
.select.datepicker { display: inline-flex; min-width: 200px; box-sizing: border-box; } .select.datepicker .value { flex: 1; }
.textarea { min-height: 4.4em; white-space: pre-wrap; } .placeholder { color: #868686; }
.accessory .select { margin-top: 0; }
.input { margin: 12px 0; } .label { font-weight: 700; } .optional { font-weight: 400; color: #616061; }
.hint { font-size: 13px; color: #616061; margin-top: 4px; } .choice { display: flex; gap: 8px; align-items: flex-start; margin: 6px 0; }
.checkbox, .radio { flex: none; width: 14px; height: 14px; margin-top: 3px; border: 1px solid #868686; background: #fff; box-sizing: border-box; }
.checkbox { border-radius: 4px; } .radio { border-radius: 50%; }
.checkbox.on { background: #1264a3; border-color: #1264a3; position: relative; } .checkbox.on::after { content: "✓"; color: #fff; font-size: 11px; font-weight: 900; position: absolute; left: 2px; top: -3px; }
.radio.on { border: 4px solid #1264a3; }
.button.overflow { padding: 3px 8px; letter-spacing: 1px; }
code { font: 12px Monaco, Menlo, monospace; background: #f6f6f6; border: 1px solid #e2e2e2; border-radius: 3px; padding: 1px 3px; color: #e01e5a; }
pre { font: 12px Monaco, Menlo, monospace; background: #f8f8f8; border: 1px solid #e2e2e2; border-radius: 4px; padding: 8px; white-space: pre-wrap; }
.mention { background: #e8f5fa; color: #1264a3; border-radius: 3px; padding: 0 2px; } .date { text-decoration: underline dotted; }
.quote { display: inline-block; border-left: 4px solid #ddd; padding-left: 8px; color: #454245; }
a { color: #1264a3; text-decoration: none; } hr { border: none; border-top: 1px solid #e2e2e2; margin: 10px 0; }
.unknown { color: #a00; font-size: 12px; }
.image-block { margin: 8px 0; } .image-block .picture { display: flex; align-items: center; justify-content: center; height: 180px; max-width: 360px; background: #f4f4f4; border: 1px solid #e2e2e2; border-radius: 8px; color: #616061; font-size: 13px; }
.icon-image { display: inline-block; width: 16px; height: 16px; border-radius: 3px; background: #ddd; vertical-align: -3px; }
.thumb { display: flex; align-items: center; justify-content: center; width: 88px; height: 88px; background: #f4f4f4; border: 1px solid #e2e2e2; border-radius: 8px; font-size: 28px; }
.modal { width: 520px; border: 1px solid #ddd; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.15); }
.modal .title { font-size: 20px; font-weight: 900; padding: 16px 20px; border-bottom: 1px solid #e2e2e2; }
.modal .content { padding: 4px 20px; } .modal .footer { display: flex; justify-content: flex-end; gap: 8px; padding: 12px 20px; border-top: 1px solid #e2e2e2; }
.thread { font-size: 12px; color: #616061; margin: 0 0 6px 46px; }
.home { width: 720px; background: #fff; }
`;

export interface Surface {
  /** File name and title in the gallery. */
  name: string;
  /** What a person sees it as: a channel message, a thread reply, an ephemeral answer, a DM, a modal, App Home. */
  where: string;
  /** 'channel': `payload.messages`, the channel's top-level messages as they read at the end (edits applied). */
  kind: 'message' | 'modal' | 'home' | 'channel';
  payload: J;
  /** Edited in place (chat.update). */
  edited?: boolean;
  /** A reply in a thread. */
  threaded?: boolean;
}

/** One surface as a standalone HTML page. */
export function surfaceToHtml(surface: Surface, names: RenderNames = {}): string {
  const { payload } = surface;
  let inner: string;
  if (surface.kind === 'modal') {
    const close = payload.close ? `<span class="button">${textHtml(payload.close, names)}</span>` : '';
    const submit = payload.submit
      ? `<span class="button primary">${textHtml(payload.submit, names)}</span>`
      : '';
    inner = `<div class="modal"><div class="title">${textHtml(payload.title, names)}</div><div class="content">${blocksToHtml(payload.blocks, names)}</div>${close || submit ? `<div class="footer">${close}${submit}</div>` : ''}</div>`;
  } else if (surface.kind === 'channel') {
    inner = (payload.messages as J[])
      .map(
        (m) =>
          `<div class="msg"><div class="avatar">T</div><div class="body"><div class="who">Telegent Ops<span class="app">APP</span><span class="time">${m.edited ? '(edited)' : ''}</span></div>${m.blocks?.length ? blocksToHtml(m.blocks, names) : `<div class="text">${mrkdwnToHtml(String(m.text ?? ''), names)}</div>`}${m.replies ? `<div class="context">💬 ${m.replies} ${m.replies === 1 ? 'reply' : 'replies'}</div>` : ''}</div></div><hr>`,
      )
      .join('\n');
  } else if (surface.kind === 'home') {
    inner = `<div class="home">${blocksToHtml(payload.blocks, names)}</div>`;
  } else {
    const blocks = payload.blocks?.length
      ? blocksToHtml(payload.blocks, names)
      : `<div class="text">${mrkdwnToHtml(String(payload.text ?? ''), names)}</div>`;
    inner = `${surface.threaded ? '<div class="thread">↳ reply in thread</div>' : ''}<div class="msg"><div class="avatar">T</div><div class="body"><div class="who">Telegent Ops<span class="app">APP</span><span class="time">9:41 AM${surface.edited ? ' (edited)' : ''}</span></div>${blocks}${surface.where.includes('Only visible to you') ? '<div class="ephemeral">👁 Only visible to you</div>' : ''}</div></div>`;
  }
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body><div class="frame"><div class="where">${escapeHtml(surface.where)}</div>${inner}</div></body></html>`;
}
