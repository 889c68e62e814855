export type SlackRequestKind = 'command' | 'action' | 'view' | 'options' | 'event' | 'shortcut' | 'other';

/** What kind of Slack request a parsed body is (as Bolt sees it: form fields or the `payload` JSON). */
export function slackRequestKind(body: unknown): SlackRequestKind {
  if (!body || typeof body !== 'object') return 'other';
  const b = body as Record<string, unknown>;
  if (typeof b.command === 'string') return 'command';
  switch (b.type) {
    case 'block_actions':
    case 'interactive_message':
      return 'action';
    case 'view_submission':
    case 'view_closed':
      return 'view';
    case 'block_suggestion':
    case 'dialog_suggestion':
      return 'options';
    case 'event_callback':
      return 'event';
    case 'shortcut':
    case 'message_action':
      return 'shortcut';
    default:
      return 'other';
  }
}

/** Parses a raw HTTP body the way Bolt does (JSON, or form fields with an optional `payload` JSON). */
export function parseRawSlackBody(raw: string, contentType: string | undefined): unknown {
  try {
    if (contentType?.includes('application/json')) return JSON.parse(raw);
    const form = new URLSearchParams(raw);
    const payload = form.get('payload');
    if (payload !== null) return JSON.parse(payload);
    return Object.fromEntries(form);
  } catch {
    return undefined;
  }
}
