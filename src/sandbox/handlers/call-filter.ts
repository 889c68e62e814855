import type { HandlerContext } from '../context.js';
import { badRequest } from '../errors.js';
import { field, optBool, optEnum, optString, reqEnum, reqString } from '../fields.js';
import { type CallFilterRecord, guardianKey } from '../guardian-state.js';
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

// Call filters (plans-guardian reference §3.4): `CFID-…`, sub-resources keyed by `CallFilterId` with `Numbers`.

const CREATE_MODES = ['WHITELIST', 'BLACKLIST', 'CHILD', 'TEENAGER', 'ADOLESCENT'] as const;
/** "Age presets must be set on creation": update takes only these. */
const UPDATE_MODES = ['WHITELIST', 'BLACKLIST'] as const;
const AGE_PRESETS: readonly string[] = ['CHILD', 'TEENAGER', 'ADOLESCENT'];
const TRANSCRIPTION_ACTIONS = ['WARNING', 'TERMINATE', 'NOTIFY'] as const;

type CallConfig = Omit<CallFilterRecord, 'FilterId' | 'SubscriberId' | 'Phone' | 'FilterMode'>;

/**
 * Everything but identity and mode, from a create or update body. A field not sent takes its default (empty
 * list, false, null): the OAS create example answers `Apply*`/`Block*` false when the request left them out.
 */
function callConfig(body: unknown): CallConfig {
  return {
    AllowedNumbers: e164List(body, 'AllowedNumbers') ?? [],
    BlockedNumbers: e164List(body, 'BlockedNumbers') ?? [],
    EnableTranscription: optBool(body, 'EnableTranscription') ?? false,
    KeywordFilter: keywordFilter(body),
    TranscriptionAction: optEnum(body, 'TranscriptionAction', TRANSCRIPTION_ACTIONS) ?? null,
    WarningMessage: optString(body, 'WarningMessage') ?? null,
    NotificationPhones: e164List(body, 'NotificationPhones') ?? [],
    ApplyToOutbound: optBool(body, 'ApplyToOutbound') ?? false,
    ApplyToInbound: optBool(body, 'ApplyToInbound') ?? false,
    BlockUnknownNumbers: optBool(body, 'BlockUnknownNumbers') ?? false,
    BlockInternational: optBool(body, 'BlockInternational') ?? false,
    RecordFlaggedCalls: optBool(body, 'RecordFlaggedCalls') ?? false,
    TimeRestrictions: structuredClone(field(body, 'TimeRestrictions') ?? null),
  };
}

export const CALL_FILTERS: FilterKind<CallFilterRecord> = {
  noun: 'Call filter',
  prefix: 'CFID',
  idKey: 'CallFilterId',
  payloadKey: 'Numbers',
  fields: { allowed: 'AllowedNumbers', blocked: 'BlockedNumbers' },
  store: (core) => core.data.guardian.callFilters,
  // The documented list example leaves KeywordFilter out (read it with the keywords op).
  listView: ({ KeywordFilter: _keywords, ...rest }) => structuredClone(rest),
};

/**
 * POST /v1.0/subscribers/call-filter: answers the whole filter with `FilterId: CFID-…`. Age presets need a
 * guardian relation (§3.4); the sandbox models no relations, so they are refused (INFERRED wording).
 */
export function createCallFilter({ core, body }: HandlerContext): unknown {
  const mode = reqEnum(body, 'FilterMode', CREATE_MODES);
  if (AGE_PRESETS.includes(mode))
    throw badRequest(`FilterMode ${mode} needs a guardian relation to this subscriber; none exists.`);
  const config = callConfig(body);
  const identity = newFilterIdentity(core, CALL_FILTERS, body);
  const record: CallFilterRecord = { ...identity, FilterMode: mode, ...config };
  CALL_FILTERS.store(core).set(guardianKey(record.FilterId), record);
  return structuredClone(record);
}

/**
 * POST /v1.0/subscribers/call-filter/update: takes `FilterId` (not CallFilterId) and **replaces** the
 * configuration (§3.3/§6.10): every field not sent is reset to its default (lists emptied, switches off), so the
 * app must GET the filter, change it and send it whole. FilterMode, optional here, keeps the current mode when
 * left out (INFERRED: the mode is what the filter is); SubscriberId and Phone cannot change. The answer is
 * trimmed as documented: no `Apply*`/`Block*` fields.
 */
export function updateCallFilter({ core, body }: HandlerContext): unknown {
  const record = findFilter(core, CALL_FILTERS, reqString(body, 'FilterId'));
  const asked = optString(body, 'FilterMode');
  if (asked && AGE_PRESETS.includes(asked.toUpperCase()))
    throw badRequest('FilterMode must be WHITELIST or BLACKLIST: age presets are set on creation.');
  const mode = optEnum(body, 'FilterMode', UPDATE_MODES);
  const config = callConfig(body);
  Object.assign(record, config, mode ? { FilterMode: mode } : {});
  const {
    ApplyToOutbound: _out,
    ApplyToInbound: _in,
    BlockUnknownNumbers: _unknown,
    BlockInternational: _international,
    ...trimmed
  } = record;
  return structuredClone(trimmed);
}

export const listCallFilters = listFilters(CALL_FILTERS);
export const deleteCallFilter = deleteFilter(CALL_FILTERS);
export const listBlockedNumbers = listSide(CALL_FILTERS, 'blocked');
export const addBlockedNumbers = changeSide(CALL_FILTERS, 'blocked', 'add');
export const removeBlockedNumbers = changeSide(CALL_FILTERS, 'blocked', 'remove');
export const listAllowedNumbers = listSide(CALL_FILTERS, 'allowed');
export const addAllowedNumbers = changeSide(CALL_FILTERS, 'allowed', 'add');
export const removeAllowedNumbers = changeSide(CALL_FILTERS, 'allowed', 'remove');
export const listCallKeywords = listKeywords(CALL_FILTERS);
