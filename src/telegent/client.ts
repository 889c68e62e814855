import { createHash } from 'node:crypto';
import { Keyv } from 'keyv';
import { type Logger, silentLogger } from '../log.js';
import { type CallEvent, Caller, type CallOptions } from './caller.js';
import { TELEGENT_ENDPOINTS } from './endpoints.js';
import { TelegentError } from './errors.js';
import { createGuardianApi, type GuardianApi } from './guardian-api.js';
import { createPlansApi, type PlansApi } from './plans-api.js';
import { InMemoryRateSlots, RateLimiter, type RateSlotSource } from './rate-limiter.js';
import {
  type AvailabilityRequest,
  AvailabilityRequestSchema,
  type DataUsageSetRequest,
  DataUsageSetRequestSchema,
  type DistributorSubscribersQuery,
  DistributorSubscribersQuerySchema,
  IdSchema,
  type InventoryQuery,
  InventoryQuerySchema,
  type NumberLookup,
  NumberLookupSchema,
  type NumberUpdateRequest,
  NumberUpdateRequestSchema,
  type OutboundMessageRequest,
  OutboundMessageRequestSchema,
  PhoneNumberListSchema,
  PortInCancelRequestSchema,
  type PortInEligibilityRequest,
  PortInEligibilityRequestSchema,
  type PortInRequest,
  PortInRequestSchema,
  type PortInUpdateRequest,
  PortInUpdateRequestSchema,
  type PortOutRequest,
  PortOutRequestSchema,
  type ProvisionRequest,
  ProvisionRequestSchema,
  type RouteListQuery,
  RouteListQuerySchema,
  type StatusChangeRequest,
  StatusChangeRequestSchema,
  type SubscriberCreateRequest,
  SubscriberCreateRequestSchema,
} from './request-schemas.js';
import { validateRequest as validate } from './request-validation.js';
import {
  type AvailabilityResponse,
  AvailabilityResponseSchema,
  type DataUsageInfo,
  DataUsageInfoSchema,
  type DataUsageSetResponse,
  DataUsageSetResponseSchema,
  type DataUsageSettings,
  DataUsageSettingsSchema,
  type DistributorAccounts,
  DistributorAccountsSchema,
  type InventoryPage,
  InventoryPageSchema,
  type MessageRouteList,
  MessageRouteListSchema,
  type NumberRecord,
  NumberRecordSchema,
  type NumberUpdateResponse,
  NumberUpdateResponseSchema,
  type OrderDetails,
  OrderDetailsSchema,
  type OutboundMessage,
  OutboundMessageSchema,
  type PortInAck,
  PortInAckSchema,
  type PortInEligibility,
  PortInEligibilitySchema,
  type PortOrderCreated,
  PortOrderCreatedSchema,
  type ProvisionResponse,
  ProvisionResponseSchema,
  type StatusChangeResponse,
  StatusChangeResponseSchema,
  type Subscriber,
  type SubscriberPage,
  SubscriberPageSchema,
  SubscriberSchema,
  type VoiceRouteList,
  VoiceRouteListSchema,
} from './response-schemas.js';
import { DEFAULT_RETRY, type RetryOptions } from './retry-policy.js';
import { type MintClaims, TokenCache } from './token-cache.js';
import { type TimeoutOptions, Transport } from './transport.js';

export type { CallEvent, CallOptions } from './caller.js';

export interface TelegentClientOptions {
  /** e.g. `https://api.telegent.com` (paths start with `/v1.0/`). */
  baseUrl: string;
  accountKey: string;
  accountSecret: string;
  /** Default `AID-…` for distributors: sent with provision and the route lists when not given. */
  accountId?: string;
  /** Requests per minute shared by all calls, token requests included (default 50). */
  rateLimitPerMinute?: number;
  /** A shared (e.g. Postgres-backed) slot source; overrides `rateLimitPerMinute`. */
  rateSlots?: RateSlotSource;
  /** Token cache; default an in-memory `new Keyv({ throwOnErrors: true })`. */
  tokenCache?: Keyv;
  /** With a token cache shared by replicas: who mints a scope's token (one replica, the others wait). */
  mintClaims?: MintClaims;
  logger?: Logger;
  timeouts?: TimeoutOptions;
  retry?: RetryOptions;
  onCall?: (event: CallEvent) => void;
  /** Clock for token refresh decisions (tests). */
  now?: () => number;
}

