import type { Logger } from '../log.js';
import type { AnyOperation } from '../operations/operation.js';
import type { AuditRepo } from '../store/audit-repo.js';
import type { CustomerNoticesRepo } from '../store/customer-notices-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import type { TelegentClient } from '../telegent/client.js';
import {
  correlationId,
  isTelegentError,
  TelegentOutcomeUnknownError,
  whatHappened,
} from '../telegent/errors.js';

/** CUSTOMER_NOTICE_FROM and CUSTOMER_NOTICE_COMPANY: who texts the line, and the name the customer reads. */
export interface CustomerNoticeSettings {
  from: string;
  company: string;
}

export interface CustomerNoticeDeps {
  notices: Pick<CustomerNoticesRepo, 'claim' | 'skip' | 'record' | 'settleExpiredClaims'>;
  audit: Pick<AuditRepo, 'append'>;
  telegent: Pick<TelegentClient, 'sendMessage'>;
  /** Unset: nobody is texted, and each request's card says so. */
  settings?: CustomerNoticeSettings | undefined;
  logger: Logger;
  now: () => Date;
}

export const NOTICE_NOT_CONFIGURED = 'CUSTOMER_NOTICE_FROM is not set';
export const NOTICE_MAY_HAVE_FAILED =
  'the app stopped while texting the customer, so whether the text went out is unknown; it was not sent again';

/**
 * How long a sender holds its claim: longer than a Telegent call with its retries and a rate-limit wait. A claim
 * older than this lost its sender (the process died between the call and the record).
 */
export const NOTICE_CLAIM_MS = 2 * 60_000;

/**
 * The text: the company, what was asked, what to do if it was not them, in one SMS (160 characters with a
 * 30-character company name). Never a PIN, a code or a link (links are what phishing texts carry).
 */
export function customerNoticeText(company: string, what: string): string {
  return `${company}: someone asked for ${what}. If this was not you, call ${company} now.`;
}

/**
 * Texts the line of a request whose operation asks for it (SIM swap, port-out PIN), once, before anything is
 * sent to Telegent for the change: called when the request is filed, before its approval card exists.
 *
 * Exactly once, crash-safe like the outbox: the row is claimed (INSERT, the request id is its key), the text is
 * sent, the outcome recorded. Telegent's outbound endpoint has no idempotency key and no documented way to look a
 * sent message up, so a claim whose sender died before recording is never sent again: the housekeeping marks it
 * 'unknown' ("texting the customer may have failed") and the approver decides. A second text is worse than none
 * known: the customer would read two alarms, and an unknown is shown, not hidden.
 *
 * Never throws: the request stands whatever happens to the text (its card says what did).
 */
export async function textTheLine(
  deps: CustomerNoticeDeps,
  request: Pick<RequestRecord, 'id'>,
  op: AnyOperation,
  input: Record<string, unknown>,
): Promise<void> {
  const notice = op.customerNotice;
  if (!notice) return;
  try {
    const line = notice.line(input);
    if (!deps.settings) {
      await deps.notices.skip(request.id, line, NOTICE_NOT_CONFIGURED, deps.now());
      return;
    }
    const token = await deps.notices.claim(request.id, line, deps.now(), NOTICE_CLAIM_MS);
    if (!token) return; // already claimed: texted, being texted, or unknown — never twice
    let outcome: Parameters<CustomerNoticesRepo['record']>[2];
    try {
      const sent = await deps.telegent.sendMessage(
        {
          To: [{ Number: line }],
          From: deps.settings.from,
          Body: customerNoticeText(deps.settings.company, notice.what),
        },
        { priority: 'interactive' },
      );
      outcome = { status: 'sent', messageId: sent.MessageId ?? null };
    } catch (error) {
      const ref = correlationId();
      deps.logger.warn(
        isTelegentError(error)
          ? {
              ref,
              requestId: request.id,
              status: error.status,
              errorKind: error.kind,
              telegentMessage: error.telegentMessage,
            }
          : { ref, requestId: request.id, err: { message: (error as Error).message } },
        'texting the customer failed',
      );
      const unknown = error instanceof TelegentOutcomeUnknownError || !isTelegentError(error);
      outcome = unknown
        ? {
            status: 'unknown',
            detail: `Telegent did not say whether the text went out (ref ${ref}); it was not sent again`,
          }
        : { status: 'failed', detail: `${whatHappened(error)} (ref ${ref})` };
    }
    await deps.notices.record(request.id, token, outcome, deps.now());
    await deps.audit.append({
      actor: 'system',
      action: outcome.status === 'sent' ? 'customer_texted' : `customer_text_${outcome.status}`,
      requestId: request.id,
      details: outcome.status === 'sent' ? { messageId: outcome.messageId } : { error: outcome.detail },
    });
  } catch (error) {
    // The store went away mid-way: a claim left 'sending' is settled by the housekeeping (never resent).
    deps.logger.error(
      { requestId: request.id, err: { message: (error as Error).message } },
      'customer notice not recorded',
    );
  }
}

/** Claims whose sender died: marked 'unknown' (never resent), audited; returns their requests for a redraw. */
export async function settleLostNotices(deps: CustomerNoticeDeps): Promise<string[]> {
  const requestIds = await deps.notices.settleExpiredClaims(deps.now(), NOTICE_MAY_HAVE_FAILED);
  for (const requestId of requestIds)
    await deps.audit.append({
      actor: 'system',
      action: 'customer_text_unknown',
      requestId,
      details: { error: NOTICE_MAY_HAVE_FAILED },
    });
  return requestIds;
}

/**
 * The text goes before the change: an approval that came while the text was still on its way (App Home lists a
 * request as soon as it is stored) waits for it, for as long as its sender may hold the claim. A sender that died
 * leaves its claim to expire; the change then goes (the card says the text may have failed).
 */
export async function awaitTextInFlight(
  notices: Pick<CustomerNoticesRepo, 'get'>,
  requestId: string,
  now: () => Date,
  pollMs = 200,
): Promise<void> {
  for (;;) {
    const notice = await notices.get(requestId);
    if (notice?.status !== 'sending' || !notice.claimedUntil) return;
    if (notice.claimedUntil.getTime() <= now().getTime()) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
