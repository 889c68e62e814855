import type { HandlerContext } from '../context.js';
import { badRequest, NOT_ON_ACCOUNT_MESSAGE, notFound } from '../errors.js';
import { reqString } from '../fields.js';
import { requireE164 } from '../formats.js';
import { portoutTimeline } from '../lifecycle.js';
import { orderKey } from '../state.js';

/** POST /v1.0/numbers/portout: sets the PIN on the number now; the order completes later. */
export function portout({ core, now, body }: HandlerContext): unknown {
  const number = requireE164(reqString(body, 'PortOutNumber'));
  const pin = reqString(body, 'PortOutPIN');
  if (!/^\d{4,10}$/.test(pin)) throw badRequest('PortOutPIN must be 4 to 10 digits.');
  const record = core.data.numbers.get(number);
  if (!record) throw notFound(NOT_ON_ACCOUNT_MESSAGE);
  record.PortOutPin = pin;
  const orderId = core.newId('JNUOID');
  core.data.orders.set(orderKey(orderId), {
    OrderId: orderId,
    type: 'portout',
    createdAt: now,
    attemptStartedAt: now,
    number,
    phoneNumberId: record.PhoneNumberId,
    timeline: portoutTimeline(now),
    attempt: 1,
    effectsApplied: false,
  });
  return { OrderId: orderId, OrderDate: new Date(now).toISOString(), Status: 'Pending', PhoneNumber: number };
}
