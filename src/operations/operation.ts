import type { z } from 'zod';
import type { CallOptions, TelegentClient } from '../telegent/client.js';
import type { PickerKind } from '../telegent/picker-source.js';
import { DEFAULT_VERIFICATION_METHODS } from './fields/verification-method.js';
import type { FieldErrors } from './validation-errors.js';

/** What an input schema may depend on besides the raw input. */
export interface SchemaOptions {
  /** The clock used for date rules (port-in date must be in the future). */
  now: () => Date;
  /** VERIFICATION_METHODS: the choices "How was the customer verified?" accepts. */
  verificationMethods: readonly string[];
}

export const DEFAULT_SCHEMA_OPTIONS: SchemaOptions = {
  now: () => new Date(),
  verificationMethods: DEFAULT_VERIFICATION_METHODS,
};

export function schemaOptions(options: Partial<SchemaOptions> = {}): SchemaOptions {
  return { ...DEFAULT_SCHEMA_OPTIONS, ...options };
}

export interface OpContext {
  telegent: TelegentClient;
  /** Default `AID-…` (TELEGENT_ACCOUNT_ID), used when the input names none. */
  accountId?: string | undefined;
  now(): Date;
  /** Priority (interactive by default; the poller passes background) and abort signal. */
  callOptions?: CallOptions | undefined;
  /** In a request of several items (requests/batch.ts): numbers its other items already got, for read-backs. */
  settledNumbers?: readonly string[] | undefined;
}

/** Shown instead of a secret value, everywhere. */
export const MASK = '••••';

export { simTail } from './personal-data.js';

/** What preconditions may look up: the orders this app watches (the store's repository fits). */
export interface PreconditionContext {
  /** Set when the check runs again just before a request is sent (it must not count itself as open). */
  currentRequestId?: string | undefined;
  orders: {
    get(orderId: string): Promise<{ kind: string; status: string; closedAt: Date | null } | null>;
    /** Open orders naming this number (E.164). */
    listOpenForNumber(phoneNumber: string): Promise<Array<{ orderId: string; kind: string; status: string }>>;
  };
  requests: {
    /** Requests naming this number (E.164) that are still to be decided or run. */
    listOpenForNumber(phoneNumber: string): Promise<Array<{ id: string; kind: string; status: string }>>;
    /** Requests about this order (a port-in's update or cancel) that are still to be decided or run. */
    listOpenForOrder(orderId: string): Promise<Array<{ id: string; kind: string; status: string }>>;
    /** One request by id (a step filed with another checks how that one went). */
    get(id: string): Promise<{ id: string; kind: string; status: string } | null>;
  };
}

/** What a successful mutation means beyond Telegent's answer (which the request keeps as its result). */
export interface Outcome {
  /** A new Telegent order to watch in the requester's channel. */
  order?: { orderId: string; numbers: string[]; status: string; portInDate?: string | null };
  /** An order already watched that this mutation changed: the poller looks at it again soon. */
  recheckOrderId?: string;
  /** That order's new port date ('YYYY-MM-DD'), when the mutation changed it (heads-ups, digest, poller). */
  newPortInDate?: string;
  /** Shown once to the requester alone, never stored or posted (a port-out PIN, a temporary password). */
  reveal?: RevealedSecret;
  /** Telegent lists the forms' pickers cache that this mutation changed (a new subscriber): read them again. */
  staleLists?: readonly PickerKind[];
  /**
   * Put the new line on the plan the form chose (a Telegent subscription), once the number exists: stored as a
   * step of the request and created exactly once by jobs/line-subscriptions.ts.
   */
  plan?: {
    packageId: string;
    planName?: string | undefined;
    subscriberId: string;
    /** E.164: the line. */
    phoneNumber: string;
    iccid?: string | undefined;
    /** Lower-case `mvno` / `iot` (a port-in's is read back from the number once it is ours). */
    type?: 'mvno' | 'iot' | undefined;
    /** The number's id (`PhoneNumberId`), when Telegent's answer gave it; else it is read back. */
    tnid?: string | undefined;
    /** The number is ours only when the outcome's order completes (a port-in): the step waits for it. */
    whenOrderCompletes?: boolean;
  };
}

/** A secret the requester must see exactly once, by DM: what it is, the value, what to do with it. */
export interface RevealedSecret {
  /** "Port-out PIN for (801) 555-1234" (also the notification text: never the secret itself). */
  title: string;
  secret: string;
  /** What to do with it, e.g. "Give the PIN to the customer". */
  note: string;
}

/** A redacted account of what reading Telegent back after an ambiguous mutation found. */
export interface Reconciliation {
  checked: string;
  found: boolean;
  detail: string;
  orderId?: string;
  number?: string;
  /** The read-back proves the change happened: the request counts as succeeded. */
  resolved?: boolean;
}

/** How the orders an operation creates are named and watched. */
export interface OrderTraits {
  /** In sentences and lines: "port-in". */
  noun: string;
  /** At the start of a message: "Port-in". */
  label: string;
  /** A port-in: fixable with Update…, cancellable with Cancel…, watched closely near its port date, in the digest. */
  portIn: boolean;
  /** The requester's next step when the order ends in failure without a carrier code to act on. */
  failedNextStep(orderId: string): string;
}

