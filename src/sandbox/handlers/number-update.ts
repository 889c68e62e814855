import type { HandlerContext } from '../context.js';
import { badRequest, conflict, NOT_ON_ACCOUNT_MESSAGE, notFound } from '../errors.js';
import { optBool, optEnum, optString, reqString } from '../fields.js';
import { requireE164, requireIccid } from '../formats.js';
import { NUMBER_UPDATE_FAILED_CNAM } from '../magic.js';
import { orderKey } from '../state.js';
import { inventoryRecord } from '../views.js';
import { findSubscriber } from './lookups.js';

const UPDATABLE = [
  'MessageEnabled',
  'MessageType',
  'Classification',
  'VoiceEnabled',
  'MessageRouteId',
  'VoiceRouteId',
  'AssignedSubscriberId',
  'Iccid',
  'CnamFirstName',
  'CnamLastName',
  'ProductType',
] as const;

/**
 * POST /v1.0/numbers/update (reference Op 11, related): changes a number's settings at once and answers with
 * an update order that is already Complete, echoing the record.
 */
export function numberUpdate({ core, now, body }: HandlerContext): unknown {
  const number = requireE164(reqString(body, 'Number'));
  const record = core.data.numbers.get(number);
  if (!record) throw notFound(NOT_ON_ACCOUNT_MESSAGE);
  if (!UPDATABLE.some((name) => body && typeof body === 'object' && name in body))
    throw badRequest(`Nothing to update: give at least one of ${UPDATABLE.join(', ')}.`);

  const messageRouteId = optString(body, 'MessageRouteId');
  if (messageRouteId && !core.data.messageRoutes.some((r) => r.MessageRouteId === messageRouteId))
    throw badRequest('Invalid MessageRouteId');
  const voiceRouteId = optString(body, 'VoiceRouteId');
  if (voiceRouteId && !core.data.voiceRoutes.some((r) => r.CallRouteId === voiceRouteId))
    throw badRequest('Invalid VoiceRouteId');
  const subscriberId = optString(body, 'AssignedSubscriberId');
  const subscriber = subscriberId ? findSubscriber(core, subscriberId) : undefined;
  if (subscriberId && !subscriber) throw notFound('Subscriber not found');
  const iccidGiven = optString(body, 'Iccid') ?? optString(body, 'ICCID');
  const iccid = iccidGiven ? requireIccid(iccidGiven) : undefined;
  if (iccid && [...core.data.numbers.values()].some((r) => r.Iccid === iccid && r.Number !== number))
    throw conflict('ICCID is already assigned to another number.');
  const classification = optEnum(body, 'Classification', ['MVNO', 'IoT'] as const);
  const messageEnabled = optBool(body, 'MessageEnabled');
  const voiceEnabled = optBool(body, 'VoiceEnabled');
  const messageType = optString(body, 'MessageType');
  const productType = optString(body, 'ProductType');
  const cnam = [optString(body, 'CnamFirstName'), optString(body, 'CnamLastName')].filter(Boolean).join(' ');

  const orderId = core.newId('JNUOID');
  /** The record echoed (never its PIN) with the update order. */
  const answer = (status: 'Complete' | 'Failed') => {
    const { PortOutPin: _pin, ...echo } = inventoryRecord(record);
    return {
      ...echo,
      UpdateOrderId: orderId,
      UpdateOrderDate: new Date(now).toISOString(),
      UpdateOrderStatus: status,
    };
  };
  if (optString(body, 'CnamFirstName') === NUMBER_UPDATE_FAILED_CNAM) return answer('Failed');

  // Everything is checked above: from here the update applies whole, never half.
  if (messageRouteId) record.MessageRouteId = messageRouteId;
  if (voiceRouteId) record.VoiceRouteId = voiceRouteId;
  if (iccid) record.Iccid = iccid;
  if (classification) record.Classification = classification;
  if (messageEnabled !== undefined) record.MessageEnabled = messageEnabled;
  if (voiceEnabled !== undefined) record.VoiceEnabled = voiceEnabled;
  if (messageType) record.MessageType = messageType;
  if (productType) record.ProductType = productType;
  if (cnam) record.Cnam = cnam;
  if (subscriber) {
    for (const s of core.data.subscribers) s.PhoneNumbers = s.PhoneNumbers.filter((n) => n !== number);
    subscriber.PhoneNumbers.push(number);
    record.AssignedSubscriberId = subscriber.SubscriberId;
  }

  core.data.orders.set(orderKey(orderId), {
    OrderId: orderId,
    type: 'number-update',
    createdAt: now,
    attemptStartedAt: now,
    number,
    phoneNumberId: record.PhoneNumberId,
    timeline: [{ at: now, status: 'Complete', message: null }],
    attempt: 1,
    effectsApplied: true,
  });
  return answer('Complete');
}
