import type { KnownBlock } from '@slack/types';
import { actions, button, context } from '../../messages/blocks.js';
import { ACTION } from '../../messages/ids.js';
import { escapeMrkdwn } from '../../messages/limits.js';

/** Block id of the fold: the expanded form has no block with it. */
const MORE_OPTIONS_BLOCK = 'more-options';

/**
 * What a request form leaves folded, said in one line ("Also: phone line · person-to-person texts · …"), and the
 * "More options…" button that shows those fields. A person sees the defaults they accept without opening them.
 */
export function moreOptionsFold(defaults: readonly string[]): KnownBlock[] {
  return [
    context(`Also: ${defaults.map((text) => escapeMrkdwn(text)).join(' · ')}`),
    actions([button({ text: 'More options…', actionId: ACTION.moreOptions })], MORE_OPTIONS_BLOCK),
  ];
}
