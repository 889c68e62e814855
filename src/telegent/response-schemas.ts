import { z } from 'zod';
import type { OrderStatus } from './order-status.js';
import {
  looseArray,
  looseBoolean,
  looseString,
  optBoolean,
  optNumber,
  optString,
  phoneNumberItem,
} from './tolerant.js';

// Tolerant where Telegent's docs disagree, strict where it matters (see client.ts: an OrderId must
// come back from every order-creating mutation). Unknown fields are dropped, and so are fields that
// carry secrets (PortOutPin on numbers, webhook passwords on routes): nobody downstream needs them.

/** `Status` (port-in/out answers) and `OrderStatus` (provision, order details) become `OrderStatus`. */
function withOrderStatus<T extends { OrderStatus?: string | null; Status?: string | null }>(value: T) {
  const { Status, OrderStatus, ...rest } = value;
  return { ...rest, OrderStatus: (OrderStatus ?? Status ?? undefined) as OrderStatus | undefined };
}

const statusFields = { OrderStatus: optString, Status: optString };

/** camelCase (documented sample bodies) and PascalCase (PM prose) token bodies both parse. */
export const TokenResponseSchema = z.preprocess(
  (value) =>
    value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]))
      : value,
  z.object({
    token: z.string().nullish(),
    successful: optBoolean,
    tokenExpiry: z.string().nullish(),
    apiEndpoint: z.string().nullish(),
    error: z.string().nullish(),
  }),
);
export type TokenResponse = z.output<typeof TokenResponseSchema>;

export const AvailabilityResponseSchema = z.object({
  RequestId: optString,
  RequestDate: optString,
  NumberType: optString,
  MessageEnabled: optBoolean,
  VoiceEnabled: optBoolean,
  AreaCode: optString,
  ZipCode: optString,
  PageNumber: optNumber,
  ResultsTotal: optNumber,
  AvailableNumberAreas: looseArray(z.object({ NGP: optString, AreaCode: optString, Zipcode: optString })),
  /** Older API generation: concrete numbers instead of areas. */
  NumbersAvailable: looseArray(phoneNumberItem),
});
export type AvailabilityResponse = z.output<typeof AvailabilityResponseSchema>;

export const ProvisionResponseSchema = z
  .object({
    OrderId: z.string().min(1),
    OrderDate: optString,
    ...statusFields,
    PhoneNumberAssigned: optString,
    PhoneNumberId: optString,
    QRCode: optString,
    ZipCode: optString,
    ICCID: optString,
    ErrorMessage: optString,
    SubscriberId: optString,
  })
  .transform(withOrderStatus);
export type ProvisionResponse = z.output<typeof ProvisionResponseSchema>;

export const OrderDetailsSchema = z
  .object({
    OrderId: looseString,
    OrderDate: optString,
    OrderType: optString,
    ...statusFields,
    OrderStatusMessage: optString,
    PhoneNumbersOrdered: looseArray(phoneNumberItem),
    PhoneNumberId: optString,
    PortInDate: optString,
    LastUpdated: optString,
  })
  .transform(withOrderStatus);
export type OrderDetails = z.output<typeof OrderDetailsSchema>;

export const PortInEligibilitySchema = z.object({
  PhoneNumber: optString,
  Eligible: looseBoolean,
  CurrentCarrier: optString,
  NumberType: optString,
  Message: optString,
});
export type PortInEligibility = z.output<typeof PortInEligibilitySchema>;

/** Port-in submit and port-out: an order was created. */
export const PortOrderCreatedSchema = z
  .object({
    OrderId: z.string().min(1),
    OrderDate: optString,
    ...statusFields,
    PhoneNumber: optString,
    ICCID: optString,
  })
  .transform(withOrderStatus);
export type PortOrderCreated = z.output<typeof PortOrderCreatedSchema>;

/** One number in a status-change answer (OAS `Numbers[]`; the older PM bodies say `NumbersChange(d)`). */
const StatusChangeNumberSchema = z.object({
  Number: optString,
  OriginalNumber: optString,
  NewNumber: optString,
  Iccid: optString,
  ICCID: optString,
  QrCode: optString,
});

