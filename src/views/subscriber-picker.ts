import type { KnownBlock } from '@slack/types';
import { actions, button } from '../messages/blocks.js';
import { ACTION } from '../messages/ids.js';
import { type Choice, externalSelectInput } from './inputs.js';

/**
 * The subscriber a new number belongs to (Telegent: no orphan numbers), searchable by name or email, with
 * "New subscriber…" beside it for a customer Telegent does not know yet.
 */
export function subscriberPickerBlocks(hint: string, optional = false, initial?: Choice): KnownBlock[] {
  return [
    externalSelectInput({
      field: 'assignedSubscriberId',
      actionId: ACTION.subscriberPicker,
      hint,
      optional,
      initial,
    }),
    actions([button({ text: 'New subscriber…', actionId: ACTION.newSubscriber })]),
  ];
}
