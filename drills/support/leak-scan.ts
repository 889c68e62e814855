/**
 * Leak scan shared by every drill: no secret used in a drill may appear in any app log line or any body the
 * app sent to Slack (Web API calls and response_url posts: messages, modals, error texts). The only allowed
 * place for a secret is a `chat.postMessage` to its `allowedChannel` (the PIN's one DM to its requester,
 * channel `D<userId>` in the fake Slack).
 *
 *   const scan = scanForLeaks({ secrets, logLines: apps.flatMap((a) => a.lines.map((l) => l.text)),
 *                               slackCalls: fake.calls });
 *   if (scan.leaks.length) …  // each leak names the secret's label and where, never the value
 */
import type { FakeSlackCall } from '../../test/support/fake-slack.js';
import type { DrillRecorder } from './report.js';

export interface Secret {
  /** What it is ("port-out PIN", "Slack bot token"): printed instead of the value. */
  label: string;
  value: string;
  /** A Slack channel where a chat.postMessage may carry it (e.g. `D<requester>` for the PIN). */
  allowedChannel?: string;
}

export interface Leak {
  secret: string;
  /** "log line 12 of A", "chat.postMessage to C0… (call 31)", … */
  where: string;
}

export interface LeakScan {
  secretsChecked: number;
  logLinesScanned: number;
  slackCallsScanned: number;
  /** Times a secret appeared where it is allowed (the PIN DM). */
  allowedAppearances: number;
  leaks: Leak[];
}

/** JWT-looking strings (Telegent tokens are HS256 JWTs: header.payload.signature, base64url). */
export const JWT_PATTERN = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;

export interface LeakScanInput {
  secrets: Secret[];
  /** Log lines, optionally labelled by source (`{ source: 'A', text }`). */
  logLines: (string | { source: string; text: string })[];
  slackCalls: FakeSlackCall[];
  /** Also flag any JWT-looking string (default true). */
  jwtPattern?: boolean;
}

/** Secrets shorter than this are refused: they would match by chance (timestamps, ids). */
export const MIN_SECRET_LENGTH = 6;

export function scanForLeaks(input: LeakScanInput): LeakScan {
  const secrets = input.secrets.filter((s) => s.value);
  for (const s of secrets) {
    if (s.value.length < MIN_SECRET_LENGTH) {
      throw new Error(`leak scan: secret "${s.label}" is shorter than ${MIN_SECRET_LENGTH} characters`);
    }
  }
  const leaks: Leak[] = [];
  let allowedAppearances = 0;
  const checkJwt = input.jwtPattern ?? true;

  input.logLines.forEach((line, i) => {
    const source = typeof line === 'string' ? 'app' : line.source;
    const text = typeof line === 'string' ? line : line.text;
    for (const s of secrets) {
      if (text.includes(s.value)) leaks.push({ secret: s.label, where: `log line ${i + 1} of ${source}` });
    }
    if (checkJwt && JWT_PATTERN.test(text)) {
      leaks.push({ secret: 'JWT-looking token', where: `log line ${i + 1} of ${source}` });
    }
  });

  input.slackCalls.forEach((call, i) => {
    const text = JSON.stringify(call.body);
    const channel = String(call.body.channel ?? '');
    const where = `${call.method}${channel ? ` to ${channel}` : ''} (call ${i + 1})`;
    for (const s of secrets) {
      if (!text.includes(s.value)) continue;
      if (s.allowedChannel && call.method === 'chat.postMessage' && channel === s.allowedChannel) {
        allowedAppearances++;
        continue;
      }
      leaks.push({ secret: s.label, where });
    }
    if (checkJwt && JWT_PATTERN.test(text)) leaks.push({ secret: 'JWT-looking token', where });
  });

  return {
    secretsChecked: secrets.length,
    logLinesScanned: input.logLines.length,
    slackCallsScanned: input.slackCalls.length,
    allowedAppearances,
    leaks,
  };
}

/** Adds a scan's figures and one failure per leak (at most 20 listed) to a drill's record. */
export function recordLeakScan(recorder: DrillRecorder, scan: LeakScan, prefix = 'leak scan'): void {
  recorder.figure(`${prefix}: secrets checked`, scan.secretsChecked);
  recorder.figure(`${prefix}: log lines scanned`, scan.logLinesScanned);
  recorder.figure(`${prefix}: Slack calls scanned`, scan.slackCallsScanned);
  recorder.figure(`${prefix}: leaks`, scan.leaks.length);
  for (const leak of scan.leaks.slice(0, 20)) recorder.fail(`${leak.secret} leaked in ${leak.where}`);
  if (scan.leaks.length > 20) recorder.fail(`… and ${scan.leaks.length - 20} more leaks`);
}
