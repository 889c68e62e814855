import { z } from 'zod';

/** VERIFICATION_METHODS when unset: how a support engineer commonly checks who is asking. */
export const DEFAULT_VERIFICATION_METHODS: readonly string[] = [
  'Account PIN or passcode',
  'Photo ID in store',
  'Call back to the number on file',
  'One-time code sent to the line',
  'Email from the address on file',
];

/** Slack shows at most 75 characters of an option's text: a longer label would be cut in the form. */
export const VERIFICATION_METHOD_MAX_LENGTH = 75;

export const VERIFICATION_METHOD_HINT = 'pick how you checked that the person asking is the customer';

/** The input field (and the form's block id) that carries the method: other surfaces read it by this name. */
export const VERIFICATION_FIELD = 'verificationMethod';

/**
 * One of the configured methods, exactly as listed (the label itself is stored: App Home, reminders, the
 * card and history show it as it was when the request was filed, even if the list changes later).
 */
export function verificationMethodSchema(methods: readonly string[]) {
  return z.string({ error: VERIFICATION_METHOD_HINT }).refine((value) => methods.includes(value), {
    message: `choose one of the listed methods (${methods.join('; ')})`,
  });
}

/** The method a stored request names, if any (requests of older versions and other kinds have none). */
export function verificationMethodOf(input: Record<string, unknown> | null | undefined): string | undefined {
  const value = input?.[VERIFICATION_FIELD];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
