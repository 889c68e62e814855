import { z } from 'zod';
import { booleanSchema } from './fields/enums.js';
import { isWireline } from './fields/port-in-date.js';
import { optionalField } from './fields/result.js';

/** What the eligibility check answered, carried into the port-in input so its rules can use it. */
export const eligibilityContextSchema = z.object(
  {
    eligible: optionalField(booleanSchema),
    numberType: optionalField(z.string().trim().max(40)),
    currentCarrier: optionalField(z.string().trim().max(100)),
    message: optionalField(z.string().trim().max(300)),
  },
  { error: 'the port-in eligibility answer (eligible, numberType, currentCarrier, message)' },
);

export type EligibilityContext = z.output<typeof eligibilityContextSchema>;

type Issue = (field: string, message: string) => void;

/** Port-in rules that depend on the eligibility answer. */
export function checkEligibility(
  eligibility: EligibilityContext | undefined,
  portInDate: string | undefined,
  issue: Issue,
): void {
  if (!eligibility) return;
  if (eligibility.eligible === false) {
    const why = eligibility.message ? ` (Telegent: ${eligibility.message})` : '';
    issue('phoneNumber', `not eligible for port-in${why}; nothing was submitted`);
  }
  if (isWireline(eligibility.numberType) && portInDate === undefined) {
    issue(
      'portInDate',
      'required for a landline/wireline number; enter a future business day as YYYY-MM-DD, 5–10 business days out',
    );
  }
}
