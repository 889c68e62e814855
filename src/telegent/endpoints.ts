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
} as const satisfies Record<string, EndpointDef>;

export type TelegentEndpointName = keyof typeof TELEGENT_ENDPOINTS;
