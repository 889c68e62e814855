import type { HandlerContext } from '../context.js';
import { ApiError, badRequest, conflict, IN_USE_MESSAGE, IOT_A2P_MESSAGE, notFound } from '../errors.js';
import { optBool, optString, reqBool, reqEnum } from '../fields.js';
import { formatUsDate, requireIccid } from '../formats.js';
import { provisionTimeline } from '../lifecycle.js';
import {
  PROVISION_EMPTY_AREA_CODE,
  PROVISION_IN_USE_AREA_CODE,
  PROVISION_PENDING_ZIP_CODE,
} from '../magic.js';
import { takeNumber } from '../pool.js';
import { DEFAULT_DATA_SETTINGS } from '../seed.js';
import { orderKey } from '../state.js';
import { areaCodeParam, zipCodeParam } from './availability.js';
import { checkAccountId, findSubscriber } from './lookups.js';

export const PRODUCT_TYPES = ['Sms-Only', 'Data-Only', 'Sms+Data', 'Sms+Data+Voice'] as const;

/** POST /v1.0/numbers/provision */
export function provision({ core, now, body }: HandlerContext): unknown {
  const numberType = reqEnum(body, 'NumberType', ['mvno', 'iot'] as const);
  const messageType = reqEnum(body, 'MessageType', ['a2p', 'p2p'] as const);
  const messageEnabled = reqBool(body, 'MessageEnabled');
  const voiceEnabled = reqBool(body, 'VoiceEnabled');
  const productType = reqEnum(body, 'ProductType', PRODUCT_TYPES);
  const dataEnabled = optBool(body, 'DataEnabled') ?? productType.includes('Data');
  if (numberType === 'iot' && messageType === 'a2p') throw badRequest(IOT_A2P_MESSAGE);
  const messageRouteId = optString(body, 'MessageRouteId');
  if (!messageRouteId) throw badRequest('MessageRouteId is required');
  const voiceRouteId = optString(body, 'VoiceRouteId');
  if (voiceEnabled && !voiceRouteId) throw badRequest('VoiceRouteId is required when VoiceEnabled is true');
  const areaCode = areaCodeParam(body);
  const zipCode = zipCodeParam(body);
  const iccidInput = optString(body, 'ICCID');
  if (iccidInput) requireIccid(iccidInput);
  checkAccountId(core, optString(body, 'AccountId'));

  const route = core.data.messageRoutes.find(
    (r) => r.MessageRouteId.toLowerCase() === messageRouteId.toLowerCase(),
  );
  if (!route) throw notFound();
  const voiceRoute = voiceRouteId
    ? core.data.voiceRoutes.find((r) => r.CallRouteId.toLowerCase() === voiceRouteId.toLowerCase())
    : undefined;
  if (voiceRouteId && !voiceRoute) throw notFound();
  const subscriberId = optString(body, 'AssignedSubscriberId');
  const subscriber = subscriberId ? findSubscriber(core, subscriberId) : undefined;
  if (subscriberId && !subscriber) throw notFound();

  if (areaCode === PROVISION_IN_USE_AREA_CODE) throw conflict(IN_USE_MESSAGE);
  if (areaCode === PROVISION_EMPTY_AREA_CODE)
    throw new ApiError(
      404,
      `No numbers available in area code ${areaCode}. Search availability for another area.`,
    );
  const taken = takeNumber(core.data, areaCode, zipCode);
  if (!taken) throw new ApiError(404, 'No numbers available for the requested AreaCode/ZipCode.');

  const pending = zipCode === PROVISION_PENDING_ZIP_CODE;
  const iccid = iccidInput ?? `8901240${core.random.digits(13)}`;
  const orderId = core.newId('JNUOID');
  const phoneNumberId = core.newId('NID');
  const activation = core.random.uuid().slice(0, 23).toUpperCase();
  const qrCode = `https://quickchart.io/qr?text=LPA:1$SANDBOX.TELEGENT.TEST$${activation}&ecLevel=H&format=png`;
  core.data.numbers.set(taken.number, {
    Number: taken.number,
    Tnid: `TNID-${core.random.digits(13)}`,
    PhoneNumberId: phoneNumberId,
    OrderId: core.newId('TNOID'),
    NumberType: 'mobile',
    MessageEnabled: messageEnabled,
    MessageType: messageType,
    Classification: numberType === 'iot' ? 'IoT' : 'MVNO',
    VoiceEnabled: voiceEnabled,
    DataEnabled: dataEnabled,
    MessageRouteId: route.MessageRouteId,
    VoiceRouteId: voiceRoute?.CallRouteId ?? null,
    Status: pending ? 'Pending' : 'Active',
    OriginalDatePurchased: formatUsDate(new Date(now)),
    AssignedSubscriberId: subscriber?.SubscriberId ?? null,
    Iccid: iccid,
    Cnam: null,
    QrActivationLink: qrCode,
    SwapsRemaining: 2,
    NextSwapResetDate: null,
    ProductType: productType,
    PortOutPin: null,
    ZipCode: taken.zip.zip,
    data: { ...DEFAULT_DATA_SETTINGS },
    usedBytes: 0,
  });
  subscriber?.PhoneNumbers.push(taken.number);
  core.data.orders.set(orderKey(orderId), {
    OrderId: orderId,
    type: 'provision',
    createdAt: now,
    attemptStartedAt: now,
    number: taken.number,
    phoneNumberId,
    timeline: provisionTimeline(now, pending),
    attempt: 1,
    effectsApplied: false,
  });
  return {
    OrderDate: new Date(now).toISOString(),
    OrderId: orderId,
    OrderStatus: pending ? 'Pending' : 'Complete',
    PhoneNumberAssigned: taken.number,
    PhoneNumberId: phoneNumberId,
    QRCode: qrCode,
    ZipCode: taken.zip.zip,
    ICCID: iccid,
    ErrorMessage: null,
    SubscriberId: subscriber?.SubscriberId ?? null,
  };
}
