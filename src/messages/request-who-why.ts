import { formatPhone } from '../operations/glossary.js';
import { customerFullName, requestReason } from '../requests/request-context.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { customerWords } from './who-why.js';

// Who and why of a request, as an approver or requester reads it away from the card (App Home rows, reminder
// thread replies and DMs): the number and the customer first, then the reason/ticket and how the customer was
// verified.

/** 'short' for channels ("J. Doe"), 'full' for App Home and DMs ("Jane Doe"): personal data stays private. */
export type NameForm = 'short' | 'full';

/**
 * How the customer was verified, as the risky-request forms store it (input `verificationMethod`, a label such
 * as "Photo ID in store"), if at all: only shown here.
 */
export function verificationLabel(input: Record<string, unknown> | null | undefined): string | undefined {
  const value = input?.verificationMethod;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** "(415) 555-0142", "(415) 555-0142 and 2 more": the number(s) the request names, if any. */
function numbersNamed(input: Record<string, unknown>): string | undefined {
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  // `numbers`: a limits list; `phoneNumbers`: a list line change (park / activate several).
  const numbers = [input.phoneNumber, ...list(input.numbers), ...list(input.phoneNumbers)].filter(
    (n): n is string => typeof n === 'string' && n.startsWith('+'),
  );
  const unique = [...new Set(numbers)];
  if (unique.length === 0) return undefined;
  return `${formatPhone(unique[0]!)}${unique.length > 1 ? ` and ${unique.length - 1} more` : ''}`;
}

/** "(415) 555-0142 · Jane Doe" (mrkdwn-escaped): what the row or reminder leads with; empty when neither is known. */
export function numberAndCustomer(request: RequestRecord, names: NameForm): string {
  const customer = customerWords(
    { customerName: customerFullName(request.input) },
    { full: names === 'full' },
  );
  return [numbersNamed(request.input), customer]
    .filter(Boolean)
    .map((part) => escapeMrkdwn(part!))
    .join(' · ');
}

/** "*Reason / ticket:* ZD-4821 lost phone" and "*Verified:* Photo ID in store", each when stored. */
export function reasonAndVerification(request: RequestRecord): string[] {
  const reason = requestReason(request.input);
  const verified = verificationLabel(request.input);
  return [
    reason ? `*Reason / ticket:* ${escapeMrkdwn(oneLine(reason, 300))}` : undefined,
    verified ? `*Verified:* ${escapeMrkdwn(oneLine(verified, 100))}` : undefined,
  ].filter((line): line is string => line !== undefined);
}