export interface Operation<Input, Result, Body = unknown> {
  /** The registry key (`/telegent` subcommands, APPROVAL_REQUIRED_FOR, stored requests and orders). */
  kind: string;
  /** Human name, e.g. "Port-in". */
  title: string;
  /** The title of one request when its input says more ("Park line · 12 numbers"): cards' headers. */
  titleOf?(input: Input): string;
  /** Builds the input schema (camelCase fields; the single source of validation). */
  schema(options?: Partial<SchemaOptions>): z.ZodType<Input>;
  /** `schema()` with default options (real clock). */
  input: z.ZodType<Input>;
  /** Changes something at Telegent (as opposed to a read): run as a request, through the workflow. */
  mutates: boolean;
  /** Needs a second person by default (APPROVAL_REQUIRED_FOR overrides the whole list). */
  needsApproval: boolean;
  /**
   * Whether this input needs the approval its kind's policy asks for (default: yes). An update of routes only
   * is not the risk a new owner or SIM is: the policy names the kind, the definition says which inputs.
   */
  approvalFor?(input: Input): boolean;
  /**
   * A change fraudsters use to take a line (SIM swap, port-out PIN, cancel, new owner or SIM): its form asks
   * "How was the customer verified?" (`verificationMethod`); the schema says when an answer is required.
   */
  asksCustomerVerification?: boolean;
  /**
   * The line is texted when this is requested, before anything is sent (CUSTOMER_NOTICE_FROM): which number,
   * and what was asked in words for the customer ("a new SIM for this number").
   */
  customerNotice?: { line(input: Input): string; what: string };
  /** Approve asks to confirm with this sentence (the change cannot be undone). */
  confirmApproval?: string;
  /** Input fields that must never reach a channel, a log line or an error text. */
  secretFields: readonly string[];
  /** One line, safe for channels and logs: secrets are masked. */
  summary(input: Input): string;
  /** Label/value pairs an approver judges the request by (approval card): redacted, plain text. */
  facts?(input: Input): Array<[string, string]>;
  /**
   * Checks against what the app knows (field → message), or null: when a request is filed, and again right
   * before it is sent (an approval can come hours later, after a port-out was opened).
   */
  preconditions?(ctx: PreconditionContext, input: Input): Promise<FieldErrors | null>;
  /**
   * A request about several numbers, when it is filed: the input without the numbers that cannot be changed
   * now (noted in the input with the reason, for the card); the preconditions then judge what is left.
   */
  leaveOut?(ctx: PreconditionContext, input: Input): Promise<Input>;
  /** The PascalCase Telegent request body (pure). */
  toTelegent(input: Input): Body;
  /**
   * Secrets made when the request runs, never before (a new subscriber's temporary password): merged into
   * the input given to `execute` and `outcome`, so they are sent and revealed but never stored.
   */
  freshSecrets?(): Partial<Input>;
  execute(ctx: OpContext, input: Input): Promise<Result>;
  /**
   * Telegent's answer as the request keeps it (default: as it came). An answer that carries something only
   * the requester may see (an eSIM's QR link) drops it here: it is revealed once and never stored.
   */
  storedResult?(result: Result): unknown;
  /** Mutations: the order to watch, the order to recheck, what to reveal (pure). */
  outcome?(input: Input, result: Result): Outcome;
  /** Operations that create orders: how those orders are named and watched. */
  orders?: OrderTraits;
  /** Mutations: settles an unknown outcome by reading Telegent back. Never sends a mutation. */
  reconcile?(ctx: OpContext, input: Input): Promise<Reconciliation>;
  /**
   * How many times this input is sent (default 1): above 1 the request runs as a batch (requests/batch.ts), each
   * submission its own claimed step, with the same input, outcome and read-back per item.
   */
  items?(input: Input): number;
  /**
   * What item `item` (0-based) of a batch sends, is answered for and read back with (default: the input as
   * filed, e.g. N provisions alike). A batch of different numbers (a business's port-in) gives each its own.
   */
  itemInput?(input: Input, item: number): Input;
  /**
   * A batch whose items differ (a port-in of several numbers): what the story calls item `item` ("(313)
   * 555-0701"), so it shows one line per item, and the verb of its progress line ("Submitted 2 of 3").
   */
  itemWords?: { done: string; label(input: Input, item: number): string };
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds operations of every input/result type
export type AnyOperation = Operation<any, any, any>;

/** Builds an operation whose `input` is its schema with default options. */
export function defineOperation<Input, Result, Body>(
  def: Omit<Operation<Input, Result, Body>, 'input' | 'schema'> & {
    schema(options: SchemaOptions): z.ZodType<Input>;
  },
): Operation<Input, Result, Body> {
  return {
    ...def,
    schema: (options) => def.schema(schemaOptions(options)),
    input: def.schema(DEFAULT_SCHEMA_OPTIONS),
  };
}

/** A copy of the input with every secret field masked: for audit rows and log lines. */
export function redactInput<I extends object>(op: { secretFields: readonly string[] }, input: I): I {
  const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const field of op.secretFields) if (copy[field] !== undefined) copy[field] = MASK;
  return copy as I;
}
