import { badRequest, INVALID_E164_MESSAGE } from './errors.js';

const E164_NANP = /^\+1[2-9]\d{2}[2-9]\d{6}$/;

export function isE164(value: string): boolean {
  return E164_NANP.test(value);
}

export function requireE164(value: string): string {
  if (!isE164(value)) throw badRequest(INVALID_E164_MESSAGE);
  return value;
}

export function requireIccid(value: string): string {
  if (!/^\d{19,20}$/.test(value)) throw badRequest('ICCID must be 19 or 20 digits.');
  return value;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `MM/DD/YYYY hh:mm:ss AM/PM` in UTC, the token's `tokenExpiry` format. */
export function formatTokenExpiry(date: Date): string {
  const h24 = date.getUTCHours();
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  return `${formatUsDate(date)} ${pad(h12)}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${h24 < 12 ? 'AM' : 'PM'}`;
}

/** `MM/DD/YYYY` in UTC. */
export function formatUsDate(date: Date): string {
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()}`;
}

/** `YYYY-MM-DD` or `MM/DD/YYYY` (both appear in the docs) → UTC midnight, or undefined. */
export function parsePortInDate(value: string): Date | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : [];
  if (!y || !m || !d) return undefined;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? date : undefined;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Human-readable byte counts as data-usage/info shows them ("0 B", "12.5 MB"); 1 KB = 1024 B. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  const rounded = Math.round(value * 100) / 100;
  return `${rounded} ${units[i]}`;
}

export const UNIT_BYTES: Record<string, number> = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };
