/** The sandbox's data model: one distributor key, one direct account under it. */

import type { PlansData } from './plans-state.js';

export interface DataSettings {
  ValueUnit: string;
  NotifyValue: number | null;
  ThrottleValue: number | null;
  ThrottleSpeed: string | null;
  LimitValue: number;
}

export interface NumberRecord {
  Number: string;
  Tnid: string;
  PhoneNumberId: string;
  OrderId: string;
  NumberType: string;
  MessageEnabled: boolean;
  MessageType: string;
  Classification: 'MVNO' | 'IoT';
  VoiceEnabled: boolean;
  DataEnabled: boolean;
  MessageRouteId: string | null;
  VoiceRouteId: string | null;
  Status: string;
  OriginalDatePurchased: string | null;
  AssignedSubscriberId: string | null;
  Iccid: string | null;
  Cnam: string | null;
  QrActivationLink: string | null;
  SwapsRemaining: number;
  NextSwapResetDate: string | null;
  ProductType: string | null;
  PortOutPin: string | null;
  ZipCode: string | null;
  data: DataSettings;
  usedBytes: number;
}

export interface BillingAddress {
  Street1?: string;
  Street2?: string;
  City?: string;
  State?: string;
  Zip?: string;
}

export interface PortinFields {
  CurrentCarrierName: string;
  CurrentAccountNumber: string;
  CurrentAccountPassword: string;
  CurrentBillingAddress: BillingAddress;
  ICCID: string | null;
  TargetPortinClassification: string | null;
  SubscriberName: string | null;
  PortInDate: string | null;
  AssignedSubscriberId: string | null;
}

export interface TimelineStep {
  /** Sandbox epoch ms. */
  at: number;
  status: string;
  message: string | null;
}

export type OrderType = 'provision' | 'portin' | 'portout' | 'status-change' | 'number-update';

/** What a status-change order does to its number when it completes (at once, or on its EffectiveDate). */
export interface StatusChangeFields {
  change: 'activate' | 'park' | 'cancel' | 'swap-sim';
  /** swap-sim: the SIM the number moves to. */
  iccid?: string;
}

export interface Order {
  OrderId: string;
  type: OrderType;
  createdAt: number;
  /** Start of the current (re)submission; the timeline is measured from it. */
  attemptStartedAt: number;
  number: string;
  /** A status change of several numbers (one order, a list): all of them, `number` first. */
  numbers?: string[];
  phoneNumberId: string | null;
  timeline: TimelineStep[];
  /** Port-in submissions so far (1 = first); some magic applies to the first attempt only. */
  attempt: number;
  portin?: PortinFields;
  statusChange?: StatusChangeFields;
  /** Set once the terminal success side effect ran (number activated / added to inventory). */
  effectsApplied: boolean;
}

export interface MessageRoute {
  MessageRouteId: string;
  AccountID: string;
  RouteName: string;
  MessageUrl: string;
  MessageUrlMethod: string;
  MessageRouteEnabled: boolean;
  MessageAuthenticationType: string;
  MessageUsername: string | null;
  MessagePasswordToken: string | null;
  CallbackMessageUrl: string | null;
  CallbackMessageUrlMethod: string | null;
  CallbackMessageAuthenticationType: string | null;
  CallbackMessageUsername: string | null;
  CallbackMessagePasswordToken: string | null;
}

export type VoiceRoute = Record<string, unknown> & { CallRouteId: string };

export interface Subscriber {
  SubscriberId: string;
  Name: string;
  Email: string;
  PhoneNumbers: string[];
  Role: string;
  /** null = not attached to an account (the distributor list shows `Account: null`). */
  AccountId: string | null;
}

export interface PoolZip {
  areaCode: string;
  zip: string;
  ngp: string;
  exchange: string;
  /** Next line number to hand out (1000–9999). */
  nextLine: number;
}

/** A text sent through `POST /v1.0/message/outbound` (kept so tests can count what reached a line). */
export interface SentMessage {
  MessageId: string;
  From: string;
  To: string[];
  Body: string;
  /** Sandbox epoch ms. */
  at: number;
}

export interface SandboxData {
  accountId: string;
  companyName: string;
  numbers: Map<string, NumberRecord>;
  orders: Map<string, Order>;
  messageRoutes: MessageRoute[];
  voiceRoutes: VoiceRoute[];
  subscribers: Subscriber[];
  /** AI Guardian switches and filters of the subscribers (guardian-state.ts). */
  guardian: import('./guardian-state.js').GuardianData;
  pool: PoolZip[];
  messages: SentMessage[];
  /** Packages, products and subscriptions (plans-state.ts). */
  plans: PlansData;
}

export const orderKey = (orderId: string) =>
  orderId
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+-/, '');
