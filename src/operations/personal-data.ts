/**
 * Personal data as channel posts may carry it. Subscriber names, emails and ICCIDs appear in full only in
 * ephemeral answers, modals and DMs; an operation's summary and facts (cards, threads, digests, logs, the
 * audit log) shorten them with these.
 */

/** A SIM as a channel sees it: the last four digits of its ICCID. */
export const simTail = (iccid: string | undefined) => (iccid ? `…${iccid.slice(-4)}` : 'none given');

/**
 * "Jane Q. Doe" → "J. Doe": a colleague recognises the customer, a channel learns little. One word stays whole
 * ("Acme", "Kiosk-14"): it is usually a business or a device, and its initial alone would tell an approver nothing.
 */
export function shortName(name: string): string {
  // An email that came in where a name was expected is masked, never shown whole.
  if (name.includes('@')) return maskEmail(name.trim());
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return words[0] ?? '';
  return `${[...words[0]!][0]!.toUpperCase()}. ${words.at(-1)}`;
}

/** "j•••@example.com": enough for a colleague to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}
