import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../log.js';

// xwfp-: a Workflow Builder step's token (function_executed), which Bolt completes the step with.
const TOKEN_PATTERN = /\b(xox[abposer]|xapp|xwfp)-[A-Za-z0-9-]+/g;

// @slack/web-api logs whole request/response bodies at debug level. Those carry message text
// (an ephemeral port-out PIN, modal values), so they never reach our logs, whatever the level.
const DROPPED_DEBUG_PREFIXES = ['http request body', 'http request result', 'http request headers'];

/** Removes anything shaped like a Slack token from a string we are about to log. */
export function scrubTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, '$1-[redacted]');
}

function boltLevelOf(logger: Logger): LogLevel {
  switch (logger.level) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

function toLine(parts: unknown[]): { msg: string; err?: { type: string; message: string; code?: unknown } } {
  const texts: string[] = [];
  let err: { type: string; message: string; code?: unknown } | undefined;
  for (const part of parts) {
    if (part instanceof Error) {
      err = { type: part.name, message: scrubTokens(part.message), code: (part as { code?: unknown }).code };
      texts.push(scrubTokens(part.message));
    } else if (typeof part === 'string') {
      texts.push(scrubTokens(part));
    } else {
      let text: string;
      try {
        text = JSON.stringify(part) ?? String(part);
      } catch {
        text = String(part);
      }
      texts.push(scrubTokens(text));
    }
  }
  return { msg: texts.join(' '), err };
}

/** Bolt's `Logger` interface on top of our pino logger. The level is pino's; Bolt cannot change it. */
export function boltLogger(logger: Logger, name = 'bolt'): BoltLogger {
  const child = logger.child({ component: name });
  const emit = (level: 'debug' | 'info' | 'warn' | 'error', parts: unknown[]) => {
    if (!child.isLevelEnabled(level)) return;
    const first = parts[0];
    if (
      level === 'debug' &&
      typeof first === 'string' &&
      DROPPED_DEBUG_PREFIXES.some((p) => first.startsWith(p))
    )
      return;
    const { msg, err } = toLine(parts);
    if (err) child[level]({ error: err }, msg);
    else child[level](msg);
  };
  return {
    debug: (...parts: unknown[]) => emit('debug', parts),
    info: (...parts: unknown[]) => emit('info', parts),
    warn: (...parts: unknown[]) => emit('warn', parts),
    error: (...parts: unknown[]) => emit('error', parts),
    setLevel: () => {},
    getLevel: () => boltLevelOf(logger),
    setName: () => {},
  };
}
