import { z } from 'zod';
import { type FieldResult, fail, ok, parsedString } from './result.js';

/** A small case-insensitive enum: any casing in, the canonical value out. */
export function enumSchema<const T extends readonly [string, ...string[]]>(values: T, hint: string) {
  const parse = (raw: string): FieldResult<T[number]> => {
    const value = raw.trim().toLowerCase();
    const match = values.find((v) => v.toLowerCase() === value);
    return match ? ok(match) : fail(`"${raw.trim().slice(0, 30)}" is not allowed; use ${hint}`);
  };
  return parsedString(parse, hint);
}

export const NUMBER_TYPES = ['mvno', 'iot'] as const;
export const MESSAGE_TYPES = ['p2p', 'a2p'] as const;
export const TARGET_CLASSIFICATIONS = ['mvno', 'iot'] as const;
export type TargetClassification = (typeof TARGET_CLASSIFICATIONS)[number];

export const numberTypeSchema = enumSchema(
  NUMBER_TYPES,
  'mvno (phones) or iot (devices; p2p messaging only)',
);
export const messageTypeSchema = enumSchema(
  MESSAGE_TYPES,
  'p2p (person-to-person) or a2p (application-to-person)',
);
export const targetClassificationSchema = enumSchema(TARGET_CLASSIFICATIONS, 'mvno or iot');

/** Booleans from checkboxes or text: true/false, "true"/"false", "yes"/"no", "on"/"off". */
export const booleanSchema = z
  .union([z.boolean(), z.string()], { error: 'true or false' })
  .transform((raw, ctx) => {
    if (typeof raw === 'boolean') return raw;
    const value = raw.trim().toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(value)) return true;
    if (['false', 'no', 'off', '0'].includes(value)) return false;
    ctx.addIssue({ code: 'custom', message: 'use true or false' });
    return z.NEVER;
  });
