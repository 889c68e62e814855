import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** Field names whose values must never reach a log line, at any depth we log. */
export const SECRET_FIELD_NAMES = [
  'token',
  'accessToken',
  'botToken',
  'appToken',
  // A Workflow Builder step's token (function_executed events; Bolt completes the step with it).
  'bot_access_token',
  'functionBotAccessToken',
  'signingSecret',
  'authorization',
  'AccountSecret',
  'accountSecret',
  'PortOutPIN',
  'portOutPin',
  'PortOutPin',
  'CurrentAccountPassword',
  'CurrentAccountNumber',
  'currentAccountPassword',
  'currentAccountNumber',
  'encryptionKey',
  'secrets',
  'password',
  'pin',
] as const;

const redactPaths = SECRET_FIELD_NAMES.flatMap((name) => [name, `*.${name}`, `*.*.${name}`, `*.*.*.${name}`]);

export interface LoggerOptions {
  level?: string;
  /** Where lines go; tests pass a stream that captures them. Defaults to stdout. */
  destination?: DestinationStream;
  name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      name: options.name,
      redact: { paths: redactPaths, censor: '[redacted]' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

/** A logger that writes nowhere: for components constructed without one. */
export const silentLogger: Logger = pino({ level: 'silent' });
