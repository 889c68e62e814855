import { shortName } from '../operations/personal-data.js';

/**
 * What a request carries beside its operation's input (stored in the same input JSON, under names no
 * operation's schema uses): why it was asked (the reason or ticket, required on every request form) and whom
 * it is for (the customer's name as the form's picker showed it).
 */
export interface RequestContext {
  requestReason?: string;
  customerName?: string;
  /** A Workflow Builder step filed it (for the person it names), and the workflow's name when the step was given one. */
  viaWorkflow?: boolean;
  workflowName?: string;
}

export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 300;

/** The reason/ticket stored with a request, if any. */
export function requestReason(input: Record<string, unknown> | null | undefined): string | undefined {
  const value = input?.requestReason;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * Whether a Workflow Builder step filed the request: `{ name }` (the workflow's name, "New hire", when the step
 * was given one), or undefined for a request a person filed.
 */
export function requestWorkflow(
  input: Record<string, unknown> | null | undefined,
): { name?: string | undefined } | undefined {
  if (input?.viaWorkflow !== true) return undefined;
  const value = input.workflowName;
  return { name: typeof value === 'string' && value.trim() ? value.trim() : undefined };
}

/** The customer by full name ("Jane Doe"), for modals and DMs only, if the request names one. */
export function customerFullName(input: Record<string, unknown> | null | undefined): string | undefined {
  const value = input?.customerName;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The customer as channels read them ("J. Doe"), if the request names one. */
export function customerShortName(input: Record<string, unknown> | null | undefined): string | undefined {
  const name = customerFullName(input);
  return name ? shortName(name) : undefined;
}

/**
 * The reason typed into a form, checked: the field error to show under it, or the trimmed reason. A form
 * without a reason is refused (an approver judges a request by it; the audit log keeps it).
 */
export function checkReason(raw: unknown): { ok: true; reason: string } | { ok: false; error: string } {
  const reason = typeof raw === 'string' ? raw.trim() : '';
  if (reason.length < REASON_MIN_LENGTH) {
    return {
      ok: false,
      error: 'Say why this is needed or give the ticket number (e.g. "ZD-4821 customer switching carriers").',
    };
  }
  if (reason.length > REASON_MAX_LENGTH) {
    return {
      ok: false,
      error: `Keep it under ${REASON_MAX_LENGTH} characters; link the ticket for the details.`,
    };
  }
  return { ok: true, reason };
}
