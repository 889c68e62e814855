import type { FunctionArgs } from '../slack/listeners.js';

/** A step's input as text: Workflow Builder hands strings, or nothing when the builder left an optional one empty. */
export function textInput(inputs: FunctionArgs['inputs'], name: string): string | undefined {
  const value = (inputs as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** The operations' field errors (a bullet per field, for Slack messages) as one sentence for a step's error. */
export function asStepError(fieldErrors: string): string {
  const parts = fieldErrors
    .split('\n')
    .map((line) => line.replace(/^•\s*/, '').trim())
    .filter(Boolean);
  const text = parts.join('; ');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
