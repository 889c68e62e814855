import { z } from 'zod';
import { MESSAGE_FILTER_MODES, type MessageFilterMode } from '../telegent/guardian-api.js';
import { guardianNumbersSchema } from './fields/guardian-numbers.js';
import { phoneNumberSchema } from './fields/phone-number.js';
import { optionalField } from './fields/result.js';
import { formatPhone } from './glossary.js';
import type { LineProtection } from './guardian-line.js';

/** The protect operation's input (its definition is protect.ts): which change, on which line, for what. */
export const PROTECT_ACTIONS = ['block', 'unblock', 'allow', 'text-mode'] as const;
export type ProtectAction = (typeof PROTECT_ACTIONS)[number];
export const PROTECT_CHANNELS = ['calls', 'texts', 'both'] as const;
export type ProtectChannels = (typeof PROTECT_CHANNELS)[number];
/**
 * Allow…'s explicit choice for everyone NOT on the allowed list: kept as it is (the default), blocked (calls: the
 * call filter becomes an allow list; texts: unknown senders are blocked), or let through again (a block list).
 */
export const EVERYONE_ELSE = ['keep', 'blocked', 'through'] as const;
export type EveryoneElse = (typeof EVERYONE_ELSE)[number];
/** Unblock…: which lists the numbers come off (the blocked list unless the form says otherwise). */
export const UNBLOCK_LISTS = ['blocked', 'allowed', 'both'] as const;
export type UnblockLists = (typeof UNBLOCK_LISTS)[number];
/** The warning the choice is made behind. */
export const ONLY_ALLOWED_WARNING = 'only numbers on the allowed list will ring (or text)';

export interface ProtectInput {
  /** The line (E.164). */
  phoneNumber: string;
  /** Who the line belongs to, as the protection card read it: Guardian is set per subscriber. */
  subscriberId: string;
  action: ProtectAction;
  /**
   * Block / unblock / allow: the callers and texters (E.164, at most 50). Not `numbers`, which names the lines a
   * request changes (history and the customer card look requests up by it): these are other people's numbers.
   */
  callers?: string[] | undefined;
  channels?: ProtectChannels | undefined;
  /** Text filter…: the mode to set. */
  textMode?: MessageFilterMode | undefined;
  /** Allow…: what happens to everyone not on the allowed list (absent: kept as it is). */
  everyoneElse?: EveryoneElse | undefined;
  /** Unblock…: the lists the numbers come off (absent: the blocked list). */
  lists?: UnblockLists | undefined;
}

/** What was done, step by step, and the line's Guardian as read back afterwards (undefined: unreadable). */
export interface ProtectResult {
  steps: string[];
  after?: LineProtection | undefined;
}

export function protectSchema(): z.ZodType<ProtectInput> {
  return z
    .object({
      phoneNumber: phoneNumberSchema,
      subscriberId: z.string().trim().min(1).max(80),
      action: z.enum(PROTECT_ACTIONS),
      callers: optionalField(guardianNumbersSchema),
      channels: optionalField(z.enum(PROTECT_CHANNELS)),
      textMode: optionalField(z.enum(MESSAGE_FILTER_MODES)),
      everyoneElse: optionalField(z.enum(EVERYONE_ELSE)),
      lists: optionalField(z.enum(UNBLOCK_LISTS)),
    })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      if (v.action === 'text-mode') {
        if (!v.textMode) issue('textMode', 'required; choose Active, Monitor only or Paused');
        return;
      }
      if (!v.callers) issue('callers', 'required; enter one or more numbers, e.g. +18015559999');
      if (!v.channels) issue('channels', 'required; choose calls, texts or both');
      if (v.action !== 'allow' && v.everyoneElse !== undefined && v.everyoneElse !== 'keep')
        issue('everyoneElse', 'only Allow… changes who else gets through');
      if (v.action !== 'unblock' && v.lists !== undefined && v.lists !== 'blocked')
        issue('lists', 'only Unblock… takes numbers off the allowed list');
      if (v.callers?.includes(v.phoneNumber))
        issue(
          'callers',
          `${formatPhone(v.phoneNumber)} is the line itself: a line cannot block or allow its own number`,
        );
    });
}

export const wants = (input: ProtectInput) => ({
  calls: input.channels === 'calls' || input.channels === 'both',
  texts: input.channels === 'texts' || input.channels === 'both',
});

/** Which lists Unblock… takes the numbers off. */
export function offLists(input: ProtectInput) {
  const lists = input.lists ?? 'blocked';
  return { blocked: lists !== 'allowed', allowed: lists !== 'blocked' };
}
