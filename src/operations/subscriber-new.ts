import { z } from 'zod';
import { isTelegentError, whatHappened } from '../telegent/errors.js';
import { SUBSCRIBER_ROLES, type SubscriberCreateRequest } from '../telegent/request-schemas.js';
import type { Subscriber } from '../telegent/response-schemas.js';
import { emailSchema, maskEmail } from './fields/email.js';
import { enumSchema } from './fields/enums.js';
import { optionalField, withDefault } from './fields/result.js';
import { accountIdSchema } from './fields/telegent-ids.js';
import { generateTemporaryPassword } from './fields/temporary-password.js';
import { TEXT_LIMITS, textSchema } from './fields/text.js';
import { defineOperation, MASK, type OpContext, type Reconciliation } from './operation.js';
import { shortName } from './personal-data.js';

export type SubscriberRole = (typeof SUBSCRIBER_ROLES)[number];

export interface SubscriberNewInput {
  name: string;
  email: string;
  role: SubscriberRole;
  accountId?: string | undefined;
  /** Made when the request runs (`freshSecrets`), never typed, stored or logged. */
  password?: string | undefined;
}

function subscriberNewSchema(): z.ZodType<SubscriberNewInput> {
  return z.object({
    name: textSchema({ max: TEXT_LIMITS.name, hint: "the subscriber's full name, e.g. Jane Doe" }),
    email: emailSchema,
    role: withDefault(
      enumSchema(SUBSCRIBER_ROLES, 'Subscriber (a person with a line) or Manager (runs the account)'),
      () => 'Subscriber' as const,
    ),
    accountId: optionalField(accountIdSchema),
  });
}

export function subscriberNewToTelegent(input: SubscriberNewInput): SubscriberCreateRequest {
  return {
    Name: input.name,
    Email: input.email,
    PhoneNumbers: [],
    Role: input.role,
    // Checked by the client; absent only if execute was skipped (toTelegent is also used for previews).
    Password: input.password ?? '',
    ...(input.accountId ? { AccountId: input.accountId } : {}),
  };
}

const MAX_PAGES = 10;

/** After an ambiguous create: is there a subscriber with this email now? (Reads only.) */
async function readBackSubscriber(ctx: OpContext, input: SubscriberNewInput): Promise<Reconciliation> {
  const wanted = input.email.toLowerCase();
  const checked = 'subscriber list';
  try {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await ctx.telegent.listDistributorSubscribers(
        { PageNumber: page, TotalPerPage: 100 },
        ctx.callOptions,
      );
      const found = result.Subscribers.find((s) => s.Email?.toLowerCase() === wanted);
      if (found) {
        return {
          checked,
          found: true,
          resolved: true,
          detail: `${shortName(input.name)} (${maskEmail(input.email)}) exists at Telegent as ${found.SubscriberId}, but the temporary password was lost with the answer: ask them to use "forgot password" at first login.`,
        };
      }
      if (result.Subscribers.length === 0 || page * 100 >= (result.TotalSubscribers ?? 0)) break;
    }
    return {
      checked,
      found: false,
      detail: `No subscriber with ${maskEmail(input.email)} exists at Telegent: nothing was created. Submit the form again.`,
    };
  } catch (error) {
    if (isTelegentError(error)) {
      return {
        checked,
        found: false,
        detail: `Telegent's subscriber list could not be read (${whatHappened(error).toLowerCase()}). Before trying again, search for ${maskEmail(input.email)} in a subscriber picker.`,
      };
    }
    throw error;
  }
}

export const subscriberNew = defineOperation<SubscriberNewInput, Subscriber, SubscriberCreateRequest>({
  kind: 'subscriber-new',
  title: 'New subscriber',
  mutates: true,
  needsApproval: false,
  secretFields: ['password'],
  schema: subscriberNewSchema,
  summary: (input) =>
    `Create subscriber ${shortName(input.name)} (${maskEmail(input.email)}), role ${input.role}, temporary password ${MASK} (shown only to the requester)`,
  facts: (input) => [
    ['Name', shortName(input.name)],
    ['Email', maskEmail(input.email)],
    ['Role', input.role === 'Manager' ? 'Manager (runs the account)' : 'Subscriber'],
    ['Password', `${MASK} (made when it runs, shown only to the requester, by DM)`],
  ],
  toTelegent: subscriberNewToTelegent,
  freshSecrets: () => ({ password: generateTemporaryPassword() }),
  // The client adds the default AccountId (TELEGENT_ACCOUNT_ID) when the input names none.
  execute: (ctx, input) => ctx.telegent.createSubscriber(subscriberNewToTelegent(input), ctx.callOptions),
  outcome: (input, created) => ({
    staleLists: ['subscriber'],
    ...(input.password
      ? {
          reveal: {
            title: `Temporary password for ${input.name} (${input.email}, ${created.SubscriberId})`,
            secret: input.password,
            note: 'Give it to the subscriber and ask them to reset it at first login.',
          },
        }
      : {}),
  }),
  reconcile: readBackSubscriber,
});
