import type { HandlerContext } from '../context.js';
import { optBool, optEnum, reqEnum, reqString } from '../fields.js';
import { guardianKey, type MessageFilterRecord } from '../guardian-state.js';
import { e164List, keywordFilter } from './guardian-common.js';
import {
  changeSide,
  deleteFilter,
  type FilterKind,
  findFilter,
  listFilters,
  listKeywords,
  listSide,
  newFilterIdentity,
} from './guardian-filters.js';

// Message filters (plans-guardian reference §3.3): `MFID-…`, sub-resources keyed by `MessageFilterId` with
// `Contacts`. Modes: ACTIVE (violations blocked), MONITOR_ONLY (logged, delivered), INACTIVE (paused).

const MODES = ['ACTIVE', 'MONITOR_ONLY', 'INACTIVE'] as const;

type MessageConfig = Omit<MessageFilterRecord, 'FilterId' | 'SubscriberId' | 'Phone' | 'FilterMode'>;

/** Everything but identity and mode; a field not sent takes its default (empty list, false, null). */
function messageConfig(body: unknown): MessageConfig {
  return {
    AllowedContacts: e164List(body, 'AllowedContacts') ?? [],
    BlockedContacts: e164List(body, 'BlockedContacts') ?? [],
    KeywordFilter: keywordFilter(body),
    NotificationPhones: e164List(body, 'NotificationPhones') ?? [],
    ApplyToOutbound: optBool(body, 'ApplyToOutbound') ?? false,
    ApplyToInbound: optBool(body, 'ApplyToInbound') ?? false,
    BlockUnknownNumbers: optBool(body, 'BlockUnknownNumbers') ?? false,
    BlockLinks: optBool(body, 'BlockLinks') ?? false,
    BlockMedia: optBool(body, 'BlockMedia') ?? false,
  };
}

export const MESSAGE_FILTERS: FilterKind<MessageFilterRecord> = {
  noun: 'Message filter',
  prefix: 'MFID',
  idKey: 'MessageFilterId',
  payloadKey: 'Contacts',
  fields: { allowed: 'AllowedContacts', blocked: 'BlockedContacts' },
  store: (core) => core.data.guardian.messageFilters,
  listView: (record) => structuredClone(record),
};

/** POST /v1.0/subscribers/message-filter: answers the whole filter with `FilterId: MFID-…`. */
export function createMessageFilter({ core, body }: HandlerContext): unknown {
  const mode = reqEnum(body, 'FilterMode', MODES);
  const config = messageConfig(body);
  const identity = newFilterIdentity(core, MESSAGE_FILTERS, body);
  const record: MessageFilterRecord = { ...identity, FilterMode: mode, ...config };
  MESSAGE_FILTERS.store(core).set(guardianKey(record.FilterId), record);
  return structuredClone(record);
}

/**
 * POST /v1.0/subscribers/message-filter/update: takes `FilterId` (not MessageFilterId) and **replaces** the
 * configuration (§3.3): every field not sent is reset to its default, so the app must GET, change and send the
 * whole filter. FilterMode left out keeps the current mode (INFERRED); pause = `FilterMode: INACTIVE`.
 */
export function updateMessageFilter({ core, body }: HandlerContext): unknown {
  const record = findFilter(core, MESSAGE_FILTERS, reqString(body, 'FilterId'));
  const mode = optEnum(body, 'FilterMode', MODES);
  const config = messageConfig(body);
  Object.assign(record, config, mode ? { FilterMode: mode } : {});
  return structuredClone(record);
}

export const listMessageFilters = listFilters(MESSAGE_FILTERS);
export const deleteMessageFilter = deleteFilter(MESSAGE_FILTERS);
export const listBlockedContacts = listSide(MESSAGE_FILTERS, 'blocked');
export const addBlockedContacts = changeSide(MESSAGE_FILTERS, 'blocked', 'add');
export const removeBlockedContacts = changeSide(MESSAGE_FILTERS, 'blocked', 'remove');
export const listAllowedContacts = listSide(MESSAGE_FILTERS, 'allowed');
export const addAllowedContacts = changeSide(MESSAGE_FILTERS, 'allowed', 'add');
export const removeAllowedContacts = changeSide(MESSAGE_FILTERS, 'allowed', 'remove');
export const listMessageKeywords = listKeywords(MESSAGE_FILTERS);
