import type { TrailEntry } from '../store/audit-repo.js';
import { mention, slackDate } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { operationTitle } from './request-line.js';

/** Audit actions in a support engineer's words. */
const ACTION_WORDS: Record<string, string> = {
  submitted: 'asked',
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrew',
  expired: 'expired without a decision',
  execution_started: 'sent to Telegent',
  execution_succeeded: 'Telegent accepted',
  execution_failed: 'Telegent refused',
  execution_unknown: 'no answer from Telegent (read back)',
  execution_interrupted: 'interrupted',
  reconciled_succeeded: 'read back: done',
  approval_abandoned: 'approved but never run (given up)',
  approval_recovered: 'approved, run after a restart',
  account_bound: 'channel bound to an account',
  account_unbound: 'channel account binding removed',
};

/** What Telegent said, when the entry carries it (details are redacted when written). */
function said(details: Record<string, unknown>): string {
  const error = typeof details.error === 'string' ? details.error : undefined;
  const reconciliation = details.reconciliation as { detail?: unknown } | undefined;
  const detail = typeof reconciliation?.detail === 'string' ? reconciliation.detail : undefined;
  const text = error ?? detail;
  const reason = typeof details.reason === 'string' ? details.reason : undefined;
  return [
    text ? `: “${escapeMrkdwn(oneLine(text, 160))}”` : '',
    reason ? ` — reason: “${escapeMrkdwn(oneLine(reason, 160))}”` : '',
  ].join('');
}

/** "• Mon 14:03 · Park line: approved (@ana)" — one audit entry, newest-first lists. */
export function trailLine(entry: TrailEntry): string {
  const what = ACTION_WORDS[entry.action] ?? entry.action.replaceAll('_', ' ');
  const who = mention(entry.actor);
  const subject = entry.kind ? operationTitle(entry.kind) : 'Order';
  return `• ${slackDate(entry.at)} · ${escapeMrkdwn(subject)}: ${escapeMrkdwn(what)} (${who})${said(entry.details)}`;
}
