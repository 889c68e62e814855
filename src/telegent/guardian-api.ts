import { z } from 'zod';
import type { Caller, CallOptions } from './caller.js';
import { type EndpointDef, TELEGENT_ENDPOINTS } from './endpoints.js';
import { validateRequest } from './request-validation.js';
import { looseArray, looseBoolean, looseString, optBoolean, optString } from './tolerant.js';

// AI Guardian (plans-guardian reference §3): a feature switch per subscriber, and one call filter and one
// message filter per (subscriber, line). Id keys differ by op (§6.8): create answers `FilterId`, update takes
// `FilterId`, delete and the list sub-resources take `CallFilterId` / `MessageFilterId`; the list payload is
// `Numbers` for calls and `Contacts` for texts.

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be E.164, e.g. +18015551234');
const id = z.string().min(1);

/**
 * `KeywordFilter` is a stringified JSON (§3.3), but some documented examples are malformed and the KB calls it an
 * array: kept as a string whatever arrives, so an update can send back what was read (update replaces, §6.10)
 * and one odd value does not fail the whole list.
 */
const keywordFilterRead = z
  .unknown()
  .transform((v) =>
    v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v),
  )
  .optional();

export const GuardianFeaturesSchema = z.object({
  SubscriberId: looseString,
  EnableIntelligentGuardianCalls: looseBoolean.nullish().transform((v) => v ?? false),
  EnableIntelligentGuardianMessages: looseBoolean.nullish().transform((v) => v ?? false),
});
export type GuardianFeatures = z.output<typeof GuardianFeaturesSchema>;

/** Both flags always sent: omission semantics are undocumented (§3.1). */
export const GuardianFeaturesRequestSchema = z.object({
  SubscriberId: id,
  EnableIntelligentGuardianCalls: z.boolean(),
  EnableIntelligentGuardianMessages: z.boolean(),
});
export type GuardianFeaturesRequest = z.input<typeof GuardianFeaturesRequestSchema>;

export const CALL_FILTER_MODES = ['WHITELIST', 'BLACKLIST', 'CHILD', 'TEENAGER', 'ADOLESCENT'] as const;
export const MESSAGE_FILTER_MODES = ['ACTIVE', 'MONITOR_ONLY', 'INACTIVE'] as const;
export type MessageFilterMode = (typeof MESSAGE_FILTER_MODES)[number];

export const CallFilterSchema = z.object({
  FilterId: looseString,
  SubscriberId: optString,
  Phone: optString,
  /** Shown raw (an age preset set in the portal is still a mode). */
  FilterMode: optString,
  AllowedNumbers: looseArray(looseString),
  BlockedNumbers: looseArray(looseString),
  EnableTranscription: optBoolean,
  /** Absent from the documented list answer (§3.4): an update built from a listed filter cannot keep it. */
  KeywordFilter: keywordFilterRead,
  TranscriptionAction: optString,
  WarningMessage: optString,
  NotificationPhones: looseArray(looseString),
  ApplyToInbound: optBoolean,
  ApplyToOutbound: optBoolean,
  BlockUnknownNumbers: optBoolean,
  BlockInternational: optBoolean,
  RecordFlaggedCalls: optBoolean,
});
export type CallFilter = z.output<typeof CallFilterSchema>;

export const MessageFilterSchema = z.object({
  FilterId: looseString,
  SubscriberId: optString,
  Phone: optString,
  FilterMode: optString,
  AllowedContacts: looseArray(looseString),
  BlockedContacts: looseArray(looseString),
  KeywordFilter: keywordFilterRead,
  NotificationPhones: looseArray(looseString),
  ApplyToInbound: optBoolean,
  ApplyToOutbound: optBoolean,
  BlockUnknownNumbers: optBoolean,
  BlockLinks: optBoolean,
  BlockMedia: optBoolean,
});
export type MessageFilter = z.output<typeof MessageFilterSchema>;

