import type { z } from 'zod';
import type { CallOptions, TelegentClient } from '../telegent/client.js';

export const OPERATION_KINDS = [
  'search',
  'provision',
  'portin-eligibility',
  'portin',
  'portin-update',
  'portin-cancel',
  'portout',
  'limits',
  'usage',
  'status',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export function isOperationKind(value: string): value is OperationKind {
  return (OPERATION_KINDS as readonly string[]).includes(value);
}

/** What an input schema may depend on besides the raw input. */
export interface SchemaOptions {
  /** Distributor mode: every number must name its `AID-` account. */
  requireAccountId: boolean;
  /** The clock used for date rules (port-in date must be in the future). */
  now: () => Date;
}

export const DEFAULT_SCHEMA_OPTIONS: SchemaOptions = { requireAccountId: false, now: () => new Date() };

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
}

/** Shown instead of a secret value, everywhere. */
export const MASK = '••••';

export interface Operation<Input, Result, Body = unknown> {
  kind: OperationKind;
  /** Human name, e.g. "Port-in". */
  title: string;
  /** Builds the input schema (camelCase fields; the single source of validation). */
  schema(options?: Partial<SchemaOptions>): z.ZodType<Input>;
  /** `schema()` with default options (no distributor mode, real clock). */
  input: z.ZodType<Input>;
  /** Changes something at Telegent (as opposed to a read). */
  mutates: boolean;
  /** Input fields that must never reach a channel, a log line or an error text. */
  secretFields: readonly string[];
  /** One line, safe for channels and logs: secrets are masked. */
  summary(input: Input): string;
  /** The PascalCase Telegent request body (pure). */
  toTelegent(input: Input): Body;
  execute(ctx: OpContext, input: Input): Promise<Result>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds operations of every input/result type
export type AnyOperation = Operation<any, any, any>;

export type InputOf<O> = O extends { summary(input: infer I): string } ? I : never;
export type ResultOf<O> = O extends { execute(...args: never[]): Promise<infer R> } ? R : never;

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
