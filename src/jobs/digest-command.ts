import { canonicalTimeZone } from './local-time.js';

export type DigestCommand =
  | { action: 'on'; localTime: string; timeZone: string }
  | { action: 'off' }
  | { error: string };

export interface DigestDefaults {
  /** DIGEST_DEFAULT_TIME, 'HH:MM' */
  time: string;
  /** DIGEST_DEFAULT_TZ */
  timeZone: string;
  /** The subscriber's Slack `tz` (users.info), used when the command names none. */
  userTimeZone?: string;
}

const USAGE =
  'Type `/telegent digest on [HH:MM] [time zone]` (e.g. `/telegent digest on 08:30 America/Denver`) or `/telegent digest off`.';

/** 'H:MM' / 'HH:MM' (24 h) or '9am' / '9:30pm' → 'HH:MM'; undefined when it is not a time of day. */
function parseTime(token: string): string | undefined {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(token);
  if (!m || (!m[2] && !m[3])) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  const meridiem = m[3]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const looksLikeTime = (token: string) => /^\d/.test(token);

/**
 * Parses the words after `/telegent digest` (a leading `digest` is tolerated):
 * `on [HH:MM] [IANA tz]` (either order) or `off`. Time defaults to DIGEST_DEFAULT_TIME; the zone to the
 * one given, else the user's Slack zone, else DIGEST_DEFAULT_TZ. Errors say what to type.
 */
export function parseDigestCommand(args: string, defaults: DigestDefaults): DigestCommand {
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  if (tokens[0]?.toLowerCase() === 'digest') tokens.shift();
  const action = tokens.shift()?.toLowerCase();
  if (!action) return { error: `Say whether to turn the daily digest on or off. ${USAGE}` };
  if (action === 'off') {
    if (tokens.length > 0) return { error: `\`off\` takes nothing after it. ${USAGE}` };
    return { action: 'off' };
  }
  if (action !== 'on') return { error: `\`${action}\` is not \`on\` or \`off\`. ${USAGE}` };
  if (tokens.length > 2) return { error: `Too many words after \`on\`. ${USAGE}` };

  let localTime: string | undefined;
  let timeZone: string | undefined;
  for (const token of tokens) {
    if (looksLikeTime(token)) {
      if (localTime) return { error: `Give one time, not two. ${USAGE}` };
      localTime = parseTime(token);
      if (!localTime) {
        return {
          error: `\`${token}\` is not a time of day: use 24-hour HH:MM, e.g. \`09:00\` or \`17:30\`. ${USAGE}`,
        };
      }
    } else {
      if (timeZone) return { error: `Give one time zone, not two. ${USAGE}` };
      timeZone = canonicalTimeZone(token);
      if (!timeZone) {
        return {
          error: `\`${token}\` is not an IANA time zone: use a name like \`America/New_York\`, \`Europe/Berlin\` or \`UTC\`. ${USAGE}`,
        };
      }
    }
  }
  return {
    action: 'on',
    localTime: localTime ?? defaults.time,
    timeZone:
      timeZone ??
      (defaults.userTimeZone ? canonicalTimeZone(defaults.userTimeZone) : undefined) ??
      defaults.timeZone,
  };
}
