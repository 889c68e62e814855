import type { HandlerContext } from '../context.js';
import type { SandboxCore } from '../core.js';
import {
  badRequest,
  conflict,
  DUPLICATE_PORTIN_MESSAGE,
  NO_PORTIN_FOUND_MESSAGE,
  notFound,
} from '../errors.js';
import { field, isObject, optEnum, optString, reqEnum, reqString, requiredMessage } from '../fields.js';
import { isoDate, parsePortInDate, requireE164, requireIccid } from '../formats.js';
import {
  currentStep,
  FINISHED_PORTIN_STATUSES,
  portinTimeline,
  replaceFuture,
  setStatusNow,
} from '../lifecycle.js';
import { currentCarrier, lineKind } from '../magic.js';
import { type BillingAddress, type Order, orderKey, type PortinFields } from '../state.js';
import { checkAccountId, findSubscriber } from './lookups.js';

const CLASSIFICATIONS = ['mvno', 'iot', 'Mobile', 'Landline'] as const;

/** POST /v1.0/numbers/portin/eligibility: always 200; `Eligible` says the verdict. */
export function eligibility({ core, body }: HandlerContext): unknown {
  const phone = requireE164(reqString(body, 'PhoneNumber'));
  reqEnum(body, 'TargetClassification', CLASSIFICATIONS);
  const kind = lineKind(phone);
  const base = { PhoneNumber: phone, CurrentCarrier: currentCarrier(phone) };
  if (core.data.numbers.has(phone))
    return { ...base, Eligible: false, NumberType: 'mobile', Message: 'Number is already on your account' };
  if (kind === 'ineligible')
    return {
      ...base,
      Eligible: false,
      NumberType: 'landline',
      Message: 'Number is not portable to the requested classification',
    };
  if (kind === 'wireline')
    return {
      ...base,
      Eligible: true,
      NumberType: 'landline',
      Message:
        'Number is eligible for port-in. Wireline numbers require a PortInDate 5-10 business days out.',
    };
  return { ...base, Eligible: true, NumberType: 'mobile', Message: 'Number is eligible for port-in' };
}

function address(body: unknown, required: boolean): BillingAddress | undefined {
  const raw = field(body, 'CurrentBillingAddress');
  if (raw === undefined || raw === null) {
    if (required) throw badRequest(requiredMessage('CurrentBillingAddress'));
    return undefined;
  }
  if (!isObject(raw)) throw badRequest('CurrentBillingAddress must be an object.');
  const out: BillingAddress = {};
  for (const key of ['Street1', 'Street2', 'City', 'State', 'Zip'] as const) {
    const value = optString(raw, key);
    if (value !== undefined) out[key] = value;
    else if (required && key !== 'Street2') throw badRequest(requiredMessage(`CurrentBillingAddress.${key}`));
  }
  if (out.State !== undefined && !/^[A-Za-z]{2}$/.test(out.State))
    throw badRequest('CurrentBillingAddress.State must be a 2-letter state code.');
  if (out.Zip !== undefined && !/^\d{5}(-\d{4})?$/.test(out.Zip))
    throw badRequest('CurrentBillingAddress.Zip must be a 5-digit zip code.');
  return out;
}

function portInDate(body: unknown, now: number): string | undefined {
  const value = optString(body, 'PortInDate');
  if (value === undefined) return undefined;
  const date = parsePortInDate(value);
  if (!date) throw badRequest('PortInDate must be a date, YYYY-MM-DD or MM/DD/YYYY.');
  if (isoDate(date) < isoDate(new Date(now))) throw badRequest('PortInDate must be today or later.');
  return isoDate(date);
}

/** Fields shared by submit and update; only present ones are returned. */
function commonFields(core: SandboxCore, body: unknown, now: number): Partial<PortinFields> {
  const out: Partial<PortinFields> = {};
  const carrier = optString(body, 'CurrentCarrierName');
  if (carrier !== undefined) out.CurrentCarrierName = carrier;
  const accountNumber = optString(body, 'CurrentAccountNumber');
  if (accountNumber !== undefined) out.CurrentAccountNumber = accountNumber;
  const password = optString(body, 'CurrentAccountPassword');
  if (password !== undefined) out.CurrentAccountPassword = password;
  const iccid = optString(body, 'ICCID');
  if (iccid !== undefined) out.ICCID = requireIccid(iccid);
  const target = optEnum(body, 'TargetPortinClassification', CLASSIFICATIONS);
  if (target !== undefined) out.TargetPortinClassification = target.toLowerCase() === 'iot' ? 'iot' : 'mvno';
  const name = optString(body, 'SubscriberName');
  if (name !== undefined) out.SubscriberName = name;
  const date = portInDate(body, now);
  if (date !== undefined) out.PortInDate = date;
  const subscriberId = optString(body, 'AssignedSubscriberId');
  if (subscriberId !== undefined) {
    const subscriber = findSubscriber(core, subscriberId);
    if (!subscriber) throw notFound();
    out.AssignedSubscriberId = subscriber.SubscriberId;
  }
  checkAccountId(core, optString(body, 'AccountId'));
  return out;
}

