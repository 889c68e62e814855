import { randomInt } from 'node:crypto';

// No look-alikes (0/O, 1/l/I): it is read out to a customer on the phone.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LOWER + UPPER + DIGITS;
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * A one-time password for a new subscriber, e.g. `k7Qm-x9Rt-Fa3z-W2pe` (about 90 bits): upper and lower
 * case letters and digits, grouped so it can be read aloud. The subscriber resets it at first login.
 */
export function generateTemporaryPassword(): string {
  for (;;) {
    const chars = Array.from({ length: GROUPS * GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
    const candidate = chars.join('');
    if (/[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /[2-9]/.test(candidate)) {
      return candidate.match(new RegExp(`.{${GROUP_LENGTH}}`, 'g'))!.join('-');
    }
  }
}
