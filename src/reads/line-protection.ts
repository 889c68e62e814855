import type { AppContext } from '../app-context.js';
import { customerName } from '../messages/customer-card.js';
import { type LineProtection, readLineProtection } from '../operations/guardian-line.js';
import { isTelegentError } from '../telegent/errors.js';

/** A line's AI Guardian as the protection card shows it. */
export type LineGuardian =
  | { status: 'not-on-account' }
  /** Guardian is set per subscriber: a line bound to none has nothing to show or change. */
  | { status: 'no-subscriber' }
  | { status: 'read'; state: LineProtection; subscriberName: string };

/** The number (for its subscriber), then the subscriber's name, switches and the line's two filters. */
export async function readLineGuardian(ctx: AppContext, phoneNumber: string): Promise<LineGuardian> {
  let subscriberId: string | null | undefined;
  try {
    subscriberId = (await ctx.telegent.getNumber({ Number: phoneNumber })).AssignedSubscriberId;
  } catch (error) {
    if (isTelegentError(error) && error.status === 404) return { status: 'not-on-account' };
    throw error;
  }
  if (!subscriberId) return { status: 'no-subscriber' };
  const [state, subscriber] = await Promise.all([
    readLineProtection(ctx.opContext(), phoneNumber, subscriberId),
    // The name is for people: an unreadable subscriber is shown by its id.
    ctx.telegent.getSubscriber(subscriberId).catch(() => undefined),
  ]);
  const subscriberName = subscriber ? customerName(subscriber) : subscriberId;
  return { status: 'read', state, subscriberName };
}
