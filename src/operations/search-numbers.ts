import { z } from 'zod';
import type { AvailabilityRequest } from '../telegent/request-schemas.js';
import type { AvailabilityResponse } from '../telegent/response-schemas.js';
import { AREA_CODE_HINT, areaCodeSchema, parseAreaCode } from './fields/area-code.js';
import { limitValueSchema } from './fields/data-limits.js';
import { booleanSchema, messageTypeSchema } from './fields/enums.js';
import { type FieldResult, fail, ok, optionalField, withDefault } from './fields/result.js';
import { parseZipCode, ZIP_CODE_HINT, zipCodeSchema } from './fields/zip-code.js';
import { defineOperation } from './operation.js';

export const SEARCH_TERM_HINT = `${AREA_CODE_HINT}, or ${ZIP_CODE_HINT}`;

function searchSchema() {
  return z
    .object({
      areaCode: optionalField(areaCodeSchema),
      zipCode: optionalField(zipCodeSchema),
      messageType: optionalField(messageTypeSchema),
      messageEnabled: withDefault(booleanSchema, () => true),
      voiceEnabled: withDefault(booleanSchema, () => true),
      pageNumber: optionalField(limitValueSchema),
    })
    .superRefine((value, ctx) => {
      if (value.areaCode === undefined && value.zipCode === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['areaCode'],
          message: `required to search; enter ${SEARCH_TERM_HINT}`,
        });
      }
    });
}

export type SearchInput = z.output<ReturnType<typeof searchSchema>>;

/** `/telegent search <area-code|zip>`: one term, 3 digits = area code, 5 digits = ZIP. */
export function parseSearchTerm(raw: string): FieldResult<{ areaCode: string } | { zipCode: string }> {
  const term = raw.trim();
  if (/^\(?\d{3}\)?$/.test(term)) {
    const r = parseAreaCode(term);
    return r.ok ? ok({ areaCode: r.value }) : r;
  }
  if (/^\d{5}(-\d{4})?$/.test(term)) {
    const r = parseZipCode(term);
    return r.ok ? ok({ zipCode: r.value }) : r;
  }
  return fail(`"${term.slice(0, 20)}" is neither; enter ${SEARCH_TERM_HINT}`);
}

export function searchToTelegent(input: SearchInput): AvailabilityRequest {
  return {
    NumberType: 'mobile',
    MessageEnabled: input.messageEnabled,
    VoiceEnabled: input.voiceEnabled,
    ...(input.messageType !== undefined ? { MessageType: input.messageType } : {}),
    ...(input.pageNumber !== undefined ? { PageNumber: input.pageNumber } : {}),
    ...(input.areaCode !== undefined ? { AreaCode: input.areaCode } : {}),
    ...(input.zipCode !== undefined ? { ZipCode: input.zipCode } : {}),
  };
}

export const searchNumbers = defineOperation<SearchInput, AvailabilityResponse, AvailabilityRequest>({
  kind: 'search',
  title: 'Search numbers',
  mutates: false,
  needsApproval: false,
  secretFields: [],
  schema: searchSchema,
  summary(input) {
    const where = [
      input.areaCode !== undefined ? `area code ${input.areaCode}` : undefined,
      input.zipCode !== undefined ? `ZIP ${input.zipCode}` : undefined,
    ]
      .filter(Boolean)
      .join(' / ');
    return `Search available numbers in ${where}`;
  },
  toTelegent: searchToTelegent,
  execute(ctx, input) {
    return ctx.telegent.searchAvailability(searchToTelegent(input), ctx.callOptions);
  },
});
