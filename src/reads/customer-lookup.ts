import type { AppContext } from '../app-context.js';
import { normalisePhoneNumber } from '../operations/fields/phone-number.js';
import { formatPhone } from '../operations/glossary.js';
import { withinAckDeadline } from '../slack/within-ack-deadline.js';
import { isTelegentError } from '../telegent/errors.js';
import type { Subscriber } from '../telegent/response-schemas.js';
import { customerQuery, matchCustomers } from './customer-match.js';

/** How long `/telegent customer` waits for a subscriber list being read (the answer comes after the ack). */
const FIRST_LIST_WAIT_MS = 2_500;

export type CustomerLookup =
  /** The subscriber list was never read and is not there yet. */
  | { status: 'loading' }
  | { status: 'found'; matches: Subscriber[] }
  /** Nobody matches: `why` says what was looked for, in words. */
  | { status: 'none'; why: string };

async function subscriberList(ctx: AppContext, accountId: string | undefined) {
  // `list` answers at once from a warm list (refreshing an old one in the background) and waits only for a read
  // under way (the first, or one a new subscriber asked for); past the wait, the list read last answers.
  const loaded = ctx.pickers.listLoaded('subscriber', accountId);
  return withinAckDeadline(ctx.pickers.list('subscriber', accountId), loaded, FIRST_LIST_WAIT_MS);
}

const records = (options: ReadonlyArray<{ subscriber?: Subscriber | undefined }>) =>
  options.flatMap((o) => (o.subscriber ? [o.subscriber] : []));

/** A subscriber Telegent knows by id but the list did not carry (another page, just created): null if none. */
async function subscriberById(ctx: AppContext, id: string): Promise<Subscriber | null> {
  try {
    return await ctx.telegent.getSubscriber(id);
  } catch (error) {
    if (isTelegentError(error) && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}

/**
 * The subscribers `/telegent customer <email | name | +1… | TSUID-…>` names, from the cached distributor list
 * (of the channel's account when it is bound to one). A number finds whoever holds the line: from the list's
 * numbers, else from the number's own record at Telegent.
 */
export async function findCustomers(
  ctx: AppContext,
  raw: string,
  accountId: string | undefined,
): Promise<CustomerLookup> {
  const list = await subscriberList(ctx, accountId);
  if (!list) return { status: 'loading' };
  const subscribers = records(list);
  const number = normalisePhoneNumber(raw);
  if (number.ok) {
    const holders = subscribers.filter((s) => s.PhoneNumbers.includes(number.value));
    if (holders.length > 0) return { status: 'found', matches: holders };
    return holderOfNumber(ctx, subscribers, number.value);
  }
  const query = customerQuery(raw);
  const matches = matchCustomers(subscribers, query);
  if (matches.length > 0) return { status: 'found', matches };
  if (query.kind === 'subscriberId') {
    const found = await subscriberById(ctx, query.id);
    if (found) return { status: 'found', matches: [found] };
  }
  const what =
    query.kind === 'email'
      ? 'with that email'
      : query.kind === 'subscriberId'
        ? 'with that id'
        : 'by that name';
  return { status: 'none', why: `No customer ${what} on your Telegent account.` };
}

async function holderOfNumber(
  ctx: AppContext,
  subscribers: readonly Subscriber[],
  phoneNumber: string,
): Promise<CustomerLookup> {
  let holderId: string | null | undefined;
  try {
    holderId = (await ctx.telegent.getNumber({ Number: phoneNumber })).AssignedSubscriberId;
  } catch (error) {
    if (!(isTelegentError(error) && error.status === 404)) throw error;
    return { status: 'none', why: `${formatPhone(phoneNumber)} is not on your Telegent account.` };
  }
  if (!holderId)
    return {
      status: 'none',
      why: `${formatPhone(phoneNumber)} is on your account but belongs to no customer.`,
    };
  const known = subscribers.find((s) => s.SubscriberId.toLowerCase() === holderId.toLowerCase());
  const holder = known ?? (await subscriberById(ctx, holderId));
  return holder
    ? { status: 'found', matches: [holder] }
    : { status: 'none', why: `${formatPhone(phoneNumber)} names a customer Telegent could not find.` };
}

/** The customer a card's button names (by id): from the warm list, else Telegent; null when gone. */
export async function customerById(
  ctx: AppContext,
  id: string,
  accountId: string | undefined,
): Promise<Subscriber | null> {
  const list = ctx.pickers.listLoaded('subscriber', accountId) ?? [];
  const known = records(list).find((s) => s.SubscriberId.toLowerCase() === id.toLowerCase());
  return known ?? subscriberById(ctx, id);
}
