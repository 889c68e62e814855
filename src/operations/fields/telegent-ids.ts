import { type FieldResult, fail, ok, parsedString } from './result.js';

export const TELEGENT_ID_MAX_LENGTH = 80;

export interface TelegentIdKind {
  prefix: string;
  /** Human name, e.g. "message route id". */
  what: string;
  example: string;
}

export const ID_KINDS = {
  messageRoute: {
    prefix: 'MRID-',
    what: 'message route id',
    example: 'MRID-ad0ff867-57dc-4aeb-80e9-9d18349080e9',
  },
  voiceRoute: {
    prefix: 'CRID-',
    what: 'voice route id',
    example: 'CRID-509de94f-79cc-429b-a317-2102654dabbb',
  },
  subscriber: {
    prefix: 'TSUID-',
    what: 'subscriber id',
    example: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
  },
  account: { prefix: 'AID-', what: 'account id', example: 'AID-ceb82085-2725-45a1-bd5e-526ed19799d7' },
} as const satisfies Record<string, TelegentIdKind>;

/** Telegent ids are `PREFIX-` plus letters, digits and dashes; kept as typed apart from trimming. */
/** "enter an account id like AID-…". */
export function telegentIdHint(kind: TelegentIdKind): string {
  return `enter ${/^[aeiou]/i.test(kind.what) ? 'an' : 'a'} ${kind.what} like ${kind.example}`;
}

export function parseTelegentId(raw: string, kind: TelegentIdKind): FieldResult<string> {
  const value = raw.trim();
  const hint = telegentIdHint(kind);
  if (value === '') return fail(`required; ${hint}`);
  if (value.length > TELEGENT_ID_MAX_LENGTH)
    return fail(`too long (at most ${TELEGENT_ID_MAX_LENGTH} characters); ${hint}`);
  if (!value.toUpperCase().startsWith(kind.prefix)) return fail(`must start with ${kind.prefix}; ${hint}`);
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(value.slice(kind.prefix.length))) {
    return fail(`may contain only letters, digits and dashes after ${kind.prefix}; ${hint}`);
  }
  return ok(value);
}

function idSchema(kind: TelegentIdKind) {
  return parsedString((raw) => parseTelegentId(raw, kind), telegentIdHint(kind));
}

export const messageRouteIdSchema = idSchema(ID_KINDS.messageRoute);
export const voiceRouteIdSchema = idSchema(ID_KINDS.voiceRoute);
export const subscriberIdSchema = idSchema(ID_KINDS.subscriber);
export const accountIdSchema = idSchema(ID_KINDS.account);
