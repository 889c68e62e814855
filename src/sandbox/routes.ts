import { issueToken } from './auth.js';
import type { Handler } from './context.js';
import { GUARDIAN_ROUTES } from './guardian-routes.js';
import {
  createSubscriber,
  distributorAccounts,
  distributorSubscribers,
  getSubscriber,
  messageRoutes,
  voiceRoutes,
} from './handlers/account.js';
import { availability } from './handlers/availability.js';
import { dataUsageInfo, dataUsageSettings, setDataUsage } from './handlers/data-usage.js';
import { inventory, numberLookup } from './handlers/inventory.js';
import { outboundMessage } from './handlers/message.js';
import { numberUpdate } from './handlers/number-update.js';
import { getOrder } from './handlers/orders.js';
import { cancelPortin, eligibility, submitPortin, updatePortin } from './handlers/portin.js';
import { portout } from './handlers/portout.js';
import { provision } from './handlers/provision.js';
import { statusChange } from './handlers/status-change.js';

export const TOKEN_PATH = '/v1.0/oauth2/tokens';

export interface Route {
  method: 'GET' | 'POST';
  handler: Handler;
}

/** Lower-case paths without trailing slash (matching is case-insensitive); a path may take GET and POST. */
export const API_ROUTES: Record<string, Route | Route[]> = {
  [TOKEN_PATH]: { method: 'POST', handler: issueToken },
  '/v1.0/numbers/availability': { method: 'POST', handler: availability },
  '/v1.0/numbers/provision': { method: 'POST', handler: provision },
  '/v1.0/numbers/order': { method: 'GET', handler: getOrder },
  '/v1.0/numbers/portin/eligibility': { method: 'POST', handler: eligibility },
  '/v1.0/numbers/portin': { method: 'POST', handler: submitPortin },
  '/v1.0/numbers/portin/update': { method: 'POST', handler: updatePortin },
  '/v1.0/numbers/portin/cancel': { method: 'POST', handler: cancelPortin },
  '/v1.0/numbers/portout': { method: 'POST', handler: portout },
  ...GUARDIAN_ROUTES,
  '/v1.0/numbers/data-usage': { method: 'POST', handler: setDataUsage },
  '/v1.0/numbers/data-usage/settings': { method: 'POST', handler: dataUsageSettings },
  '/v1.0/numbers/data-usage/info': { method: 'POST', handler: dataUsageInfo },
  '/v1.0/numbers/status': { method: 'POST', handler: statusChange },
  '/v1.0/numbers/update': { method: 'POST', handler: numberUpdate },
  '/v1.0/numbers/inventory': { method: 'GET', handler: inventory },
  '/v1.0/numbers': { method: 'GET', handler: numberLookup },
  '/v1.0/account/message/routes': { method: 'GET', handler: messageRoutes },
  '/v1.0/account/voice/routes': { method: 'GET', handler: voiceRoutes },
  '/v1.0/subscribers/get': { method: 'GET', handler: getSubscriber },
  '/v1.0/subscribers/create': { method: 'POST', handler: createSubscriber },
  '/v1.0/distributor/accounts': { method: 'GET', handler: distributorAccounts },
  '/v1.0/distributor/subscribers': { method: 'GET', handler: distributorSubscribers },
  '/v1.0/message/outbound': { method: 'POST', handler: outboundMessage },
};
