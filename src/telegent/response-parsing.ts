import type { z } from 'zod';
import type { EndpointDef } from './endpoints.js';
import { TelegentError, TelegentOutcomeUnknownError } from './errors.js';
import { ErrorBodySchema } from './response-schemas.js';
import type { RawResponse } from './transport.js';

const MAX_MESSAGE = 500;

/** Replaces every known secret value in `text` (tokens, credentials, PINs, account data). */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  // Anything that looks like a JWT, whoever's it is.
  out = out.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[redacted]');
  return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE)}…` : out;
}

function asText(value: unknown): string | undefined {
  if (value == null) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  return JSON.stringify(value);
}

/** Telegent's `Message` from `{StatusCode, Message}`, ProblemDetails `{Title, Errors}`, or the raw text. */
export function extractErrorMessage(response: RawResponse): { message?: string; traceId?: string } {
  const text = response.text.trim();
  if (!text) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // text/plain (declared by the spec), HTML from a proxy, …
    return { message: text.startsWith('<') ? `non-JSON ${response.contentType || 'body'}` : text };
  }
  if (typeof json === 'string') return { message: json };
  const parsed = ErrorBodySchema.safeParse(json);
  if (!parsed.success) return { message: text };
  const body = parsed.data;
  const parts: string[] = [];
  const main = asText(body.message) ?? asText(body.title) ?? asText(body.error);
  if (main) parts.push(main);
  if (body.errors && typeof body.errors === 'object') {
    for (const [field, problems] of Object.entries(body.errors as Record<string, unknown>)) {
      const list = Array.isArray(problems) ? problems.map(String).join(', ') : String(problems);
      parts.push(`${field}: ${list}`);
    }
  }
  return { message: parts.length ? parts.join('; ') : text, traceId: asText(body.traceid) };
}

/** Issues as `path: message` (zod's messages name types, never the offending values). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}

/**
 * A 2xx body checked against `schema`. A body we cannot read is `malformed` for a read; for a
 * mutation the request may well have been carried out, so it is an unknown outcome.
 */
export function parseSuccess<S extends z.ZodType>(
  endpoint: EndpointDef,
  response: RawResponse,
  schema: S,
  secrets: readonly string[],
): z.output<S> {
  const fail = (detail: string, cause?: unknown): never => {
    const init = {
      endpoint: endpoint.path,
      status: response.status,
      telegentMessage: scrub(detail, secrets),
      cause,
    };
    if (endpoint.mode === 'mutation') throw new TelegentOutcomeUnknownError(init);
    throw new TelegentError({ ...init, kind: 'malformed', retryable: false });
  };
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch (error) {
    const what = response.text.trim() ? 'unreadable' : 'empty';
    return fail(`${what} ${response.contentType || 'untyped'} body where JSON was expected`, error);
  }
  // Provision reports a refusal inside a 200: `ErrorMessage` set and no order created.
  if (endpoint.mode === 'mutation' && json && typeof json === 'object') {
    const body = json as { ErrorMessage?: unknown; OrderId?: unknown };
    if (typeof body.ErrorMessage === 'string' && body.ErrorMessage.trim() && !body.OrderId) {
      throw new TelegentError({
        kind: 'rejected',
        endpoint: endpoint.path,
        status: response.status,
        telegentMessage: scrub(body.ErrorMessage, secrets),
      });
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return fail(`unexpected response: ${describeIssues(parsed.error)}`, parsed.error);
  return parsed.data;
}