/** POST /numbers/status (Op 11c): an order, whatever the change; swap-sim adds the new SIM's QR link. */
export const StatusChangeResponseSchema = z
  .object({
    OrderId: z.string().min(1),
    OrderDate: optString,
    ...statusFields,
    ChangeType: optString,
    EffectiveDate: optString,
    Numbers: looseArray(StatusChangeNumberSchema).optional(),
    NumbersChange: looseArray(StatusChangeNumberSchema).optional(),
    NumbersChanged: looseArray(StatusChangeNumberSchema).optional(),
  })
  .transform(({ Numbers, NumbersChange, NumbersChanged, ...rest }) => ({
    ...withOrderStatus(rest),
    Numbers: (Numbers ?? NumbersChange ?? NumbersChanged ?? []).map(({ ICCID, Iccid, ...n }) => ({
      ...n,
      Iccid: Iccid ?? ICCID ?? undefined,
    })),
  }));
export type StatusChangeResponse = z.output<typeof StatusChangeResponseSchema>;

/** POST /numbers/update: the record echoed with an update order (usually already Complete). */
export const NumberUpdateResponseSchema = z.object({
  Number: optString,
  UpdateOrderId: optString,
  UpdateOrderDate: optString,
  UpdateOrderStatus: optString,
  AssignedSubscriberId: optString,
  Iccid: optString,
  MessageRouteId: optString,
  VoiceRouteId: optString,
  Cnam: optString,
});
export type NumberUpdateResponse = z.output<typeof NumberUpdateResponseSchema>;

const DistributorAccountSchema = z.object({
  AccountId: looseString,
  AccountName: optString,
  CompanyName: optString,
  TotalSubscribers: optNumber,
});

/**
 * GET /distributor/accounts: documented as one account object, inferred to be a list in practice; both,
 * and `{Accounts: [...]}`, become a list.
 */
export const DistributorAccountsSchema = z.preprocess((value) => {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object' && Array.isArray((value as { Accounts?: unknown }).Accounts))
    return (value as { Accounts: unknown[] }).Accounts;
  return value && typeof value === 'object' ? [value] : value;
}, looseArray(DistributorAccountSchema));
export type DistributorAccounts = z.output<typeof DistributorAccountsSchema>;

/** Port-in update and cancel acknowledgements. */
export const PortInAckSchema = z
  .object({ OrderId: z.string().min(1), ...statusFields, Message: optString })
  .transform(withOrderStatus);
export type PortInAck = z.output<typeof PortInAckSchema>;

export const DataUsageSetResponseSchema = z.object({
  Status: optString,
  StatusMessage: optString,
  ValueUnit: optString,
  NotifyValue: optNumber,
  ThrottleValue: optNumber,
  ThrottleSpeed: optString,
  LimitValue: optNumber,
  PhoneNumbers: looseArray(phoneNumberItem),
});
export type DataUsageSetResponse = z.output<typeof DataUsageSetResponseSchema>;

export const DataUsageSettingsSchema = z.object({
  Status: optString,
  PhoneNumbers: looseArray(
    z.object({
      Number: looseString,
      Status: optString,
      StatusMessage: optString,
      NotifyValue: optNumber,
      LimitValue: optNumber,
      ThrottleValue: optNumber,
      /** Raw carrier code on read-back, e.g. `thr1024kbps`. */
      ThrottleSpeed: optString,
      ValueUnit: optString,
    }),
  ),
});
export type DataUsageSettings = z.output<typeof DataUsageSettingsSchema>;

export const DataUsageInfoSchema = z.object({
  Status: optString,
  PhoneNumbers: looseArray(
    z.object({
      Number: looseString,
      Status: optString,
      StatusMessage: optString,
      /** Human-readable with unit, e.g. `"0 B"`, `"20 MB"`. */
      Used: optString,
      Remaining: optString,
      CurrentBehavior: optString,
    }),
  ),
});
export type DataUsageInfo = z.output<typeof DataUsageInfoSchema>;

