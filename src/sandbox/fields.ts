import { badRequest } from './errors.js';

/** Request bodies are read like ASP.NET does: property names match case-insensitively. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function field(obj: unknown, name: string): unknown {
  if (!isObject(obj)) return undefined;
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
  return undefined;
}

export function has(obj: unknown, name: string): boolean {
  const value = field(obj, name);
  return value !== undefined && value !== null;
}

export const requiredMessage = (name: string) => `The ${name} field is required.`;

/** A non-empty string, or undefined when absent; other types are a 400. */
export function optString(obj: unknown, name: string): string | undefined {
  const value = field(obj, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw badRequest(`${name} must be a string.`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function reqString(obj: unknown, name: string, message = requiredMessage(name)): string {
  const value = optString(obj, name);
  if (value === undefined) throw badRequest(message);
  return value;
}

/** Booleans, tolerating the strings "true"/"false". */
export function optBool(obj: unknown, name: string): boolean | undefined {
  const value = field(obj, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === 'true';
  throw badRequest(`${name} must be a boolean.`);
}

export function reqBool(obj: unknown, name: string): boolean {
  const value = optBool(obj, name);
  if (value === undefined) throw badRequest(requiredMessage(name));
  return value;
}

export function optInt(obj: unknown, name: string): number | undefined {
  const value = field(obj, name);
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw badRequest(`${name} must be an integer.`);
  return n;
}

/** One of `allowed`, matched case-insensitively and returned in the canonical spelling. */
export function optEnum<T extends string>(obj: unknown, name: string, allowed: readonly T[]): T | undefined {
  const value = optString(obj, name);
  if (value === undefined) return undefined;
  const hit = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!hit) throw badRequest(`${name} must be one of: ${allowed.join(', ')}.`);
  return hit;
}

export function reqEnum<T extends string>(obj: unknown, name: string, allowed: readonly T[]): T {
  const value = optEnum(obj, name, allowed);
  if (value === undefined) throw badRequest(requiredMessage(name));
  return value;
}

/** Query parameters, names matched case-insensitively; a leading space (a decoded '+') becomes '+'. */
export function queryParam(query: URLSearchParams, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of query) {
    if (key.toLowerCase() !== lower) continue;
    const fixed = value.startsWith(' ') ? `+${value.slice(1)}` : value;
    const trimmed = fixed.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  return undefined;
}

/** `[{Number}]` lists (data-usage, status). */
export function numberList(obj: unknown, name = 'PhoneNumbers'): string[] {
  const value = field(obj, name);
  if (value === undefined || value === null) throw badRequest(requiredMessage(name));
  if (!Array.isArray(value) || value.length === 0)
    throw badRequest(`${name} must be a non-empty array of {"Number": "+1…"}.`);
  return value.map((item) => {
    const n = typeof item === 'string' ? item : optString(item, 'Number');
    if (!n) throw badRequest(`Each item of ${name} needs a Number.`);
    return n;
  });
}