const activePortin = (core: SandboxCore, number: string, now: number) =>
  [...core.data.orders.values()].find(
    (o) =>
      o.type === 'portin' && o.number === number && !FINISHED_PORTIN_STATUSES.has(currentStep(o, now).status),
  );

/** POST /v1.0/numbers/portin */
export function submitPortin({ core, now, body }: HandlerContext): unknown {
  const number = requireE164(reqString(body, 'PortInNumber'));
  const CurrentCarrierName = reqString(body, 'CurrentCarrierName');
  const CurrentAccountNumber = reqString(body, 'CurrentAccountNumber');
  const CurrentAccountPassword = reqString(body, 'CurrentAccountPassword');
  const CurrentBillingAddress = address(body, true) as BillingAddress;
  const fields: PortinFields = {
    ICCID: null,
    TargetPortinClassification: null,
    SubscriberName: null,
    PortInDate: null,
    AssignedSubscriberId: null,
    ...commonFields(core, body, now),
    CurrentCarrierName,
    CurrentAccountNumber,
    CurrentAccountPassword,
    CurrentBillingAddress,
  };
  const kind = lineKind(number);
  if (kind === 'ineligible') throw badRequest('Number is not eligible for port-in. Check eligibility first.');
  if (kind === 'wireline' && !fields.PortInDate)
    throw badRequest('PortInDate is required for wireline numbers.');
  if (core.data.numbers.has(number)) throw conflict('Phone number already belongs to this account');
  if (activePortin(core, number, now)) throw conflict(DUPLICATE_PORTIN_MESSAGE);

  const orderId = core.newId('JNUOID');
  const order: Order = {
    OrderId: orderId,
    type: 'portin',
    createdAt: now,
    attemptStartedAt: now,
    number,
    phoneNumberId: null,
    timeline: portinTimeline(now, number, fields, 1),
    attempt: 1,
    portin: fields,
    effectsApplied: false,
  };
  core.data.orders.set(orderKey(orderId), order);
  return {
    OrderId: orderId,
    OrderDate: new Date(now).toISOString(),
    Status: 'Pending',
    PhoneNumber: number,
    ICCID: fields.ICCID,
  };
}

function openPortin(core: SandboxCore, body: unknown, now: number): Order {
  const id = reqString(body, 'OrderId');
  const order = core.data.orders.get(orderKey(id));
  if (order?.type !== 'portin' || !order.portin) throw notFound();
  if (FINISHED_PORTIN_STATUSES.has(currentStep(order, now).status)) throw badRequest(NO_PORTIN_FOUND_MESSAGE);
  return order;
}

/**
 * POST /v1.0/numbers/portin/update. From Error or Rejected it resubmits (fresh timeline from now). Otherwise the
 * pending steps are recomputed with the new data; if that changes the carrier's answer, it resubmits too.
 */
export function updatePortin({ core, now, body }: HandlerContext): unknown {
  const order = openPortin(core, body, now);
  const current = currentStep(order, now);
  const patch = commonFields(core, body, now);
  const addressPatch = address(body, false);
  const old = order.portin as PortinFields;
  const fields: PortinFields = {
    ...old,
    ...patch,
    CurrentBillingAddress: { ...old.CurrentBillingAddress, ...addressPatch },
  };
  if (lineKind(order.number) === 'wireline' && !fields.PortInDate)
    throw badRequest('PortInDate is required for wireline numbers.');
  order.portin = fields;
  const rebuilt = portinTimeline(order.attemptStartedAt, order.number, fields, order.attempt);
  const sameAnswer = rebuiltStatus(rebuilt, now) === current.status;
  // From Error or Rejected an update resubmits (Telegent's corrected reference: back to Pending).
  if (current.status !== 'Error' && current.status !== 'Rejected' && sameAnswer) {
    replaceFuture(order, now, rebuilt);
  } else {
    order.attempt += 1;
    order.attemptStartedAt = now;
    order.timeline = [
      ...order.timeline.filter((s) => s.at <= now),
      ...portinTimeline(now, order.number, fields, order.attempt),
    ];
  }
  return { OrderId: order.OrderId, Status: 'Updated', Message: 'Port-in order updated successfully' };
}

function rebuiltStatus(timeline: Order['timeline'], now: number): string | undefined {
  let status: string | undefined;
  for (const s of timeline) if (s.at <= now) status = s.status;
  return status;
}

/** POST /v1.0/numbers/portin/cancel: final. */
export function cancelPortin({ core, now, body }: HandlerContext): unknown {
  const order = openPortin(core, body, now);
  setStatusNow(order, now, 'Cancelled', null);
  return { OrderId: order.OrderId, Status: 'Cancelled' };
}
