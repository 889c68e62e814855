import { explainCarrierCode } from './carrier-codes.js';
import { TELEGENT_ENDPOINTS } from './endpoints.js';

/** What went wrong, coarsely: lets callers branch without parsing messages. */
export type TelegentErrorKind =
  | 'http' // Telegent answered with an error status
  | 'auth' // credentials refused / token could not be obtained
  | 'rejected' // a 200 whose body says the request failed (successful:false, ErrorMessage)
  | 'network' // no usable answer (connection refused / reset, timeout)
  | 'malformed' // an answer we could not parse or that misses required fields
  | 'invalid-request' // our own input failed the request schema; nothing was sent
  | 'outcome-unknown'; // a mutation may or may not have been carried out

export interface TelegentErrorInit {
  kind: TelegentErrorKind;
  endpoint: string;
  status?: number;
  telegentMessage?: string;
  retryable?: boolean;
  hint?: string;
  traceId?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Every failure of a Telegent call. `message` is safe to show and log: it never contains tokens,
 * credentials, PINs or carrier account data. `hint` is a sentence a support engineer can act on.
 */
export class TelegentError extends Error {
  override name = 'TelegentError';
  readonly kind: TelegentErrorKind;
  /** HTTP status, or undefined when no response arrived. */
  readonly status: number | undefined;
  /** Telegent's own `Message` (or ProblemDetails `Title` + errors, or the text body). */
  readonly telegentMessage: string | undefined;
  /** The API path, e.g. `/v1.0/numbers/provision`. */
  readonly endpoint: string;
  readonly retryable: boolean;
  readonly hint: string;
  readonly traceId: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: TelegentErrorInit) {
    const status = init.status === undefined ? init.kind : String(init.status);
    const detail = init.telegentMessage ? `: ${init.telegentMessage}` : '';
    super(`Telegent ${init.endpoint} failed (${status})${detail}`, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.telegentMessage = init.telegentMessage;
    this.endpoint = init.endpoint;
    this.retryable = init.retryable ?? false;
    this.hint = init.hint ?? hintFor(init);
    this.traceId = init.traceId;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * A mutation (provision, port-in submit/update/cancel, port-out, data-usage set) whose outcome
 * Telegent did not tell us: timeout, 500/502/504, reset after sending, unreadable 200, no OrderId.
 * Never retry it blindly: reconcile first (order / inventory lookup) or hand it to a human.
 */
export class TelegentOutcomeUnknownError extends TelegentError {
  override name = 'TelegentOutcomeUnknownError';
  constructor(init: Omit<TelegentErrorInit, 'kind' | 'retryable'>) {
    super({
      ...init,
      kind: 'outcome-unknown',
      retryable: false,
      hint:
        init.hint ??
        "We could not tell whether Telegent carried out this request. Do not resubmit it yet: check the number's card or the open orders (/telegent number, /telegent orders) first, and escalate to Telegent support if nothing shows up.",
    });
  }
}

/**
 * Telegent messages that say something a person can act on, in our words (the raw message goes to the log).
 * Anything else is described by its kind and status.
 */
const KNOWN_MESSAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/email already exists/i, 'Telegent already has a subscriber with that email'],
  [/no sim swaps remaining/i, 'Telegent refused: no SIM swaps remain for this number this period'],
  [/port-?in request already exists/i, 'Telegent already has a port-in for this number'],
  [/not available/i, 'Telegent says that number is no longer available'],
  [/duplicate filter/i, 'Telegent already has a filter of that kind for this line'],
];

/**
 * What a 404 could not find, from the endpoint asked: an order id was typed for the order look-up, so the
 * person reads about an order there, not about a number.
 */
function notFound(endpoint: string): { what: string; check: string } {
  if (endpoint === TELEGENT_ENDPOINTS.order.path)
    return { what: 'that order', check: 'the order id for a typo, and that the order belongs' };
  return { what: 'that number or id', check: 'the number or id for a typo, and that it belongs' };
}

/** What happened, in a few words for the person (no endpoint, no status code, no raw Telegent message). */
export function whatHappened(error: TelegentError): string {
  const known = KNOWN_MESSAGES.find(([pattern]) => pattern.test(error.telegentMessage ?? ''));
  if (known) return known[1];
  const carrier = explainCarrierCode(error.telegentMessage);
  if (carrier) return `The carrier refused: ${carrier.short} (${carrier.code})`;
  switch (error.kind) {
    case 'auth':
      return 'Telegent refused our credentials';
    case 'rejected':
      return 'Telegent declined the request';
    case 'network':
      return 'Telegent could not be reached';
    case 'malformed':
      return 'Telegent answered with something we could not read';
    case 'invalid-request':
      return 'The request had missing or invalid fields, so it was not sent';
    case 'outcome-unknown':
      return 'Telegent did not say whether this worked';
    default:
      break;
  }
  const status = error.status ?? 0;
  if (status === 404) return `Telegent does not know ${notFound(error.endpoint).what}`;
  if (status === 400 || status === 422) return 'Telegent refused the input';
  if (status === 409) return 'Telegent reports a conflict (already in use or already requested)';
  if (status === 401 || status === 403) return 'Telegent refused our access to this step';
  if (status === 408 || status === 429) return 'Telegent is busy';
  if (status >= 500) return 'Telegent had a server error';
  return 'The Telegent call failed';
}

/**
 * A Telegent failure as people read it: what happened and what to do, with a short reference `ref` that
 * finds the log line holding the endpoint and Telegent's own message (DESIGN.md: those go to the log only).
 */
export function peopleText(error: TelegentError, ref: string): string {
  // The reference closes the last sentence: "… tell whoever runs Telegent Ops (ref k3j9x2a1)."
  const hint = error.hint.trim().replace(/[.!?]+$/, '');
  return hint
    ? `${whatHappened(error)}. ${capitalise(hint)} (ref ${ref}).`
    : `${whatHappened(error)} (ref ${ref}).`;
}

/** A short id to tie what a person was told to the log line with the details. */
export function correlationId(): string {
  return Math.random().toString(36).slice(2, 10);
}

export function isTelegentError(error: unknown): error is TelegentError {
  return error instanceof TelegentError;
}

/** Whom a support engineer tells when retrying does not help (never a vendor address or a setting's name). */
const TELL_OPS = 'tell whoever runs Telegent Ops';

/**
 * What to do, after `whatHappened` said what happened: never repeats it (the two are read as one sentence
 * pair), and speaks to a support engineer — settings, endpoints and vendor contacts are for the log.
 */
function hintFor(init: TelegentErrorInit): string {
  const carrier = explainCarrierCode(init.telegentMessage);
  if (carrier) return `${capitalise(carrier.fix)}.`;
  switch (init.kind) {
    case 'auth':
      // The operator's part named, for the person to pass on.
      return `${capitalise(TELL_OPS)}: Telegent refused its credentials; TELEGENT_ACCOUNT_KEY and TELEGENT_ACCOUNT_SECRET need checking.`;
    case 'rejected':
      return 'Check the input with the customer, correct it and try again.';
    case 'network':
      return `Try again in a few minutes; if it keeps failing, ${TELL_OPS}.`;
    case 'malformed':
      return `Try again; if it repeats, ${TELL_OPS}.`;
    case 'invalid-request':
      return 'Correct the input and try again.';
    default:
      break;
  }
  switch (init.status) {
    case 400:
    case 422:
      return 'Check the fields with the customer, correct them and try again.';
    case 401:
    case 403:
      return `${capitalise(TELL_OPS)}: its Telegent key may not be allowed this step.`;
    case 404:
      return `check ${notFound(init.endpoint).check} to this channel's Telegent account.`;
    case 409:
      return 'Check where the number or order stands now before trying again.';
    case 408:
    case 429:
      return 'Wait a minute and try again.';
    default:
      if (init.status !== undefined && init.status >= 500) {
        return `Try again in a minute; if it keeps failing, ${TELL_OPS}.`;
      }
      return `Try again; if it keeps failing, ${TELL_OPS}.`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
