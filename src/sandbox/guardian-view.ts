import type { SandboxCore } from './core.js';
import type { CallFilterRecord, MessageFilterRecord } from './guardian-state.js';
import { guardianKey } from './guardian-state.js';

/** One subscriber's Guardian state as tests and the admin API see it: switch and every filter, whole. */
export interface GuardianSnapshot {
  SubscriberId: string;
  EnableIntelligentGuardianCalls: boolean;
  EnableIntelligentGuardianMessages: boolean;
  CallFilters: CallFilterRecord[];
  MessageFilters: MessageFilterRecord[];
}

export function guardianSnapshot(core: SandboxCore, subscriberId: string): GuardianSnapshot {
  const key = guardianKey(subscriberId);
  const subscriber = core.data.subscribers.find((s) => guardianKey(s.SubscriberId) === key);
  const flags = core.data.guardian.switches.get(key);
  const mine = <R extends { SubscriberId: string }>(records: Iterable<R>) =>
    [...records].filter((r) => guardianKey(r.SubscriberId) === key).map((r) => structuredClone(r));
  return {
    SubscriberId: subscriber?.SubscriberId ?? subscriberId,
    EnableIntelligentGuardianCalls: flags?.EnableIntelligentGuardianCalls ?? false,
    EnableIntelligentGuardianMessages: flags?.EnableIntelligentGuardianMessages ?? false,
    CallFilters: mine(core.data.guardian.callFilters.values()),
    MessageFilters: mine(core.data.guardian.messageFilters.values()),
  };
}

/** Every subscriber with any Guardian state (a switch ever set, or a filter), in the seeded/created order. */
export function guardianSnapshots(core: SandboxCore): GuardianSnapshot[] {
  const g = core.data.guardian;
  const touched = new Set([
    ...g.switches.keys(),
    ...[...g.callFilters.values(), ...g.messageFilters.values()].map((r) => guardianKey(r.SubscriberId)),
  ]);
  const known = core.data.subscribers.map((s) => guardianKey(s.SubscriberId));
  return [...known.filter((k) => touched.has(k)), ...[...touched].filter((k) => !known.includes(k))].map(
    (k) => guardianSnapshot(core, k),
  );
}
