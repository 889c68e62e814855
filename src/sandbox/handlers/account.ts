import type { HandlerContext } from '../context.js';
import { badRequest, conflict, DUPLICATE_EMAIL_MESSAGE, notFound } from '../errors.js';
import { field, queryParam, reqEnum, reqString, requiredMessage } from '../fields.js';
import { requireE164 } from '../formats.js';
import type { Subscriber } from '../state.js';
import { checkAccountId, findSubscriber } from './lookups.js';
import { subscriptionView } from './subscriptions.js';

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
    Subscribers: all.slice((page - 1) * size, page * size).map((s) => ({
      ...subscriberView(core, s),
      // The item's Subscriptions[] (main reference 13b): the subscriber's, in the subscription shape.
      Subscriptions: core.data.plans.subscriptions
        .filter((sub) => sub.SubscriberId.toLowerCase() === s.SubscriberId.toLowerCase())
        .map(subscriptionView),
    })),
  };
}

const ROLES = ['Subscriber', 'Manager', 'Account Admin'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * POST /v1.0/subscribers/create: AccountId is required; Email is unique platform-wide (case-insensitively), 409
 * otherwise.
 */
export function createSubscriber({ core, body }: HandlerContext): unknown {
  const name = reqString(body, 'Name');
  const email = reqString(body, 'Email');
  if (!EMAIL.test(email)) throw badRequest('Email is not a valid email address.');
  const role = reqEnum(body, 'Role', ROLES);
  const password = reqString(body, 'Password');
  if (password.length < 8) throw badRequest('Password must be at least 8 characters.');
  // Required, as Telegent documents it ("provided by your Telegent representative").
  const accountId = reqString(body, 'AccountId');
  checkAccountId(core, accountId);
  const listed = field(body, 'PhoneNumbers');
  if (listed !== undefined && !Array.isArray(listed)) throw badRequest('PhoneNumbers must be an array.');
  const phoneNumbers = ((listed as unknown[] | undefined) ?? []).map((n) => requireE164(String(n)));
  if (core.data.subscribers.some((s) => s.Email.toLowerCase() === email.toLowerCase()))
    throw conflict(DUPLICATE_EMAIL_MESSAGE);
  const subscriber: Subscriber = {
    SubscriberId: core.newId('TSUID'),
    Name: name,
    Email: email,
    PhoneNumbers: phoneNumbers,
    Role: role,
    AccountId: core.data.accountId,
  };
  core.data.subscribers.push(subscriber);
  return subscriberView(core, subscriber);
}

/** GET /v1.0/distributor/accounts: the documented single-object shape (the sandbox has one account). */
export function distributorAccounts({ core }: HandlerContext): unknown {
  return {
    AccountId: core.data.accountId,
    AccountName: core.data.companyName,
    TotalSubscribers: core.data.subscribers.filter((s) => s.AccountId === core.data.accountId).length,
    BillingAddress: null,
    MailingAddress: null,
  };
}