/** The typed Telegent API. Every method takes `{ priority, signal }` last (priority defaults to interactive). */
export interface TelegentClient {
  readonly baseUrl: string;
  /** A bearer token scoped to one API path (cached). For diagnostics only: never log or show it. */
  getToken(path: string, options?: CallOptions): Promise<string>;
  searchAvailability(request: AvailabilityRequest, options?: CallOptions): Promise<AvailabilityResponse>;
  /** Mutation. Resolves only with an OrderId; otherwise `TelegentOutcomeUnknownError` or a definite `TelegentError`. */
  provisionNumber(request: ProvisionRequest, options?: CallOptions): Promise<ProvisionResponse>;
  getOrder(orderId: string, options?: CallOptions): Promise<OrderDetails>;
  checkPortInEligibility(
    request: PortInEligibilityRequest,
    options?: CallOptions,
  ): Promise<PortInEligibility>;
  /** Mutation. */
  submitPortIn(request: PortInRequest, options?: CallOptions): Promise<PortOrderCreated>;
  /** Mutation. */
  updatePortIn(request: PortInUpdateRequest, options?: CallOptions): Promise<PortInAck>;
  /** Mutation. */
  cancelPortIn(orderId: string, options?: CallOptions): Promise<PortInAck>;
  /** Mutation: assigns a port-out PIN to a number. */
  setPortOutPin(request: PortOutRequest, options?: CallOptions): Promise<PortOrderCreated>;
  /** Mutation. */
  setDataUsageLimits(request: DataUsageSetRequest, options?: CallOptions): Promise<DataUsageSetResponse>;
  getDataUsageSettings(phoneNumbers: string[], options?: CallOptions): Promise<DataUsageSettings>;
  getDataUsageInfo(phoneNumbers: string[], options?: CallOptions): Promise<DataUsageInfo>;
  /** Mutation: park / activate / swap-sim / cancel one number (an order; swap-sim answers with a QR link). */
  changeNumberStatus(request: StatusChangeRequest, options?: CallOptions): Promise<StatusChangeResponse>;
  /** Mutation: a number's subscriber, SIM, routes or caller ID name. */
  updateNumber(request: NumberUpdateRequest, options?: CallOptions): Promise<NumberUpdateResponse>;
  listInventory(query?: InventoryQuery, options?: CallOptions): Promise<InventoryPage>;
  getNumber(lookup: NumberLookup, options?: CallOptions): Promise<NumberRecord>;
  listMessageRoutes(query?: RouteListQuery, options?: CallOptions): Promise<MessageRouteList>;
  listVoiceRoutes(query?: RouteListQuery, options?: CallOptions): Promise<VoiceRouteList>;
  getSubscriber(subscriberId: string, options?: CallOptions): Promise<Subscriber>;
  /** Mutation: a new subscriber (Email is unique platform-wide). The password is treated as a secret. */
  createSubscriber(request: SubscriberCreateRequest, options?: CallOptions): Promise<Subscriber>;
  /** The distributor's accounts (`AID-…`), for binding a channel to one. */
  listDistributorAccounts(options?: CallOptions): Promise<DistributorAccounts>;
  listDistributorSubscribers(
    query?: DistributorSubscribersQuery,
    options?: CallOptions,
  ): Promise<SubscriberPage>;
  /** Mutation: texts a number from one of ours (no idempotency key exists: callers claim before sending). */
  sendMessage(request: OutboundMessageRequest, options?: CallOptions): Promise<OutboundMessage>;
  /** Packages, products and subscriptions: what a line is billed on. */
  readonly plans: PlansApi;
  /** AI Guardian: the feature switch and the call and message filters of a subscriber's line. */
  readonly guardian: GuardianApi;
  /** Stops the limiter (queued calls reject) and closes the connection pool. */
  close(): Promise<void>;
}