/** Options a create or update may set; update **replaces** the configuration (§3.3): send the whole object. */
const callFilterOptions = {
  AllowedNumbers: z.array(e164).optional(),
  BlockedNumbers: z.array(e164).optional(),
  EnableTranscription: z.boolean().optional(),
  KeywordFilter: z.string().optional(),
  TranscriptionAction: z.enum(['WARNING', 'TERMINATE', 'NOTIFY']).optional(),
  WarningMessage: z.string().optional(),
  NotificationPhones: z.array(e164).optional(),
  ApplyToInbound: z.boolean().optional(),
  ApplyToOutbound: z.boolean().optional(),
  BlockUnknownNumbers: z.boolean().optional(),
  BlockInternational: z.boolean().optional(),
  RecordFlaggedCalls: z.boolean().optional(),
};
export const CallFilterCreateRequestSchema = z.object({
  SubscriberId: id,
  Phone: e164,
  FilterMode: z.enum(CALL_FILTER_MODES),
  ...callFilterOptions,
});
export type CallFilterCreateRequest = z.input<typeof CallFilterCreateRequestSchema>;
/** Update accepts only WHITELIST | BLACKLIST: age presets are set on creation (§3.4). */
export const CallFilterUpdateRequestSchema = z.object({
  FilterId: id,
  FilterMode: z.enum(['WHITELIST', 'BLACKLIST']).optional(),
  ...callFilterOptions,
});
export type CallFilterUpdateRequest = z.input<typeof CallFilterUpdateRequestSchema>;

const messageFilterOptions = {
  AllowedContacts: z.array(e164).optional(),
  BlockedContacts: z.array(e164).optional(),
  KeywordFilter: z.string().optional(),
  NotificationPhones: z.array(e164).optional(),
  ApplyToInbound: z.boolean().optional(),
  ApplyToOutbound: z.boolean().optional(),
  BlockUnknownNumbers: z.boolean().optional(),
  BlockLinks: z.boolean().optional(),
  BlockMedia: z.boolean().optional(),
};
export const MessageFilterCreateRequestSchema = z.object({
  SubscriberId: id,
  Phone: e164,
  FilterMode: z.enum(MESSAGE_FILTER_MODES),
  ...messageFilterOptions,
});
export type MessageFilterCreateRequest = z.input<typeof MessageFilterCreateRequestSchema>;
export const MessageFilterUpdateRequestSchema = z.object({
  FilterId: id,
  FilterMode: z.enum(MESSAGE_FILTER_MODES).optional(),
  ...messageFilterOptions,
});
export type MessageFilterUpdateRequest = z.input<typeof MessageFilterUpdateRequestSchema>;

export const FilterDeletedSchema = z.object({
  Status: optString,
  FilterId: optString,
  DateDeleted: optString,
});
export type FilterDeleted = z.output<typeof FilterDeletedSchema>;

/**
 * A filter's keyword rules as the keywords GET answers them: the PARSED object (§3.5), which an update sends back
 * as `KeywordFilter: JSON.stringify(read)` (update replaces; the list answer leaves keywords out, §3.4).
 */
export const FilterKeywordsSchema = z.object({
  CustomKeywords: looseArray(looseString),
  SystemKeywords: z
    .record(z.string(), looseArray(looseString))
    .nullish()
    .transform((v) => v ?? {}),
  SeverityMap: z
    .record(z.string(), looseString)
    .nullish()
    .transform((v) => v ?? {}),
});
export type FilterKeywords = z.output<typeof FilterKeywordsSchema>;

/** The list GETs answer a bare array (§3.0); `{Results}` is accepted too. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      value && typeof value === 'object' && !Array.isArray(value) && 'Results' in value
        ? (value as { Results: unknown }).Results
        : value,
    looseArray(item),
  );

const CallNumbersChangeSchema = z.object({
  FilterId: optString,
  SubscriberId: optString,
  BlockedNumbers: looseArray(looseString).optional(),
  AllowedNumbers: looseArray(looseString).optional(),
});
const ContactsChangeSchema = z.object({
  FilterId: optString,
  SubscriberId: optString,
  BlockedContacts: looseArray(looseString).optional(),
  AllowedContacts: looseArray(looseString).optional(),
});

/** Which filter a list call names: the subscriber and the filter's id. */
export interface FilterRef {
  subscriberId: string;
  filterId: string;
}

/** A subscriber's filters (always filtered: with no SubscriberId the lists "return all", §6.13). */
export interface FilterQuery {
  subscriberId: string;
  /** The line (E.164): one filter per (subscriber, line). */
  phone?: string;
}

/** AI Guardian: `telegent.guardian.*`. Number lists answer the whole list after the change. */
export interface GuardianApi {
  getFeatures(subscriberId: string, options?: CallOptions): Promise<GuardianFeatures>;
  /** Mutation: both switches are sent. */
  setFeatures(request: GuardianFeaturesRequest, options?: CallOptions): Promise<GuardianFeatures>;

