import type { HandlerContext } from '../context.js';
import { badRequest } from '../errors.js';
import { optBool, queryParam, reqString, requiredMessage } from '../fields.js';
import { type GuardianSwitch, guardianKey } from '../guardian-state.js';
import { knownSubscriber } from './guardian-common.js';
import { checkAccountId } from './lookups.js';

const OFF: GuardianSwitch = {
  EnableIntelligentGuardianCalls: false,
  EnableIntelligentGuardianMessages: false,
};

function view(subscriberId: string, flags: GuardianSwitch) {
  return { SubscriberId: subscriberId, ...flags };
}

/** GET /v1.0/subscribers/guardian-features?SubscriberId=: false/false for a subscriber never configured. */
export function getGuardianFeatures({ core, query }: HandlerContext): unknown {
  const id = queryParam(query, 'SubscriberId');
  if (!id) throw badRequest(requiredMessage('SubscriberId'));
  checkAccountId(core, queryParam(query, 'AccountId'));
  const subscriber = knownSubscriber(core, id);
  return view(subscriber.SubscriberId, core.data.guardian.switches.get(guardianKey(id)) ?? OFF);
}

/**
 * POST /v1.0/subscribers/guardian-features: answers the echo of the three fields (§3.1). Both flags are optional
 * in the schema; a flag left out keeps its current value here (INFERRED: omission semantics are undocumented,
 * which is why the client always sends both). Filters are not touched: they exist whatever the switch says and
 * only take effect while it is on.
 */
export function setGuardianFeatures({ core, body }: HandlerContext): unknown {
  const subscriber = knownSubscriber(core, reqString(body, 'SubscriberId'));
  const key = guardianKey(subscriber.SubscriberId);
  const current = core.data.guardian.switches.get(key) ?? OFF;
  const next: GuardianSwitch = {
    EnableIntelligentGuardianCalls:
      optBool(body, 'EnableIntelligentGuardianCalls') ?? current.EnableIntelligentGuardianCalls,
    EnableIntelligentGuardianMessages:
      optBool(body, 'EnableIntelligentGuardianMessages') ?? current.EnableIntelligentGuardianMessages,
  };
  core.data.guardian.switches.set(key, next);
  return view(subscriber.SubscriberId, next);
}
