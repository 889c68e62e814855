import { TELEGENT_ENDPOINTS } from '../telegent/endpoints.js';
import { TelegentError } from '../telegent/errors.js';
import { formatPhone } from './glossary.js';
import type { OpContext } from './operation.js';

const sameId = (a: string | null | undefined, b: string) =>
  (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The subscriber the protection card read is carried in the form (Guardian is set per subscriber): the line may
 * have changed hands since. Read again before anything is sent; another owner is refused (a definite error,
 * nothing sent), so one subscriber's switches and filters are never set for another's line.
 */
export async function refuseAnotherOwner(ctx: OpContext, phoneNumber: string, subscriberId: string) {
  const record = await ctx.telegent.getNumber({ Number: phoneNumber }, ctx.callOptions);
  if (sameId(record.AssignedSubscriberId, subscriberId)) return;
  throw new TelegentError({
    kind: 'invalid-request',
    endpoint: TELEGENT_ENDPOINTS.guardianFeaturesSet.path,
    hint: `${formatPhone(phoneNumber)} now belongs to another subscriber: open its protection card again`,
  });
}
