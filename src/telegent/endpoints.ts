import type { CallMode } from './retry-policy.js';

export interface EndpointDef {
  method: 'GET' | 'POST';
  path: string;
  /** `read` calls are retried on any transient failure; `mutation`s only when Telegent says "not processed". */
  mode: CallMode;
}

/** Every Telegent endpoint the client calls. The token scope of each is `baseUrl + path`. */
export const TELEGENT_ENDPOINTS = {
  token: { method: 'POST', path: '/v1.0/oauth2/tokens', mode: 'read' },
  availability: { method: 'POST', path: '/v1.0/numbers/availability', mode: 'read' },
  provision: { method: 'POST', path: '/v1.0/numbers/provision', mode: 'mutation' },
  order: { method: 'GET', path: '/v1.0/numbers/order', mode: 'read' },
  portInEligibility: { method: 'POST', path: '/v1.0/numbers/portin/eligibility', mode: 'read' },
  portIn: { method: 'POST', path: '/v1.0/numbers/portin', mode: 'mutation' },
  portInUpdate: { method: 'POST', path: '/v1.0/numbers/portin/update', mode: 'mutation' },
  portInCancel: { method: 'POST', path: '/v1.0/numbers/portin/cancel', mode: 'mutation' },
  portOut: { method: 'POST', path: '/v1.0/numbers/portout', mode: 'mutation' },
  dataUsageSet: { method: 'POST', path: '/v1.0/numbers/data-usage', mode: 'mutation' },
  dataUsageSettings: { method: 'POST', path: '/v1.0/numbers/data-usage/settings', mode: 'read' },
  dataUsageInfo: { method: 'POST', path: '/v1.0/numbers/data-usage/info', mode: 'read' },
  numberUpdate: { method: 'POST', path: '/v1.0/numbers/update', mode: 'mutation' },
  statusChange: { method: 'POST', path: '/v1.0/numbers/status', mode: 'mutation' },
  inventory: { method: 'GET', path: '/v1.0/numbers/inventory', mode: 'read' },
  number: { method: 'GET', path: '/v1.0/numbers', mode: 'read' },
  messageRoutes: { method: 'GET', path: '/v1.0/account/message/routes', mode: 'read' },
  voiceRoutes: { method: 'GET', path: '/v1.0/account/voice/routes', mode: 'read' },
  subscriber: { method: 'GET', path: '/v1.0/subscribers/get', mode: 'read' },
  subscriberCreate: { method: 'POST', path: '/v1.0/subscribers/create', mode: 'mutation' },
  distributorAccounts: { method: 'GET', path: '/v1.0/distributor/accounts', mode: 'read' },
  distributorSubscribers: { method: 'GET', path: '/v1.0/distributor/subscribers', mode: 'read' },
  messageOutbound: { method: 'POST', path: '/v1.0/message/outbound', mode: 'mutation' },
  accountPackages: { method: 'GET', path: '/v1.0/account/packages', mode: 'read' },
  packageDetails: { method: 'GET', path: '/v1.0/packages', mode: 'read' },
  packageItems: { method: 'GET', path: '/v1.0/packages/items', mode: 'read' },
  productDetails: { method: 'GET', path: '/v1.0/products', mode: 'read' },
  accountProducts: { method: 'GET', path: '/v1.0/account/products', mode: 'read' },
  subscriptionCreate: { method: 'POST', path: '/v1.0/subscriptions', mode: 'mutation' },
  subscriptionDetails: { method: 'GET', path: '/v1.0/subscriptions', mode: 'read' },
  subscriptionUpdate: { method: 'POST', path: '/v1.0/subscriptions/update', mode: 'mutation' },
  subscriptionDelete: { method: 'POST', path: '/v1.0/subscriptions/delete', mode: 'mutation' },
  distributorSubscriptions: { method: 'GET', path: '/v1.0/distributor/subscriptions', mode: 'read' },
  accountSubscriptions: { method: 'GET', path: '/v1.0/account/subscriptions', mode: 'read' },
  guardianFeaturesGet: { method: 'GET', path: '/v1.0/subscribers/guardian-features', mode: 'read' },
  guardianFeaturesSet: { method: 'POST', path: '/v1.0/subscribers/guardian-features', mode: 'mutation' },
  callFilterList: { method: 'GET', path: '/v1.0/subscribers/call-filter', mode: 'read' },
  callFilterCreate: { method: 'POST', path: '/v1.0/subscribers/call-filter', mode: 'mutation' },
  callFilterUpdate: { method: 'POST', path: '/v1.0/subscribers/call-filter/update', mode: 'mutation' },
  callFilterDelete: { method: 'POST', path: '/v1.0/subscribers/call-filter/delete', mode: 'mutation' },
  callFilterKeywords: { method: 'GET', path: '/v1.0/subscribers/call-filter/keywords', mode: 'read' },
  callBlockedList: { method: 'GET', path: '/v1.0/subscribers/call-filter/blocked-numbers', mode: 'read' },
  callBlockedAdd: {
    method: 'POST',
    path: '/v1.0/subscribers/call-filter/blocked-numbers/add',
    mode: 'mutation',
  },
  callBlockedRemove: {
    method: 'POST',
    path: '/v1.0/subscribers/call-filter/blocked-numbers/remove',
    mode: 'mutation',
  },
  callAllowedList: { method: 'GET', path: '/v1.0/subscribers/call-filter/allowed-numbers', mode: 'read' },
  callAllowedAdd: {
    method: 'POST',
    path: '/v1.0/subscribers/call-filter/allowed-numbers/add',
    mode: 'mutation',
  },
  callAllowedRemove: {
    method: 'POST',
    path: '/v1.0/subscribers/call-filter/allowed-numbers/remove',
    mode: 'mutation',
  },
  messageFilterList: { method: 'GET', path: '/v1.0/subscribers/message-filter', mode: 'read' },
  messageFilterCreate: { method: 'POST', path: '/v1.0/subscribers/message-filter', mode: 'mutation' },
  messageFilterUpdate: { method: 'POST', path: '/v1.0/subscribers/message-filter/update', mode: 'mutation' },
  messageFilterDelete: { method: 'POST', path: '/v1.0/subscribers/message-filter/delete', mode: 'mutation' },
  messageFilterKeywords: { method: 'GET', path: '/v1.0/subscribers/message-filter/keywords', mode: 'read' },
  messageBlockedList: {
    method: 'GET',
    path: '/v1.0/subscribers/message-filter/blocked-contacts',
    mode: 'read',
  },
  messageBlockedAdd: {
    method: 'POST',
    path: '/v1.0/subscribers/message-filter/blocked-contacts/add',
    mode: 'mutation',
  },
  messageBlockedRemove: {
    method: 'POST',
    path: '/v1.0/subscribers/message-filter/blocked-contacts/remove',
    mode: 'mutation',
  },
  messageAllowedList: {
    method: 'GET',
    path: '/v1.0/subscribers/message-filter/allowed-contacts',
    mode: 'read',
  },
  messageAllowedAdd: {
    method: 'POST',
    path: '/v1.0/subscribers/message-filter/allowed-contacts/add',
    mode: 'mutation',
  },
  messageAllowedRemove: {
    method: 'POST',
    path: '/v1.0/subscribers/message-filter/allowed-contacts/remove',
    mode: 'mutation',
  },
} as const satisfies Record<string, EndpointDef>;

export type TelegentEndpointName = keyof typeof TELEGENT_ENDPOINTS;