  listCallFilters(query: FilterQuery, options?: CallOptions): Promise<CallFilter[]>;
  createCallFilter(request: CallFilterCreateRequest, options?: CallOptions): Promise<CallFilter>;
  updateCallFilter(request: CallFilterUpdateRequest, options?: CallOptions): Promise<CallFilter>;
  deleteCallFilter(callFilterId: string, options?: CallOptions): Promise<FilterDeleted>;
  /** The call filter's keyword rules (the list answer leaves them out). */
  callFilterKeywords(filter: FilterRef, options?: CallOptions): Promise<FilterKeywords>;
  listBlockedNumbers(filter: FilterRef, options?: CallOptions): Promise<string[]>;
  addBlockedNumbers(filter: FilterRef, numbers: string[], options?: CallOptions): Promise<string[]>;
  removeBlockedNumbers(filter: FilterRef, numbers: string[], options?: CallOptions): Promise<string[]>;
  listAllowedNumbers(filter: FilterRef, options?: CallOptions): Promise<string[]>;
  addAllowedNumbers(filter: FilterRef, numbers: string[], options?: CallOptions): Promise<string[]>;
  removeAllowedNumbers(filter: FilterRef, numbers: string[], options?: CallOptions): Promise<string[]>;

  listMessageFilters(query: FilterQuery, options?: CallOptions): Promise<MessageFilter[]>;
  createMessageFilter(request: MessageFilterCreateRequest, options?: CallOptions): Promise<MessageFilter>;
  updateMessageFilter(request: MessageFilterUpdateRequest, options?: CallOptions): Promise<MessageFilter>;
  deleteMessageFilter(messageFilterId: string, options?: CallOptions): Promise<FilterDeleted>;
  messageFilterKeywords(filter: FilterRef, options?: CallOptions): Promise<FilterKeywords>;
  listBlockedContacts(filter: FilterRef, options?: CallOptions): Promise<string[]>;
  addBlockedContacts(filter: FilterRef, contacts: string[], options?: CallOptions): Promise<string[]>;
  removeBlockedContacts(filter: FilterRef, contacts: string[], options?: CallOptions): Promise<string[]>;
  listAllowedContacts(filter: FilterRef, options?: CallOptions): Promise<string[]>;
  addAllowedContacts(filter: FilterRef, contacts: string[], options?: CallOptions): Promise<string[]>;
  removeAllowedContacts(filter: FilterRef, contacts: string[], options?: CallOptions): Promise<string[]>;
}

