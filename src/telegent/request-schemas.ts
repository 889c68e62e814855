import { z } from 'zod';

// Structural checks only: Telegent's business rules (iot ⇒ p2p, Luhn, thresholds…) live in src/ops.

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be E.164, e.g. +18015551234');
const numberItem = z.object({ Number: e164 });

export const AvailabilityRequestSchema = z.object({
  NumberType: z.literal('mobile').default('mobile'),
  MessageEnabled: z.boolean(),
  VoiceEnabled: z.boolean(),
  MessageType: z.enum(['a2p', 'p2p']).optional(),
  PageNumber: z.number().int().positive().optional(),
  AreaCode: z.string().optional(),
  ZipCode: z.string().optional(),
});
export type AvailabilityRequest = z.input<typeof AvailabilityRequestSchema>;

export const ProductTypeSchema = z.enum(['Sms-Only', 'Data-Only', 'Sms+Data', 'Sms+Data+Voice']);

export const ProvisionRequestSchema = z.object({
  NumberType: z.enum(['mvno', 'iot']),
  MessageType: z.enum(['a2p', 'p2p']),
  MessageEnabled: z.boolean(),
  VoiceEnabled: z.boolean(),
  DataEnabled: z.boolean().optional(),
  ProductType: ProductTypeSchema,
  MessageRouteId: z.string().min(1).optional(),
  VoiceRouteId: z.string().min(1).optional(),
  AreaCode: z.string().optional(),
  ZipCode: z.string().optional(),
  ICCID: z.string().optional(),
  AssignedSubscriberId: z.string().optional(),
  AccountId: z.string().optional(),
});
export type ProvisionRequest = z.input<typeof ProvisionRequestSchema>;

export const PortInEligibilityRequestSchema = z.object({
  PhoneNumber: e164,
  /** Telegent documents both `mvno`/`iot` and `Mobile`/`Landline`; we send `mvno`/`iot`. */
  TargetClassification: z.string().min(1),
});
export type PortInEligibilityRequest = z.input<typeof PortInEligibilityRequestSchema>;

export const BillingAddressSchema = z.object({
  Street1: z.string().min(1),
  Street2: z.string().optional(),
  City: z.string().min(1),
  State: z.string().length(2),
  Zip: z.string().min(5),
});
export type BillingAddress = z.input<typeof BillingAddressSchema>;

export const PortInRequestSchema = z.object({
  PortInNumber: e164,
  CurrentCarrierName: z.string().min(1),
  CurrentAccountNumber: z.string().min(1),
  CurrentAccountPassword: z.string().min(1),
  CurrentBillingAddress: BillingAddressSchema,
  ICCID: z.string().optional(),
  TargetPortinClassification: z.enum(['mvno', 'iot']).optional(),
  SubscriberName: z.string().optional(),
  /** YYYY-MM-DD (the spec's format). */
  PortInDate: z.string().optional(),
  AccountId: z.string().optional(),
  AssignedSubscriberId: z.string().optional(),
});
export type PortInRequest = z.input<typeof PortInRequestSchema>;

export const PortInUpdateRequestSchema = z.object({
  OrderId: z.string().min(1),
  CurrentCarrierName: z.string().min(1).optional(),
  CurrentAccountNumber: z.string().min(1).optional(),
  CurrentAccountPassword: z.string().min(1).optional(),
  CurrentBillingAddress: BillingAddressSchema.partial().optional(),
  PortInDate: z.string().optional(),
  TargetPortinClassification: z.string().optional(),
  SubscriberName: z.string().optional(),
  ICCID: z.string().optional(),
});
export type PortInUpdateRequest = z.input<typeof PortInUpdateRequestSchema>;

export const PortInCancelRequestSchema = z.object({ OrderId: z.string().min(1) });

export const PortOutRequestSchema = z.object({
  PortOutNumber: e164,
  PortOutPIN: z.string().regex(/^\d{4,10}$/, 'must be 4–10 digits'),
});
export type PortOutRequest = z.input<typeof PortOutRequestSchema>;

/** Every ThrottleSpeed the Telegent docs mention (OAS has the mbps five, the guides add the kbps four). */
export const THROTTLE_SPEEDS = [
  '64-kbps',
  '128-kbps',
  '256-kbps',
  '512-kbps',
  '1-mbps',
  '5-mbps',
  '20-mbps',
  '50-mbps',
  '100-mbps',
] as const;
export const ThrottleSpeedSchema = z.enum(THROTTLE_SPEEDS);

