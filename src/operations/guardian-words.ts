import type { MessageFilterMode } from '../telegent/guardian-api.js';

/** What each text filter mode does, in words for the form and the card (reference §3.3). */
export const TEXT_MODE_WORDS: Record<MessageFilterMode, { name: string; does: string }> = {
  ACTIVE: { name: 'Active', does: 'blocked senders are dropped (they get no error)' },
  MONITOR_ONLY: {
    name: 'Monitor only',
    does: 'nothing is dropped: texts from blocked senders are still delivered, only logged',
  },
  INACTIVE: { name: 'Paused', does: 'the text filter does nothing' },
};

/** A text filter's mode as people read it; an unknown value is shown raw. */
export function textModeWords(mode: string | null | undefined): string {
  const known = TEXT_MODE_WORDS[(mode ?? '').toUpperCase() as MessageFilterMode];
  return known ? known.name : mode || 'unknown';
}

/** A call filter's mode as people read it (an age preset set in the portal is shown raw). */
export function callModeWords(mode: string | null | undefined): string {
  switch ((mode ?? '').toUpperCase()) {
    case 'BLACKLIST':
      return 'Block list (everyone rings but the blocked)';
    case 'WHITELIST':
      return 'Allow list only (only allowed numbers ring)';
    default:
      return mode || 'unknown';
  }
}

/** "calls", "texts", "calls and texts". */
export function channelWords(channels: 'calls' | 'texts' | 'both'): string {
  return channels === 'both' ? 'calls and texts' : channels;
}
