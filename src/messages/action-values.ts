import { z } from 'zod';
import { type EligibilityContext, eligibilityContextSchema } from '../operations/eligibility-context.js';
import { TARGET_CLASSIFICATIONS, type TargetClassification } from '../operations/fields/enums.js';

/**
 * The JSON carried in button values (≤ 2000 characters), written by the builders and read back by the
 * action handlers. Readers return undefined for anything malformed (values come from Slack payloads).
 */

function parse<T>(schema: z.ZodType<T>, value: string | undefined): T | undefined {
  if (!value) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const searchQuery = { areaCode: z.string().max(10).optional(), zipCode: z.string().max(10).optional() };

/** ACTION.provisionFromSearch: where to provision. */
export const provisionFromSearchValueSchema = z.object(searchQuery);
export type ProvisionFromSearchValue = z.output<typeof provisionFromSearchValueSchema>;
export const readProvisionFromSearchValue = (value: string | undefined) =>
  parse(provisionFromSearchValueSchema, value);

/** ACTION.searchPage: the same query, another page (1-based). */
export const searchPageValueSchema = z.object({ ...searchQuery, page: z.number().int().min(1) });
export type SearchPageValue = z.output<typeof searchPageValueSchema>;
export const readSearchPageValue = (value: string | undefined) => parse(searchPageValueSchema, value);

/** ACTION.portinContinue: the number and what the eligibility check said (feeds the port-in modal and input). */
export const portinContinueValueSchema = z.object({
  phoneNumber: z.string().max(20),
  targetClassification: z.enum(TARGET_CLASSIFICATIONS).default('mvno'),
  eligibility: eligibilityContextSchema,
});
export interface PortinContinueValue {
  phoneNumber: string;
  targetClassification: TargetClassification;
  eligibility: EligibilityContext;
}
export const readPortinContinueValue = (value: string | undefined): PortinContinueValue | undefined =>
  parse(portinContinueValueSchema, value) as PortinContinueValue | undefined;

/** ACTION.historyOlder: whose history (a number, an OrderId or a TSUID) and the oldest entry shown so far. */
export const historyPageValueSchema = z.object({
  subject: z.string().min(1).max(100),
  /** The oldest entry's cursor (see store/history-repo.ts). */
  before: z.string().min(1).max(200),
});
export type HistoryPageValue = z.output<typeof historyPageValueSchema>;
export const readHistoryPageValue = (value: string | undefined) => parse(historyPageValueSchema, value);

/**
 * Where an Approve / Reject click came from (carried by the reject-reason form's metadata): the approval card
 * (redrawn by the request's projection), App Home (published again) or a reminder DM (redrawn with the
 * decision where its buttons were).
 */
export const decisionSurfaceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('card') }),
  z.object({ kind: z.literal('home') }),
  z.object({ kind: z.literal('dm'), channel: z.string().max(40), ts: z.string().max(40) }),
]);
export type DecisionSurface = z.output<typeof decisionSurfaceSchema>;