export const DataUsageSetRequestSchema = z.object({
  // Telegent documents MB only: nothing else ever leaves the building (the form converts GB).
  ValueUnit: z.literal('MB').default('MB'),
  LimitValue: z.number().int().positive(),
  NotifyValue: z.number().int().positive().optional(),
  ThrottleValue: z.number().int().positive().optional(),
  ThrottleSpeed: ThrottleSpeedSchema.optional(),
  PhoneNumbers: z.array(numberItem).min(1),
});
export type DataUsageSetRequest = z.input<typeof DataUsageSetRequestSchema>;

/** The changes this app sends (the documented `swap` and `replace` pick a new number: not offered). */
export const STATUS_CHANGES = ['park', 'activate', 'swap-sim', 'cancel'] as const;
export type StatusChange = (typeof STATUS_CHANGES)[number];

export const StatusChangeRequestSchema = z.object({
  StatusChange: z.enum(STATUS_CHANGES),
  EffectiveDate: z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/, 'must be MM/DD/YYYY'),
  PhoneNumbers: z
    .array(
      z.object({
        Number: e164,
        ICCID: z
          .string()
          .regex(/^\d{19,20}$/)
          .optional(),
      }),
    )
    .min(1)
    .max(100),
});
export type StatusChangeRequest = z.input<typeof StatusChangeRequestSchema>;

export const NumberUpdateRequestSchema = z.object({
  Number: e164,
  AssignedSubscriberId: z.string().min(1).optional(),
  Iccid: z
    .string()
    .regex(/^\d{19,20}$/)
    .optional(),
  MessageRouteId: z.string().min(1).optional(),
  VoiceRouteId: z.string().min(1).optional(),
  CnamFirstName: z.string().min(1).max(15).optional(),
  CnamLastName: z.string().min(1).max(15).optional(),
});
export type NumberUpdateRequest = z.input<typeof NumberUpdateRequestSchema>;

export const PhoneNumberListSchema = z.array(e164).min(1);

export const InventoryQuerySchema = z.object({
  PageNumber: z.number().int().positive().optional(),
  /** `All`, `Active`, … (free string: Telegent does not document the set). */
  Filter: z.string().optional(),
  TotalNumbersRequested: z.number().int().positive().optional(),
});
export type InventoryQuery = z.input<typeof InventoryQuerySchema>;

export const NumberLookupSchema = z.union([
  z.object({ Number: e164 }),
  z.object({ PhoneNumber: e164 }),
  z.object({ ICCID: z.string().min(1) }),
]);
export type NumberLookup = z.input<typeof NumberLookupSchema>;

export const RouteListQuerySchema = z.object({ AccountId: z.string().optional() });
export type RouteListQuery = z.input<typeof RouteListQuerySchema>;

export const IdSchema = z.string().min(1);

/** POST /message/outbound (plans-guardian reference §5.2): one text from a messaging-enabled number of ours. */
export const OutboundMessageRequestSchema = z.object({
  To: z.array(z.object({ Number: e164 })).min(1),
  From: e164,
  Body: z.string().min(1).max(1600),
});
export type OutboundMessageRequest = z.input<typeof OutboundMessageRequestSchema>;

/** Roles a subscriber may be created with from Slack (`Account Admin` is Telegent's to hand out). */
export const SUBSCRIBER_ROLES = ['Subscriber', 'Manager'] as const;

export const SubscriberCreateRequestSchema = z.object({
  Name: z.string().min(1),
  Email: z.string().email(),
  PhoneNumbers: z.array(e164).default([]),
  Role: z.enum(SUBSCRIBER_ROLES),
  /** A temporary password: sent once, never stored or logged (the caller passes it as a secret). */
  Password: z.string().min(12),
  AccountId: z.string().optional(),
});
export type SubscriberCreateRequest = z.input<typeof SubscriberCreateRequestSchema>;

export const DistributorSubscribersQuerySchema = z.object({
  PageNumber: z.number().int().positive().optional(),
  TotalPerPage: z.number().int().positive().optional(),
  AccountId: z.string().optional(),
});
export type DistributorSubscribersQuery = z.input<typeof DistributorSubscribersQuerySchema>;
