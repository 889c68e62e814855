import {
  callFilterOf,
  keywordsToKeep,
  messageFilterAsIs,
  messageFilterOf,
  setEveryoneElse,
  switchOn,
} from './guardian-changes.js';
import { type LineProtection, readLineProtection } from './guardian-line.js';
import { TEXT_MODE_WORDS } from './guardian-words.js';
import type { OpContext } from './operation.js';
import { offLists, type ProtectAction, type ProtectInput, wants } from './protect-input.js';
import { listNumbers } from './summary-format.js';

/** What each action of the protect operation does, step by step; each returns its steps in words. */
const missingFrom = (numbers: readonly string[], list: readonly string[]) =>
  numbers.filter((n) => !list.includes(n));
const presentIn = (numbers: readonly string[], list: readonly string[]) =>
  numbers.filter((n) => list.includes(n));

async function block(ctx: OpContext, input: ProtectInput, before: LineProtection): Promise<string[]> {
  const numbers = input.callers ?? [];
  const want = wants(input);
  const steps = await switchOn(ctx, before, want);
  if (want.calls) {
    const { filter, created } = await callFilterOf(ctx, before, { BlockedNumbers: numbers });
    const fresh = created ? [] : missingFrom(numbers, filter.BlockedNumbers);
    // Added to the list (a sub-resource op: the rest of the filter is left as it is, its mode included).
    if (fresh.length > 0)
      await ctx.telegent.guardian.addBlockedNumbers(
        { subscriberId: before.subscriberId, filterId: filter.FilterId },
        fresh,
        ctx.callOptions,
      );
    steps.push(
      created
        ? `Call filter created, blocking ${listNumbers(numbers)}`
        : fresh.length > 0
          ? `Calls from ${listNumbers(fresh)} blocked`
          : `Calls from ${listNumbers(numbers)} were already blocked`,
    );
  }
  if (want.texts) {
    const { filter, created } = await messageFilterOf(ctx, before, { BlockedContacts: numbers });
    const fresh = created ? [] : missingFrom(numbers, filter.BlockedContacts);
    if (fresh.length > 0)
      await ctx.telegent.guardian.addBlockedContacts(
        { subscriberId: before.subscriberId, filterId: filter.FilterId },
        fresh,
        ctx.callOptions,
      );
    const listed = created
      ? `Text filter created, blocking ${listNumbers(numbers)}`
      : fresh.length > 0
        ? `Texts from ${listNumbers(fresh)} blocked`
        : `Texts from ${listNumbers(numbers)} were already blocked`;
    steps.push(`${listed}${notFiltering(filter)}`);
  }
  return steps;
}

/**
 * A Paused or Monitor-only text filter still delivers texts from the blocked list (§3.3): the step says so rather
 * than claim the texts are blocked. Left as it is: turning filtering on is Text filter…'s choice to make.
 */
function notFiltering(filter: { FilterMode?: string | null | undefined }): string {
  const mode = (filter.FilterMode ?? '').toUpperCase();
  if (mode === 'INACTIVE')
    return ` on the list, but the text filter is ${TEXT_MODE_WORDS.INACTIVE.name}: texts are not filtered until it is set Active with Text filter…`;
  if (mode === 'MONITOR_ONLY')
    return ` on the list, but the text filter is ${TEXT_MODE_WORDS.MONITOR_ONLY.name}: texts are still delivered (only logged) until it is set Active with Text filter…`;
  return '';
}

async function unblock(ctx: OpContext, input: ProtectInput, before: LineProtection): Promise<string[]> {
  const numbers = input.callers ?? [];
  const want = wants(input);
  const from = offLists(input);
  const steps: string[] = [];
  const g = ctx.telegent.guardian;
  const call = before.callFilter;
  const text = before.messageFilter;
  // Each list: the numbers on it come off (a sub-resource op: the rest of the filter stays as it is).
  const lists = [
    {
      on: want.calls && from.blocked,
      filter: call,
      listed: call?.BlockedNumbers,
      remove: g.removeBlockedNumbers,
      done: (n: string) => `Calls from ${n} no longer blocked`,
      none: `Calls from ${listNumbers(numbers)} were not blocked`,
    },
    {
      on: want.calls && from.allowed,
      filter: call,
      listed: call?.AllowedNumbers,
      remove: g.removeAllowedNumbers,
      done: (n: string) => `${n} off the allowed list for calls`,
      none: `${listNumbers(numbers)} were not on the allowed list for calls`,
    },
    {
      on: want.texts && from.blocked,
      filter: text,
      listed: text?.BlockedContacts,
      remove: g.removeBlockedContacts,
      done: (n: string) => `Texts from ${n} no longer blocked`,
      none: `Texts from ${listNumbers(numbers)} were not blocked`,
    },
    {
      on: want.texts && from.allowed,
      filter: text,
      listed: text?.AllowedContacts,
      remove: g.removeAllowedContacts,
      done: (n: string) => `${n} off the allowed list for texts`,
      none: `${listNumbers(numbers)} were not on the allowed list for texts`,
    },
  ];
  for (const list of lists) {
    if (!list.on) continue;
    const listed = presentIn(numbers, list.listed ?? []);
    if (!list.filter || listed.length === 0) {
      steps.push(list.none);
      continue;
    }
    await list.remove(
      { subscriberId: before.subscriberId, filterId: list.filter.FilterId },
      listed,
      ctx.callOptions,
    );
    steps.push(list.done(listNumbers(listed)));
  }
  return steps;
}

