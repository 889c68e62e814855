/** AI Guardian state (plans-guardian reference §3): kept apart from state.ts so the Guardian model reads in one place. */

/** The feature switch of one subscriber; a subscriber never configured has both off. */
export interface GuardianSwitch {
  EnableIntelligentGuardianCalls: boolean;
  EnableIntelligentGuardianMessages: boolean;
}

/** A call filter as create answers it (§3.4), field order as in the OAS example. */
export interface CallFilterRecord {
  FilterId: string;
  SubscriberId: string;
  Phone: string;
  FilterMode: string;
  AllowedNumbers: string[];
  BlockedNumbers: string[];
  EnableTranscription: boolean;
  /** Stringified JSON (§3.3), null when none was sent. */
  KeywordFilter: string | null;
  TranscriptionAction: string | null;
  WarningMessage: string | null;
  NotificationPhones: string[];
  ApplyToOutbound: boolean;
  ApplyToInbound: boolean;
  BlockUnknownNumbers: boolean;
  BlockInternational: boolean;
  RecordFlaggedCalls: boolean;
  /** "Reserved for future use": kept as sent. */
  TimeRestrictions: unknown;
}

/** A message filter (§3.3). */
export interface MessageFilterRecord {
  FilterId: string;
  SubscriberId: string;
  Phone: string;
  FilterMode: string;
  AllowedContacts: string[];
  BlockedContacts: string[];
  KeywordFilter: string | null;
  NotificationPhones: string[];
  ApplyToOutbound: boolean;
  ApplyToInbound: boolean;
  BlockUnknownNumbers: boolean;
  BlockLinks: boolean;
  BlockMedia: boolean;
}

export interface GuardianData {
  /** Keyed by SubscriberId, lower-cased. */
  switches: Map<string, GuardianSwitch>;
  /** Keyed by FilterId, lower-cased; insertion order = creation order. */
  callFilters: Map<string, CallFilterRecord>;
  messageFilters: Map<string, MessageFilterRecord>;
}

export const guardianKey = (id: string) => id.trim().toLowerCase();
