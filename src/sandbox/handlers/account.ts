import type { HandlerContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { queryParam, requiredMessage } from '../fields.js';
import type { Subscriber } from '../state.js';
import { checkAccountId, findSubscriber } from './lookups.js';

/** GET /v1.0/account/message/routes */
export function messageRoutes({ core, query }: HandlerContext): unknown {
  checkAccountId(core, queryParam(query, 'AccountId'));
  const results = core.data.messageRoutes.map((r) => ({ ...r }));
  return { AccountID: core.data.accountId, TotalRoutes: results.length, Results: results };
}

/** GET /v1.0/account/voice/routes */
export function voiceRoutes({ core, query }: HandlerContext): unknown {
  checkAccountId(core, queryParam(query, 'AccountId'));
  const results = core.data.voiceRoutes.map((r) => structuredClone(r));
  return { AccountID: core.data.accountId, TotalRoutes: results.length, Results: results };
}

function subscriberView(core: HandlerContext['core'], s: Subscriber) {
  return {
    SubscriberId: s.SubscriberId,
    Name: s.Name,
    Email: s.Email,
    PhoneNumbers: [...s.PhoneNumbers],
    Role: s.Role,
    Account: s.AccountId ? { AccountId: s.AccountId, CompanyName: core.data.companyName } : null,
  };
}

/** GET /v1.0/subscribers/get?SubscriberId= */
export function getSubscriber({ core, query }: HandlerContext): unknown {
  const id = queryParam(query, 'SubscriberId');
  if (!id) throw badRequest(requiredMessage('SubscriberId'));
  const subscriber = findSubscriber(core, id);
  if (!subscriber) throw notFound();
  return subscriberView(core, subscriber);
}

/** GET /v1.0/distributor/subscribers?PageNumber=&TotalPerPage= (optional AccountId filter). */
export function distributorSubscribers({ core, query }: HandlerContext): unknown {
  const page = Number(queryParam(query, 'PageNumber') ?? 1);
  const size = Number(queryParam(query, 'TotalPerPage') ?? 10);
  if (!Number.isInteger(page) || page < 1) throw badRequest('PageNumber must be a positive integer.');
  if (!Number.isInteger(size) || size < 1) throw badRequest('TotalPerPage must be a positive integer.');
  const accountId = queryParam(query, 'AccountId');
  checkAccountId(core, accountId);
  const all = core.data.subscribers.filter((s) => !accountId || s.AccountId === core.data.accountId);
  return {
    PageNumber: page,
    TotalSubscribers: all.length,
    Subscribers: all
      .slice((page - 1) * size, page * size)
      .map((s) => ({ ...subscriberView(core, s), Subscriptions: [] })),
  };
}