const numberRecordFields = {
  Number: looseString,
  OrderId: optString,
  NumberType: optString,
  MessageEnabled: optBoolean,
  MessageType: optString,
  Classification: optString,
  VoiceEnabled: optBoolean,
  MessageRouteId: optString,
  VoiceRouteId: optString,
  Status: optString,
  OriginalDatePurchased: optString,
  AssignedSubscriberId: optString,
  Iccid: optString,
  Cnam: optString,
  QrActivationLink: optString,
  SwapsRemaining: optNumber,
  NextSwapResetDate: optString,
  ProductType: optString,
};

/** Inventory says `Tnid`, number details say `TNID`: both become `Tnid`. */
export const NumberRecordSchema = z
  .object({ ...numberRecordFields, Tnid: optString, TNID: optString })
  .transform(({ TNID, Tnid, ...rest }) => ({ ...rest, Tnid: Tnid ?? TNID ?? undefined }));
export type NumberRecord = z.output<typeof NumberRecordSchema>;

export const InventoryPageSchema = z.object({
  AccountId: optString,
  AccountID: optString,
  TotalResults: optNumber,
  PageNumber: optNumber,
  Filter: optString,
  PhoneNumbers: looseArray(NumberRecordSchema),
});
export type InventoryPage = z.output<typeof InventoryPageSchema>;

export const MessageRouteSchema = z.object({
  MessageRouteId: looseString,
  AccountID: optString,
  AccountId: optString,
  RouteName: optString,
  MessageUrl: optString,
  MessageUrlMethod: optString,
  MessageRouteEnabled: optBoolean,
  MessageAuthenticationType: optString,
  CallbackMessageUrl: optString,
  CallbackMessageUrlMethod: optString,
  CallbackMessageAuthenticationType: optString,
});
export type MessageRoute = z.output<typeof MessageRouteSchema>;

export const VoiceRouteSchema = z.object({
  CallRouteId: looseString,
  CallRouteStatus: optString,
  AccountID: optString,
  AccountId: optString,
  RouteName: optString,
  RouteType: optString,
  VoiceUrlMethod: optString,
  RouteEnabled: optBoolean,
});
export type VoiceRoute = z.output<typeof VoiceRouteSchema>;

function routeListSchema<T extends z.ZodType>(item: T) {
  return z.object({
    AccountID: optString,
    AccountId: optString,
    TotalRoutes: optNumber,
    Results: looseArray(item),
  });
}
export const MessageRouteListSchema = routeListSchema(MessageRouteSchema);
export type MessageRouteList = z.output<typeof MessageRouteListSchema>;
export const VoiceRouteListSchema = routeListSchema(VoiceRouteSchema);
export type VoiceRouteList = z.output<typeof VoiceRouteListSchema>;

export const SubscriberSchema = z.object({
  SubscriberId: looseString,
  Name: optString,
  Email: optString,
  PhoneNumbers: looseArray(looseString),
  Role: optString,
  Account: z.object({ AccountId: optString, CompanyName: optString }).nullish(),
  Subscriptions: looseArray(z.record(z.string(), z.unknown())).optional(),
});
export type Subscriber = z.output<typeof SubscriberSchema>;

export const SubscriberPageSchema = z.object({
  PageNumber: optNumber,
  TotalSubscribers: optNumber,
  Subscribers: looseArray(SubscriberSchema),
});
export type SubscriberPage = z.output<typeof SubscriberPageSchema>;

/** The documented `{StatusCode, Message}`, ASP.NET ProblemDetails, or anything else. */
export const ErrorBodySchema = z.preprocess(
  (value) =>
    value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]))
      : value,
  z.object({
    statuscode: optNumber.catch(undefined),
    status: optNumber.catch(undefined),
    message: z.unknown().optional(),
    title: z.unknown().optional(),
    errors: z.unknown().optional(),
    traceid: z.unknown().optional(),
    error: z.unknown().optional(),
  }),
);

/** POST /message/outbound: the message as queued (its id, when Telegent gives one, is recorded). */
export const OutboundMessageSchema = z.object({
  MessageId: optString,
  Status: optString,
});
export type OutboundMessage = z.output<typeof OutboundMessageSchema>;
