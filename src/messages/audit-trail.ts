import type { TrailEntry } from '../store/audit-repo.js';
import { mention, slackDate } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { operationTitle } from './request-line.js';

/**
 * Audit actions in a support engineer's words. A person's act names the person ("approved by @sam"); what
 * Telegent or the app did names nobody, so "Telegent accepted it" never reads as if the approver did it.
 */
const PERSON_WORDS: Record<string, string> = {
  submitted: 'asked by',
  approved: 'approved by',
  approval_recorded: 'approved by',
  rejected: 'rejected by',
  withdrawn: 'withdrawn by',
  approve_refused: 'approval not taken from',
  reject_refused: 'rejection not taken from',
  account_bound: 'channel bound to an account by',
  account_unbound: 'channel account binding removed by',
};

const APP_WORDS: Record<string, string> = {
  expired: 'expired without a decision',
  execution_started: 'sent to Telegent',
  execution_succeeded: 'Telegent accepted it',
  execution_failed: 'Telegent refused it',
  execution_unknown: 'no answer from Telegent (to be read back)',
  execution_interrupted: 'interrupted',
  reconciled_succeeded: 'read back from Telegent: done',
  approval_abandoned: 'approved but never sent (given up)',
  approval_recovered: 'approved, sent after a restart',
  customer_texted: 'the customer was texted',
  customer_text_failed: 'the customer was not texted',
  customer_text_unknown: 'texting the customer may have failed',
};

/** Why a decision was not taken, in words (the audit log keeps the code). */
const REFUSAL_WORDS: Record<string, string> = {
  already_decided: 'already decided',
  not_approver: 'not an approver',
  self_approval: 'their own request',
  duplicate_approval: 'already approved once',
  expired: 'the request had expired',
};

/** What Telegent said, when the entry carries it (details are redacted when written). */
function said(details: Record<string, unknown>): string {
  const error = typeof details.error === 'string' ? details.error : undefined;
  const reconciliation = details.reconciliation as { detail?: unknown } | undefined;
  const detail = typeof reconciliation?.detail === 'string' ? reconciliation.detail : undefined;
  const text = error ?? detail;
  const code = typeof details.reason === 'string' ? details.reason : undefined;
  const reason = code ? (REFUSAL_WORDS[code] ?? code) : undefined;
  const verified = typeof details.verificationMethod === 'string' ? details.verificationMethod : undefined;
  return [
    text ? `: “${escapeMrkdwn(oneLine(text, 160))}”` : '',
    reason ? ` — reason: “${escapeMrkdwn(oneLine(reason, 160))}”` : '',
    verified ? ` — customer verified by ${escapeMrkdwn(oneLine(verified, 100))}` : '',
  ].join('');
}

/** "• Mon 14:03 · Park line: approved by @ana" — one audit entry, newest-first lists. */
export function trailLine(entry: TrailEntry): string {
  const subject = entry.kind ? operationTitle(entry.kind) : 'Order';
  const person = PERSON_WORDS[entry.action];
  const app = APP_WORDS[entry.action];
  const what = person
    ? `${escapeMrkdwn(person)} ${mention(entry.actor)}`
    : app
      ? escapeMrkdwn(app)
      : `${escapeMrkdwn(entry.action.replaceAll('_', ' '))} (${mention(entry.actor)})`;
  return `• ${slackDate(entry.at)} · ${escapeMrkdwn(subject)}: ${what}${said(entry.details)}`;
}
