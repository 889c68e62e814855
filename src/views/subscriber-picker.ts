import type { KnownBlock } from '@slack/types';
import { actions, button } from '../messages/blocks.js';
import { ACTION } from '../messages/ids.js';
import { externalSelectInput } from './inputs.js';

/**
 * The subscriber a new number belongs to (Telegent: no orphan numbers), searchable by name or email, with
 * "New subscriber…" beside it for a customer Telegent does not know yet.
 */
export function subscriberPickerBlocks(hint: string, optional = false): KnownBlock[] {
  return [
    externalSelectInput({ field: 'assignedSubscriberId', actionId: ACTION.subscriberPicker, hint, optional }),
    actions([button({ text: 'New subscriber…', actionId: ACTION.newSubscriber })]),
  ];
}
