import { z } from 'zod';
import { eligibilityContextSchema } from '../operations/eligibility-context.js';
import { TARGET_CLASSIFICATIONS } from '../operations/fields/enums.js';

/** What a form carries in private_metadata: view_submission payloads do not say which channel it came from. */
const modalMetadataSchema = z.object({
  channelId: z.string().max(40),
  phoneNumber: z.string().max(20).optional(),
  /** A list line change (`/telegent park n1 n2 …`): every number, E.164 (up to 100 fit the 3,000 characters). */
  phoneNumbers: z.array(z.string().max(16)).max(100).optional(),
  /** A port-in of several numbers: those its eligibility check left out, with Telegent's reason (for the card). */
  leftOut: z
    .array(z.object({ number: z.string().max(16), reason: z.string().max(300) }))
    .max(100)
    .optional(),
  orderId: z.string().max(100).optional(),
  eligibility: eligibilityContextSchema.optional(),
  /** The classification eligibility was checked in: the port-in submits the same one. */
  targetClassification: z.enum(TARGET_CLASSIFICATIONS).optional(),
  requestId: z.string().max(100).optional(),
  /** The customer by name (the number's subscriber, or the port-in's for a cancel), for the approval card. */
  customer: z.string().max(100).optional(),
  /**
   * Values the form chose for fields it folded away (the account's only message route): the submission takes
   * them unless the person opened "More options…" and chose otherwise.
   */
  presets: z.record(z.string().max(40), z.string().max(100)).optional(),
  /** The line's subscriber as the protection card read it (AI Guardian is set per subscriber). */
  subscriberId: z.string().max(100).optional(),
  /** The protection card a Guardian form was pushed from: redrawn once the form's request has run. */
  cardViewId: z.string().max(40).optional(),
  /** The channel's bound account the presets were read from (null: the default account). */
  presetsAccountId: z.string().max(100).nullable().optional(),
  /**
   * What the form read of the line for the request, never typed (the plan form: its subscription, plan in words,
   * subscriber, TNID, SIM and type; Cancel line…: the subscription an "also end the plan" would end).
   */
  line: z.record(z.string().max(40), z.string().max(200)).optional(),
});

export type ModalMetadata = z.output<typeof modalMetadataSchema>;

export const writeModalMetadata = (metadata: ModalMetadata): string => JSON.stringify(metadata);

export function readModalMetadata(raw: string | undefined): ModalMetadata | undefined {
  if (!raw) return undefined;
  try {
    const parsed = modalMetadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
