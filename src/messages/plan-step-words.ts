import { formatPhone } from '../operations/glossary.js';
import { escapeMrkdwn } from './limits.js';

/**
 * What the request's thread says when its new line could not be put on its plan (jobs/line-subscriptions.ts): what
 * happened, that the number itself is fine, and what to do. Stored with the step, shown once in the thread.
 */
interface Line {
  phoneNumber: string;
  planName: string | null;
  packageId: string;
}

const planOf = (line: Line) => escapeMrkdwn(line.planName ?? line.packageId);
const card = (line: Line) => `put it on a plan from its card: \`/telegent number ${line.phoneNumber}\``;

/** Telegent said no (400/404/409 without a subscription to find): `what` is its reason in our words, with a ref. */
export function planRefusedWords(line: Line, what: string): string {
  return `:warning: Telegent refused the plan ${planOf(line)} for ${formatPhone(line.phoneNumber)}: ${what} The number is fine; ${card(line)}.`;
}

/** The account has no plans at Telegent (403, or 404 for the path): said once, never retried. */
export function plansNotEnabledWords(line: Line): string {
  return `:information_source: Plans are not enabled for this Telegent account, so ${formatPhone(line.phoneNumber)} was not put on ${planOf(line)}. The number is fine; once Telegent enables plans, ${card(line)}.`;
}

/** Telegent kept failing (or the number could not be read back) until the step gave up. */
export function planGaveUpWords(line: Line, tries: number, ref: string): string {
  return `:warning: ${formatPhone(line.phoneNumber)} could not be put on ${planOf(line)}: Telegent did not answer after ${tries} tries (ref ${ref}). The number is fine; ${card(line)}.`;
}