export function createTelegentClient(options: TelegentClientOptions): TelegentClient {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const transport = new Transport(options.baseUrl, options.timeouts);
  const limiter = new RateLimiter(
    options.rateSlots ?? new InMemoryRateSlots(options.rateLimitPerMinute ?? 50),
  );
  const caller = new Caller({
    transport,
    limiter,
    retry: { ...DEFAULT_RETRY, ...definedOnly(options.retry ?? {}) },
    logger,
    accountKey: options.accountKey,
    accountSecret: options.accountSecret,
    onCall: options.onCall,
    now: Date.now,
  });
  caller.setTokens(
    new TokenCache({
      store: options.tokenCache ?? new Keyv({ throwOnErrors: true }),
      keyPrefix: `telegent-token:${createHash('sha256').update(options.accountKey).digest('hex').slice(0, 16)}`,
      mint: (apiEndpoint, priority) => caller.mintToken(apiEndpoint, priority),
      mintClaims: options.mintClaims,
      now,
    }),
  );
  const E = TELEGENT_ENDPOINTS;
  const accountId = options.accountId;
  /** The account the key belongs to, as the message routes answer names it (read once; a failure is read again). */
  let learnedAccount: Promise<string | undefined> | undefined;
  const keyAccount = (opts: CallOptions | undefined): Promise<string | undefined> => {
    learnedAccount ??= caller
      .call(E.messageRoutes, { query: {} }, MessageRouteListSchema, opts)
      .then((list) => list.AccountID ?? list.AccountId ?? list.Results[0]?.AccountID ?? undefined)
      .catch(() => undefined);
    const pending = learnedAccount;
    pending.then((found) => {
      if (!found && learnedAccount === pending) learnedAccount = undefined;
    });
    return pending;
  };

  return {
    baseUrl: options.baseUrl,

    getToken: async (path, opts) => caller.token(transport.urlFor(path), opts),

    searchAvailability: async (request, opts) =>
      caller.call(
        E.availability,
        { body: validate(E.availability.path, AvailabilityRequestSchema, request) },
        AvailabilityResponseSchema,
        opts,
      ),

    provisionNumber: async (request, opts) => {
      const body = validate(E.provision.path, ProvisionRequestSchema, request);
      return caller.call(
        E.provision,
        { body: { ...body, AccountId: body.AccountId ?? accountId } },
        ProvisionResponseSchema,
        opts,
      );
    },

    getOrder: async (orderId, opts) =>
      caller.call(
        E.order,
        { query: { OrderId: validate(E.order.path, IdSchema, orderId) } },
        OrderDetailsSchema,
        opts,
      ),

    checkPortInEligibility: async (request, opts) =>
      caller.call(
        E.portInEligibility,
        { body: validate(E.portInEligibility.path, PortInEligibilityRequestSchema, request) },
        PortInEligibilitySchema,
        opts,
      ),

    submitPortIn: async (request, opts) => {
      const body = validate(E.portIn.path, PortInRequestSchema, request);
      const secrets = [body.CurrentAccountNumber, body.CurrentAccountPassword];
      return caller.call(E.portIn, { body, secrets }, PortOrderCreatedSchema, opts);
    },

    updatePortIn: async (request, opts) => {
      const body = validate(E.portInUpdate.path, PortInUpdateRequestSchema, request);
      const secrets = [body.CurrentAccountNumber, body.CurrentAccountPassword].filter(
        (s): s is string => !!s,
      );
      const ack = await caller.call(E.portInUpdate, { body, secrets }, PortInAckSchema, opts);
      return { ...ack, OrderId: ack.OrderId ?? body.OrderId };
    },

    cancelPortIn: async (orderId, opts) => {
      const body = validate(E.portInCancel.path, PortInCancelRequestSchema, { OrderId: orderId });
      const ack = await caller.call(E.portInCancel, { body }, PortInAckSchema, opts);
      return { ...ack, OrderId: ack.OrderId ?? body.OrderId };
    },

    setPortOutPin: async (request, opts) => {
      const body = validate(E.portOut.path, PortOutRequestSchema, request);
      return caller.call(E.portOut, { body, secrets: [body.PortOutPIN] }, PortOrderCreatedSchema, opts);
    },

    setDataUsageLimits: async (request, opts) =>
      caller.call(
        E.dataUsageSet,
        { body: validate(E.dataUsageSet.path, DataUsageSetRequestSchema, request) },
        DataUsageSetResponseSchema,
        opts,
      ),

    getDataUsageSettings: async (phoneNumbers, opts) =>
      caller.call(
        E.dataUsageSettings,
        { body: { PhoneNumbers: numbers(E.dataUsageSettings.path, phoneNumbers) } },
        DataUsageSettingsSchema,
        opts,
      ),

    getDataUsageInfo: async (phoneNumbers, opts) =>
      caller.call(
        E.dataUsageInfo,
        { body: { PhoneNumbers: numbers(E.dataUsageInfo.path, phoneNumbers) } },
        DataUsageInfoSchema,
        opts,
      ),

    changeNumberStatus: async (request, opts) =>
      caller.call(
        E.statusChange,
        { body: validate(E.statusChange.path, StatusChangeRequestSchema, request) },
        StatusChangeResponseSchema,
        opts,
      ),

    updateNumber: async (request, opts) => {
      const answer = await caller.call(
        E.numberUpdate,
        { body: validate(E.numberUpdate.path, NumberUpdateRequestSchema, request) },
        NumberUpdateResponseSchema,
        opts,
      );
      // A 200 whose update order Failed is a definite refusal, not a success.
      if (answer.UpdateOrderStatus?.toLowerCase() === 'failed') {
        throw new TelegentError({
          kind: 'rejected',
          endpoint: E.numberUpdate.path,
          status: 200,
          telegentMessage: `update order ${answer.UpdateOrderId ?? '(no id)'} Failed`,
        });
      }
      return answer;
    },

    listInventory: async (query = {}, opts) =>
      caller.call(
        E.inventory,
        { query: validate(E.inventory.path, InventoryQuerySchema, query) },
        InventoryPageSchema,
        opts,
      ),

    getNumber: async (lookup, opts) =>
      caller.call(
        E.number,
        { query: validate(E.number.path, NumberLookupSchema, lookup) },
        NumberRecordSchema,
        opts,
      ),

    listMessageRoutes: async (query = {}, opts) => {
      const q = validate(E.messageRoutes.path, RouteListQuerySchema, query);
      return caller.call(
        E.messageRoutes,
        { query: { AccountId: q.AccountId ?? accountId } },
        MessageRouteListSchema,
        opts,
      );
    },

    listVoiceRoutes: async (query = {}, opts) => {
      const q = validate(E.voiceRoutes.path, RouteListQuerySchema, query);
      return caller.call(
        E.voiceRoutes,
        { query: { AccountId: q.AccountId ?? accountId } },
        VoiceRouteListSchema,
        opts,
      );
    },

    getSubscriber: async (subscriberId, opts) =>
      caller.call(
        E.subscriber,
        { query: { SubscriberId: validate(E.subscriber.path, IdSchema, subscriberId) } },
        SubscriberSchema,
        opts,
      ),

    createSubscriber: async (request, opts) => {
      const body = validate(E.subscriberCreate.path, SubscriberCreateRequestSchema, request);
      // Telegent requires the account: the channel's, else TELEGENT_ACCOUNT_ID, else the key's own account.
      const account = body.AccountId ?? accountId ?? (await keyAccount(opts));
      if (!account) {
        throw new TelegentError({
          kind: 'invalid-request',
          endpoint: E.subscriberCreate.path,
          telegentMessage: 'AccountId unknown: not given, not configured, not in the routes answer',
          hint: NO_ACCOUNT_HINT,
        });
      }
      return caller.call(
        E.subscriberCreate,
        { body: { ...body, AccountId: account }, secrets: [body.Password] },
        SubscriberSchema,
        opts,
      );
    },

    listDistributorAccounts: async (opts) =>
      caller.call(E.distributorAccounts, {}, DistributorAccountsSchema, opts),

    listDistributorSubscribers: async (query = {}, opts) =>
      caller.call(
        E.distributorSubscribers,
        { query: validate(E.distributorSubscribers.path, DistributorSubscribersQuerySchema, query) },
        SubscriberPageSchema,
        opts,
      ),

    sendMessage: async (request, opts) =>
      caller.call(
        E.messageOutbound,
        { body: validate(E.messageOutbound.path, OutboundMessageRequestSchema, request) },
        OutboundMessageSchema,
        opts,
      ),

    plans: createPlansApi(caller, accountId),
    guardian: createGuardianApi(caller),

    close: async () => {
      limiter.close();
      await transport.close();
    },
  };
}

/** Said when a new subscriber's account cannot be known: what to set. */
export const NO_ACCOUNT_HINT =
  'Telegent needs the account a new subscriber belongs to: set TELEGENT_ACCOUNT_ID to your AID-… (from your Telegent representative), or have an approver bind this channel with /telegent account AID-…';

function numbers(endpoint: string, phoneNumbers: string[]): Array<{ Number: string }> {
  return validate(endpoint, PhoneNumberListSchema, phoneNumbers).map((n) => ({ Number: n }));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