/** Adds to the allowed lists; the switches are left as they are (allowing silences no one). */
async function allow(ctx: OpContext, input: ProtectInput, before: LineProtection): Promise<string[]> {
  const numbers = input.callers ?? [];
  const want = wants(input);
  const steps: string[] = [];
  const choice = input.everyoneElse ?? 'keep';
  // Read (or refused) before anything is sent: the everyone-else change below is a whole-filter update.
  const keywords = choice === 'keep' ? {} : await keywordsToKeep(ctx, before, want);
  if (want.calls) {
    const { filter, created } = await callFilterOf(ctx, before, { AllowedNumbers: numbers });
    const fresh = created ? [] : missingFrom(numbers, filter.AllowedNumbers);
    if (fresh.length > 0)
      await ctx.telegent.guardian.addAllowedNumbers(
        { subscriberId: before.subscriberId, filterId: filter.FilterId },
        fresh,
        ctx.callOptions,
      );
    steps.push(
      fresh.length > 0 || created
        ? `${listNumbers(numbers)} on the allowed list for calls`
        : `${listNumbers(numbers)} were already allowed for calls`,
    );
  }
  if (want.texts) {
    const { filter, created } = await messageFilterOf(ctx, before, { AllowedContacts: numbers });
    const fresh = created ? [] : missingFrom(numbers, filter.AllowedContacts);
    if (fresh.length > 0)
      await ctx.telegent.guardian.addAllowedContacts(
        { subscriberId: before.subscriberId, filterId: filter.FilterId },
        fresh,
        ctx.callOptions,
      );
    steps.push(
      fresh.length > 0 || created
        ? `${listNumbers(numbers)} on the allowed list for texts`
        : `${listNumbers(numbers)} were already allowed for texts`,
    );
  }
  if (choice === 'keep') return steps;
  // Everyone else blocked only takes effect with Guardian on for what it applies to.
  if (choice === 'blocked') steps.push(...(await switchOn(ctx, before, want)));
  const now = await readLineProtection(ctx, before.phoneNumber, before.subscriberId);
  return [...steps, ...(await setEveryoneElse(ctx, now, want, choice === 'blocked', keywords))];
}

/**
 * The text filter's mode. An update REPLACES the filter's configuration (§3.3): the filter as just read is sent
 * whole with the new mode, so its lists and switches are kept.
 */
async function textMode(ctx: OpContext, input: ProtectInput, before: LineProtection): Promise<string[]> {
  const mode = input.textMode ?? 'ACTIVE';
  const words = TEXT_MODE_WORDS[mode].name;
  const current = before.messageFilter;
  const change = current !== null && (current.FilterMode ?? '').toUpperCase() !== mode;
  // Read (or refused) before anything is sent, the switch included.
  const keywords = change ? await keywordsToKeep(ctx, before, { calls: false, texts: true }) : {};
  // A filter that filters needs the switch; pausing one leaves the switch alone.
  const steps = await switchOn(ctx, before, { calls: false, texts: mode !== 'INACTIVE' });
  if (!current) {
    await messageFilterOf(ctx, before, { FilterMode: mode });
    return [...steps, `Text filter created: ${words}`];
  }
  if (!change) return [...steps, `Text filter was already ${words}`];
  await ctx.telegent.guardian.updateMessageFilter(
    { ...messageFilterAsIs(current, keywords.text), FilterMode: mode },
    ctx.callOptions,
  );
  return [...steps, `Text filter set to ${words}`];
}

export const RUN: Record<ProtectAction, typeof block> = {
  block,
  unblock,
  allow,
  'text-mode': textMode,
};
