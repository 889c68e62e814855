import { z } from 'zod';
import { type FieldResult, fail, ok, optionalField, parsedString } from './result.js';
import { TEXT_LIMITS, textSchema } from './text.js';

/** 50 states, DC, the inhabited territories, and military (AA/AE/AP) codes. */
export const US_STATE_CODES = new Set(
  (
    'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH ' +
    'OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC AS GU MP PR VI UM AA AE AP'
  ).split(' '),
);

export const STATE_HINT = 'the 2-letter US state or territory code, e.g. UT';
export const ZIP_HINT = 'a 5-digit ZIP code or ZIP+4, e.g. 84043 or 84043-1234';

export function parseState(raw: string): FieldResult<string> {
  const value = raw.trim().toUpperCase();
  if (value === '') return fail(`required; ${STATE_HINT}`);
  if (!/^[A-Z]{2}$/.test(value) || !US_STATE_CODES.has(value))
    return fail(`not a US state code; use ${STATE_HINT}`);
  return ok(value);
}

export function parseZip(raw: string): FieldResult<string> {
  const value = raw.trim();
  if (value === '') return fail(`required; ${ZIP_HINT}`);
  const match = /^(\d{5})(?:[-\s]?(\d{4}))?$/.exec(value);
  if (!match) return fail(`use ${ZIP_HINT}`);
  return ok(match[2] ? `${match[1]}-${match[2]}` : match[1]!);
}

export const stateSchema = parsedString(parseState, STATE_HINT);
export const zipSchema = parsedString(parseZip, ZIP_HINT);

export const billingAddressSchema = z.object(
  {
    street1: textSchema({
      max: TEXT_LIMITS.street,
      hint: 'the street address, e.g. 2701 N Thanksgiving Way',
    }),
    street2: optionalField(
      textSchema({ max: TEXT_LIMITS.street, hint: 'suite, unit or apartment (optional)' }),
    ),
    city: textSchema({ max: TEXT_LIMITS.city, hint: 'the city, e.g. Lehi' }),
    state: stateSchema,
    zip: zipSchema,
  },
  { error: 'enter street, city, state and ZIP of the current carrier account' },
);

export type BillingAddress = z.output<typeof billingAddressSchema>;

/** Telegent's PascalCase `CurrentBillingAddress`. */
export function billingAddressToTelegent(address: BillingAddress) {
  return {
    Street1: address.street1,
    ...(address.street2 !== undefined ? { Street2: address.street2 } : {}),
    City: address.city,
    State: address.state,
    Zip: address.zip,
  };
}
