import { explainCarrierCode } from './carrier-codes.js';

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
        `We could not tell whether Telegent carried out this request (${init.endpoint}). Do not resubmit it yet: check the number's inventory or the open orders (/telegent orders, /telegent status <OrderId>) first, and escalate to Telegent support if nothing shows up.`,
    });
  }
}

export function isTelegentError(error: unknown): error is TelegentError {
  return error instanceof TelegentError;
}

function hintFor(init: TelegentErrorInit): string {
  const carrier = explainCarrierCode(init.telegentMessage);
  if (carrier) return `${capitalise(carrier.explanation)}: ${carrier.fix}.`;
  switch (init.kind) {
    case 'auth':
      return 'Telegent refused our credentials: check TELEGENT_ACCOUNT_KEY and TELEGENT_ACCOUNT_SECRET (and that the key is enabled for this endpoint).';
    case 'rejected':
      return 'Telegent declined the request; read its message above, correct the input and try again.';
    case 'network':
      return 'Telegent could not be reached or did not answer in time; try again in a few minutes and check https://api.telegent.com if it keeps failing.';
    case 'malformed':
      return 'Telegent answered with something we could not read; try again, and report it to the on-call engineer if it repeats.';
    case 'invalid-request':
      return 'The request is missing or has invalid fields, so it was not sent; correct the input and try again.';
    default:
      break;
  }
  switch (init.status) {
    case 400:
    case 422:
      return 'Telegent rejected the input; correct the fields named in its message and try again.';
    case 401:
    case 403:
      return 'Telegent refused our token for this endpoint even after a fresh one; check that the account key is allowed to use it.';
    case 404:
      return 'Telegent does not know this id or number on our account; check for a typo or another account (AccountId).';
    case 409:
      return 'Telegent reports a conflict (already in use or already requested); check the current state before trying again.';
    case 408:
    case 429:
      return 'Telegent is rate-limiting or slow; wait a minute and try again.';
    default:
      if (init.status !== undefined && init.status >= 500) {
        return 'Telegent had a server error; try again in a few minutes, and contact support@telegent.com if it persists.';
      }
      return 'The Telegent call failed; try again, and ask the on-call engineer if it keeps failing.';
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
