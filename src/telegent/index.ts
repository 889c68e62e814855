export { type CarrierCodeExplanation, explainCarrierCode, KNOWN_CARRIER_CODES } from './carrier-codes.js';
export {
  type CallEvent,
  type CallOptions,
  createTelegentClient,
  type TelegentClient,
  type TelegentClientOptions,
} from './client.js';
export { TELEGENT_ENDPOINTS, type TelegentEndpointName } from './endpoints.js';
export {
  isTelegentError,
  TelegentError,
  type TelegentErrorKind,
  TelegentOutcomeUnknownError,
} from './errors.js';
export {
  isSuccessfulOrderStatus,
  isTerminalOrderStatus,
  KNOWN_ORDER_STATUSES,
  type KnownOrderStatus,
  type OrderStatus,
} from './order-status.js';
export {
  type CallPriority,
  InMemoryRateSlots,
  RateLimiter,
  type RateSlotSource,
  slotSpacingMs,
} from './rate-limiter.js';
export type * from './request-schemas.js';
export type * from './response-schemas.js';
export type { RetryOptions } from './retry-policy.js';
export { parseTokenExpiry, refreshMarginMs } from './token-cache.js';
export type { TimeoutOptions } from './transport.js';
