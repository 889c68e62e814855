import type { TelegentClient } from '../telegent/client.js';
import { isTelegentError, whatHappened } from '../telegent/errors.js';
import type { CustomerNoticeSettings } from './customer-notice.js';

/** CUSTOMER_NOTICE_FROM cannot text anyone: start-up stops with this one sentence (like a ConfigError). */
export class CustomerNoticeSenderError extends Error {
  override name = 'CustomerNoticeSenderError';
}

const fix = 'set one of your messaging-enabled numbers, or leave it empty to text nobody';

/**
 * Checked once at start, so a wrong sender is found by the operator and not by the first SIM swap: the number must
 * be on the account (Telegent texts only "from a number provisioned in your account"), messaging-enabled and
 * active. Telegent not answering stops start-up too: the setting cannot be trusted unchecked.
 */
export async function checkNoticeSender(
  telegent: Pick<TelegentClient, 'getNumber'>,
  settings: CustomerNoticeSettings | undefined,
): Promise<void> {
  if (!settings) return;
  const from = settings.from;
  let record: Awaited<ReturnType<TelegentClient['getNumber']>>;
  try {
    record = await telegent.getNumber({ Number: from });
  } catch (error) {
    if (isTelegentError(error) && error.status === 404)
      throw new CustomerNoticeSenderError(
        `CUSTOMER_NOTICE_FROM: ${from} is not a number of your Telegent account: ${fix}.`,
      );
    throw new CustomerNoticeSenderError(
      `CUSTOMER_NOTICE_FROM: could not check ${from} with Telegent (${isTelegentError(error) ? whatHappened(error) : (error as Error).message}); try again, or leave it empty to text nobody.`,
    );
  }
  if (record.MessageEnabled !== true)
    throw new CustomerNoticeSenderError(
      `CUSTOMER_NOTICE_FROM: ${from} is on your Telegent account but not messaging-enabled: ${fix}.`,
    );
  if (record.Status && record.Status !== 'Active')
    throw new CustomerNoticeSenderError(
      `CUSTOMER_NOTICE_FROM: ${from} is ${record.Status}, so it cannot send texts: ${fix}.`,
    );
}
