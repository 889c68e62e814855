import type { Handler } from './context.js';
import {
  addAllowedNumbers,
  addBlockedNumbers,
  createCallFilter,
  deleteCallFilter,
  listAllowedNumbers,
  listBlockedNumbers,
  listCallFilters,
  listCallKeywords,
  removeAllowedNumbers,
  removeBlockedNumbers,
  updateCallFilter,
} from './handlers/call-filter.js';
import { getGuardianFeatures, setGuardianFeatures } from './handlers/guardian-features.js';
import {
  addAllowedContacts,
  addBlockedContacts,
  createMessageFilter,
  deleteMessageFilter,
  listAllowedContacts,
  listBlockedContacts,
  listMessageFilters,
  listMessageKeywords,
  removeAllowedContacts,
  removeBlockedContacts,
  updateMessageFilter,
} from './handlers/message-filter.js';
import type { Route } from './routes.js';

const SUB = '/v1.0/subscribers';
const get = (handler: Handler): Route => ({ method: 'GET', handler });
const post = (handler: Handler): Route => ({ method: 'POST', handler });

/** AI Guardian (plans-guardian reference §3.0). */
export const GUARDIAN_ROUTES: Record<string, Route | Route[]> = {
  [`${SUB}/guardian-features`]: [get(getGuardianFeatures), post(setGuardianFeatures)],
  [`${SUB}/call-filter`]: [get(listCallFilters), post(createCallFilter)],
  [`${SUB}/call-filter/update`]: post(updateCallFilter),
  [`${SUB}/call-filter/delete`]: post(deleteCallFilter),
  [`${SUB}/call-filter/blocked-numbers`]: get(listBlockedNumbers),
  [`${SUB}/call-filter/blocked-numbers/add`]: post(addBlockedNumbers),
  [`${SUB}/call-filter/blocked-numbers/remove`]: post(removeBlockedNumbers),
  [`${SUB}/call-filter/allowed-numbers`]: get(listAllowedNumbers),
  [`${SUB}/call-filter/allowed-numbers/add`]: post(addAllowedNumbers),
  [`${SUB}/call-filter/allowed-numbers/remove`]: post(removeAllowedNumbers),
  [`${SUB}/call-filter/keywords`]: get(listCallKeywords),
  [`${SUB}/message-filter`]: [get(listMessageFilters), post(createMessageFilter)],
  [`${SUB}/message-filter/update`]: post(updateMessageFilter),
  [`${SUB}/message-filter/delete`]: post(deleteMessageFilter),
  [`${SUB}/message-filter/blocked-contacts`]: get(listBlockedContacts),
  [`${SUB}/message-filter/blocked-contacts/add`]: post(addBlockedContacts),
  [`${SUB}/message-filter/blocked-contacts/remove`]: post(removeBlockedContacts),
  [`${SUB}/message-filter/allowed-contacts`]: get(listAllowedContacts),
  [`${SUB}/message-filter/allowed-contacts/add`]: post(addAllowedContacts),
  [`${SUB}/message-filter/allowed-contacts/remove`]: post(removeAllowedContacts),
  [`${SUB}/message-filter/keywords`]: get(listMessageKeywords),
};

/** The Guardian paths that take a POST: every one changes state (what `mutations()` counts). */
export const GUARDIAN_WRITE_PATHS = Object.entries(GUARDIAN_ROUTES)
  .filter(([, routes]) => [routes].flat().some((r) => r.method === 'POST'))
  .map(([path]) => path);