export function createGuardianApi(caller: Caller): GuardianApi {
  const E = TELEGENT_ENDPOINTS;
  const filterQuery = (path: string, query: FilterQuery) => ({
    query: {
      SubscriberId: validateRequest(path, id, query.subscriberId),
      Phone: query.phone === undefined ? undefined : validateRequest(path, e164, query.phone),
    },
  });
  /** `CallFilterId` / `MessageFilterId`: the sub-resources' key. */
  const refQuery = (endpoint: EndpointDef, key: string, filter: FilterRef) => ({
    query: {
      SubscriberId: validateRequest(endpoint.path, id, filter.subscriberId),
      [key]: validateRequest(endpoint.path, id, filter.filterId),
    },
  });
  const list = (endpoint: EndpointDef, key: string) => async (filter: FilterRef, opts?: CallOptions) =>
    caller.call(endpoint, refQuery(endpoint, key, filter), listOf(looseString), opts);
  /** Add/remove: `{SubscriberId, <key>, <payload>: [...]}` → the list after the change. */
  const change =
    (endpoint: EndpointDef, key: string, payload: 'Numbers' | 'Contacts', answer: string) =>
    async (filter: FilterRef, values: string[], opts?: CallOptions) => {
      const body = {
        SubscriberId: validateRequest(endpoint.path, id, filter.subscriberId),
        [key]: validateRequest(endpoint.path, id, filter.filterId),
        [payload]: validateRequest(endpoint.path, z.array(e164).min(1), values),
      };
      const schema = payload === 'Numbers' ? CallNumbersChangeSchema : ContactsChangeSchema;
      const result = (await caller.call(endpoint, { body }, schema, opts)) as Record<string, unknown>;
      return (result[answer] as string[] | undefined) ?? [];
    };

  // Every method is async: a request our own validation refuses rejects the promise, never throws at the call.
  return {
    getFeatures: async (subscriberId, opts) =>
      caller.call(
        E.guardianFeaturesGet,
        { query: { SubscriberId: validateRequest(E.guardianFeaturesGet.path, id, subscriberId) } },
        GuardianFeaturesSchema,
        opts,
      ),
    setFeatures: async (request, opts) =>
      caller.call(
        E.guardianFeaturesSet,
        { body: validateRequest(E.guardianFeaturesSet.path, GuardianFeaturesRequestSchema, request) },
        GuardianFeaturesSchema,
        opts,
      ),

    listCallFilters: async (query, opts) =>
      caller.call(
        E.callFilterList,
        filterQuery(E.callFilterList.path, query),
        listOf(CallFilterSchema),
        opts,
      ),
    createCallFilter: async (request, opts) =>
      caller.call(
        E.callFilterCreate,
        { body: validateRequest(E.callFilterCreate.path, CallFilterCreateRequestSchema, request) },
        CallFilterSchema,
        opts,
      ),
    updateCallFilter: async (request, opts) =>
      caller.call(
        E.callFilterUpdate,
        { body: validateRequest(E.callFilterUpdate.path, CallFilterUpdateRequestSchema, request) },
        CallFilterSchema,
        opts,
      ),
    deleteCallFilter: async (callFilterId, opts) =>
      caller.call(
        E.callFilterDelete,
        { body: { CallFilterId: validateRequest(E.callFilterDelete.path, id, callFilterId) } },
        FilterDeletedSchema,
        opts,
      ),
    callFilterKeywords: async (filter, opts) =>
      caller.call(
        E.callFilterKeywords,
        refQuery(E.callFilterKeywords, 'CallFilterId', filter),
        FilterKeywordsSchema,
        opts,
      ),
    listBlockedNumbers: list(E.callBlockedList, 'CallFilterId'),
    addBlockedNumbers: change(E.callBlockedAdd, 'CallFilterId', 'Numbers', 'BlockedNumbers'),
    removeBlockedNumbers: change(E.callBlockedRemove, 'CallFilterId', 'Numbers', 'BlockedNumbers'),
    listAllowedNumbers: list(E.callAllowedList, 'CallFilterId'),
    addAllowedNumbers: change(E.callAllowedAdd, 'CallFilterId', 'Numbers', 'AllowedNumbers'),
    removeAllowedNumbers: change(E.callAllowedRemove, 'CallFilterId', 'Numbers', 'AllowedNumbers'),

    listMessageFilters: async (query, opts) =>
      caller.call(
        E.messageFilterList,
        filterQuery(E.messageFilterList.path, query),
        listOf(MessageFilterSchema),
        opts,
      ),
    createMessageFilter: async (request, opts) =>
      caller.call(
        E.messageFilterCreate,
        {
          body: validateRequest(E.messageFilterCreate.path, MessageFilterCreateRequestSchema, request),
        },
        MessageFilterSchema,
        opts,
      ),
    updateMessageFilter: async (request, opts) =>
      caller.call(
        E.messageFilterUpdate,
        {
          body: validateRequest(E.messageFilterUpdate.path, MessageFilterUpdateRequestSchema, request),
        },
        MessageFilterSchema,
        opts,
      ),
    deleteMessageFilter: async (messageFilterId, opts) =>
      caller.call(
        E.messageFilterDelete,
        {
          body: { MessageFilterId: validateRequest(E.messageFilterDelete.path, id, messageFilterId) },
        },
        FilterDeletedSchema,
        opts,
      ),
    messageFilterKeywords: async (filter, opts) =>
      caller.call(
        E.messageFilterKeywords,
        refQuery(E.messageFilterKeywords, 'MessageFilterId', filter),
        FilterKeywordsSchema,
        opts,
      ),
    listBlockedContacts: list(E.messageBlockedList, 'MessageFilterId'),
    addBlockedContacts: change(E.messageBlockedAdd, 'MessageFilterId', 'Contacts', 'BlockedContacts'),
    removeBlockedContacts: change(E.messageBlockedRemove, 'MessageFilterId', 'Contacts', 'BlockedContacts'),
    listAllowedContacts: list(E.messageAllowedList, 'MessageFilterId'),
    addAllowedContacts: change(E.messageAllowedAdd, 'MessageFilterId', 'Contacts', 'AllowedContacts'),
    removeAllowedContacts: change(E.messageAllowedRemove, 'MessageFilterId', 'Contacts', 'AllowedContacts'),
  };
}
