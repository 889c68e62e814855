import type { SandboxCore } from './core.js';
import type { CallFilterRecord, MessageFilterRecord } from './guardian-state.js';
import { guardianKey } from './guardian-state.js';

type Required3 = 'SubscriberId' | 'Phone' | 'FilterMode';
export type CallFilterSeed = Pick<CallFilterRecord, Required3> & Partial<CallFilterRecord>;
export type MessageFilterSeed = Pick<MessageFilterRecord, Required3> & Partial<MessageFilterRecord>;

const CALL_DEFAULTS: Omit<CallFilterRecord, 'FilterId' | Required3> = {
  AllowedNumbers: [],
  BlockedNumbers: [],
  EnableTranscription: false,
  KeywordFilter: null,
  TranscriptionAction: null,
  WarningMessage: null,
  NotificationPhones: [],
  ApplyToOutbound: false,
  ApplyToInbound: false,
  BlockUnknownNumbers: false,
  BlockInternational: false,
  RecordFlaggedCalls: false,
  TimeRestrictions: null,
};

const MESSAGE_DEFAULTS: Omit<MessageFilterRecord, 'FilterId' | Required3> = {
  AllowedContacts: [],
  BlockedContacts: [],
  KeywordFilter: null,
  NotificationPhones: [],
  ApplyToOutbound: false,
  ApplyToInbound: false,
  BlockUnknownNumbers: false,
  BlockLinks: false,
  BlockMedia: false,
};

/**
 * Puts a filter straight into the sandbox, with none of the API's checks: for states the API will not make,
 * such as the duplicate filter the KB says can exist on Telegent's side (§6.13), an age preset, or a line that is
 * not the subscriber's. Returns the stored record.
 */
export function seedCallFilter(core: SandboxCore, seed: CallFilterSeed): CallFilterRecord {
  const record: CallFilterRecord = {
    FilterId: core.newId('CFID'),
    ...structuredClone(CALL_DEFAULTS),
    ...structuredClone(seed),
  };
  core.data.guardian.callFilters.set(guardianKey(record.FilterId), record);
  return structuredClone(record);
}

export function seedMessageFilter(core: SandboxCore, seed: MessageFilterSeed): MessageFilterRecord {
  const record: MessageFilterRecord = {
    FilterId: core.newId('MFID'),
    ...structuredClone(MESSAGE_DEFAULTS),
    ...structuredClone(seed),
  };
  core.data.guardian.messageFilters.set(guardianKey(record.FilterId), record);
  return structuredClone(record);
}
