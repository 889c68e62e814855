import { z } from 'zod';
import type { StatusChange, StatusChangeRequest } from '../telegent/request-schemas.js';
import type { NumberRecord, StatusChangeResponse } from '../telegent/response-schemas.js';
import { EFFECTIVE_DATE_DEFAULT_ZONE, effectiveDateSchema, toUsDate } from './fields/effective-date.js';
import { iccidSchema } from './fields/iccid.js';
import { phoneNumberSchema } from './fields/phone-number.js';
import { phoneNumberArraySchema } from './fields/phone-number-array.js';
import { localIsoDate } from './fields/port-in-date.js';
import { optionalField } from './fields/result.js';
import { verificationMethodSchema } from './fields/verification-method.js';
import { dayWords, formatPhone } from './glossary.js';
import { countWords, type LeftOut, leftOutWords, numbersInWords } from './line-change-numbers.js';
import { guardTheLine, lineIsFree } from './line-guard.js';
import {
  defineOperation,
  type OpContext,
  type Operation,
  type Outcome,
  type PreconditionContext,
  type Reconciliation,
  type SchemaOptions,
  simTail,
} from './operation.js';
import { readBackNumberChange } from './read-back.js';
import type { FieldErrors } from './validation-errors.js';

/** Park, activate, swap SIM or cancel one line (`POST /numbers/status`); park and activate also a list. */
export interface LineChangeInput {
  /** The line; for a list, its first number (what a request's story and history are filed under). */
  phoneNumber: string;
  /** A list change (`/telegent park n1 n2 …`): every number, in one order. Absent: the one `phoneNumber`. */
  phoneNumbers?: string[] | undefined;
  /** Numbers of the list left out when it was filed, with the reason (set by `leaveOut`, never typed). */
  leftOut?: LeftOut[] | undefined;
  /** 'YYYY-MM-DD'. The form pre-fills today in the channel's zone; blank means today in EFFECTIVE_DATE_DEFAULT_ZONE. */
  effectiveDate: string;
  /** swap-sim only: the new physical SIM; none means a new eSIM (Telegent answers with its QR link). */
  iccid?: string | undefined;
  /** swap-sim and cancel-line: how the customer was verified (one of VERIFICATION_METHODS). */
  verificationMethod?: string | undefined;
}

export interface LineChangeSpec {
  kind: string;
  /** The number card's button: "Park…". */
  button: string;
  /** Final (cancel): the card's button is red. */
  final?: boolean;
  change: StatusChange;
  /** "Park line". */
  title: string;
  /** "park" in "Park +1… from …": the verb of the summary. */
  verb: string;
  /** Shown before Approve: what the change does that cannot be taken back. */
  confirmApproval: string;
  /** The number statuses the change makes sense from (the number card shows the button only there). */
  from: readonly string[];
  /** Whether the number as read back shows the change done. */
  done(record: NumberRecord, input: LineChangeInput): boolean;
  /** The order's noun and label ("park", "Park"). */
  noun: string;
  label: string;
  takesIccid?: boolean;
  /** A change fraudsters use (swap, cancel): the form asks how the customer was verified; required. */
  verifiesCustomer?: boolean;
  /** The line is texted when this is requested (CUSTOMER_NOTICE_FROM): what was asked, in the customer's words. */
  noticeWhat?: string;
  /** The form offers "also end the plan" (unticked) when the line has one: filed as its own request (cancel). */
  offersPlanEnd?: boolean;
  /** Takes a list of numbers in one order (park, activate: nothing per number to ask). */
  takesList?: boolean;
}

/** The numbers a change is about: the list, or the one line. */
export function lineNumbers(input: Pick<LineChangeInput, 'phoneNumber' | 'phoneNumbers'>): string[] {
  return input.phoneNumbers ?? [input.phoneNumber];
}

function lineChangeSchema(spec: LineChangeSpec, options: SchemaOptions): z.ZodType<LineChangeInput> {
  // Park and activate do not ask how the customer was verified: a method given anyway is dropped.
  const verificationMethod = spec.verifiesCustomer
    ? verificationMethodSchema(options.verificationMethods)
    : z.undefined().optional().catch(undefined);
  const base = {
    phoneNumber: phoneNumberSchema,
    effectiveDate: effectiveDateSchema(options.now),
    verificationMethod,
  };
  // Only swap-sim takes a SIM; elsewhere an ICCID is dropped, never sent.
  if (spec.takesIccid) return z.object({ ...base, iccid: optionalField(iccidSchema) });
  if (!spec.takesList) return z.object(base);
  // A list: `phoneNumbers` (the first also as `phoneNumber`); the number card still sends one `phoneNumber`.
  return z
    .object({
      ...base,
      phoneNumber: phoneNumberSchema.optional(),
      phoneNumbers: phoneNumberArraySchema.optional(),
    })
    .transform(({ phoneNumbers, phoneNumber, ...rest }, ctx): LineChangeInput => {
      const first = phoneNumbers?.[0] ?? phoneNumber;
      if (!first) {
        ctx.addIssue({ code: 'custom', path: ['phoneNumber'], message: 'required; enter a US number' });
        return z.NEVER;
      }
      return { ...rest, phoneNumber: first, ...(phoneNumbers ? { phoneNumbers } : {}) };
    });
}

/** Why a number cannot be changed now, in a sentence (lineIsFree's message without its field label). */
async function blocked(ctx: PreconditionContext, phoneNumber: string): Promise<string | null> {
  const problem = await lineIsFree(ctx, phoneNumber);
  return problem ? problem.phoneNumber.replace(/^Phone number: /, '') : null;
}

/** A list change: the numbers that cannot be changed now are left out with the reason; the rest go. */
async function leaveOut(ctx: PreconditionContext, input: LineChangeInput): Promise<LineChangeInput> {
  if (!input.phoneNumbers) return input;
  const free: string[] = [];
  const leftOut: LeftOut[] = [];
  for (const number of input.phoneNumbers) {
    const reason = await blocked(ctx, number);
    if (reason) leftOut.push({ number, reason });
    else free.push(number);
  }
  // None left: the input stays whole, so the preconditions refuse it with every reason.
  if (free.length === 0 || leftOut.length === 0) return input;
  return { ...input, phoneNumber: free[0] as string, phoneNumbers: free, leftOut };
}

/** Every number must be free (when filed, after leaveOut, and again right before the order is sent). */
async function listIsFree(ctx: PreconditionContext, input: LineChangeInput): Promise<FieldErrors | null> {
  if (!input.phoneNumbers) return lineIsFree(ctx, input.phoneNumber);
  const reasons: string[] = [];
  for (const number of input.phoneNumbers) {
    const reason = await blocked(ctx, number);
    if (reason) reasons.push(reason);
  }
  if (reasons.length === 0) return null;
  const none = reasons.length === input.phoneNumbers.length ? 'None of the numbers can be changed now. ' : '';
  return { phoneNumbers: `${none}${reasons.join(' ')}` };
}

/** An approval that came a day late must not send a date in the past: today, then. */
function notBeforeToday(input: LineChangeInput, now: Date): LineChangeInput {
  const today = localIsoDate(now, EFFECTIVE_DATE_DEFAULT_ZONE);
  return input.effectiveDate < today ? { ...input, effectiveDate: today } : input;
}

function toTelegent(spec: LineChangeSpec, input: LineChangeInput): StatusChangeRequest {
  return {
    StatusChange: spec.change,
    EffectiveDate: toUsDate(input.effectiveDate),
    PhoneNumbers: lineNumbers(input).map((n) => ({
      Number: n,
      ...(input.iccid ? { ICCID: input.iccid } : {}),
    })),
  };
}

function outcome(spec: LineChangeSpec, input: LineChangeInput, response: StatusChangeResponse): Outcome {
  // Only a SIM swap hands out a QR link worth revealing (an activation may echo one: not news, not a secret to DM).
  const changed = spec.takesIccid
    ? response.Numbers.find((n) => !n.Number || n.Number === input.phoneNumber)
    : undefined;
  return {
    order: {
      orderId: response.OrderId,
      numbers: lineNumbers(input),
      status: response.OrderStatus ?? 'Pending',
    },
    ...(changed?.QrCode
      ? {
          reveal: {
            title: `New eSIM QR code for ${input.phoneNumber}`,
            secret: changed.QrCode,
            note: `Order \`${response.OrderId}\`. Send it to the customer only after checking who they are: whoever scans it takes over the number.`,
          },
        }
      : {}),
  };
}

export type LineChangeOperation = Operation<LineChangeInput, StatusChangeResponse, StatusChangeRequest> & {
  lineChange: LineChangeSpec;
};

/** One line change as an operation: the four (park, activate, swap-sim, cancel-line) differ only by `spec`. */
export function lineChangeOperation(spec: LineChangeSpec): LineChangeOperation {
  guardTheLine(spec.kind);
  const when = (input: LineChangeInput) => dayWords(input.effectiveDate);
  const sim = (input: LineChangeInput) =>
    input.iccid ? `SIM ${simTail(input.iccid)}` : 'a new eSIM (QR code to the requester only)';
  const operation = defineOperation<LineChangeInput, StatusChangeResponse, StatusChangeRequest>({
    kind: spec.kind,
    title: spec.title,
    mutates: true,
    needsApproval: true,
    confirmApproval: spec.confirmApproval,
    secretFields: [],
    schema: (options) => lineChangeSchema(spec, options),
    ...(spec.verifiesCustomer ? { asksCustomerVerification: true } : {}),
    ...(spec.noticeWhat
      ? { customerNotice: { line: (input: LineChangeInput) => input.phoneNumber, what: spec.noticeWhat } }
      : {}),
    titleOf: (input) =>
      input.phoneNumbers ? `${spec.title} · ${countWords(input.phoneNumbers.length)}` : spec.title,
    summary: (input) =>
      input.phoneNumbers
        ? `${spec.verb} ${countWords(input.phoneNumbers.length)} (${numbersInWords(input.phoneNumbers, 3)}), effective ${when(input)}`
        : `${spec.verb} ${formatPhone(input.phoneNumber)}${spec.takesIccid ? ` to ${sim(input)}` : ''}, effective ${when(input)}`,
    facts: (input) => [
      input.phoneNumbers
        ? [countWords(input.phoneNumbers.length), numbersInWords(input.phoneNumbers)]
        : ['Number', formatPhone(input.phoneNumber)],
      ['Effective', when(input)],
      ...(spec.takesIccid ? [['New SIM', sim(input)] as [string, string]] : []),
      ...(input.leftOut?.length
        ? [[`Left out (${input.leftOut.length})`, leftOutWords(input.leftOut)] as [string, string]]
        : []),
    ],
    ...(spec.takesList ? { leaveOut } : {}),
    preconditions: listIsFree,
    toTelegent: (input) => toTelegent(spec, input),
    execute: (ctx, input) =>
      ctx.telegent.changeNumberStatus(toTelegent(spec, notBeforeToday(input, ctx.now())), ctx.callOptions),
    outcome: (input, response) => outcome(spec, input, response),
    storedResult: ({ Numbers, ...rest }) => ({ ...rest, Numbers: Numbers.map(({ QrCode: _qr, ...n }) => n) }),
    orders: {
      noun: spec.noun,
      label: spec.label,
      portIn: false,
      failedNextStep: (orderId) =>
        `*Next step:* check the number with \`/telegent number\` and \`/telegent status ${orderId}\`, then retry or escalate to Telegent support with the OrderId.`,
    },
    reconcile: (ctx, input) =>
      input.phoneNumbers ? reconcileList(ctx, spec, input) : reconcileOne(ctx, spec, input),
  });
  return { ...operation, lineChange: spec };
}

/** Reads every number back: resolved only when each shows the change (an unknown answer for a list). */
async function reconcileList(
  ctx: OpContext,
  spec: LineChangeSpec,
  input: LineChangeInput,
): Promise<Reconciliation> {
  const numbers = lineNumbers(input);
  const notYet: string[] = [];
  let found = false;
  for (const number of numbers) {
    const one = await reconcileOne(ctx, spec, { ...input, phoneNumber: number, phoneNumbers: undefined });
    found ||= one.found;
    if (!one.resolved) notYet.push(number);
  }
  const all = countWords(numbers.length);
  return {
    checked: 'number details',
    found,
    number: input.phoneNumber,
    resolved: notYet.length === 0,
    detail:
      notYet.length === 0
        ? `All ${all} show the ${spec.noun}: it went through.`
        : `${countWords(notYet.length)} of ${numbers.length} do not show the ${spec.noun} yet (${numbersInWords(notYet)}). Check them with \`/telegent number\` before asking again.`,
  };
}

function reconcileOne(ctx: OpContext, spec: LineChangeSpec, input: LineChangeInput): Promise<Reconciliation> {
  const when = (i: LineChangeInput) => dayWords(i.effectiveDate);
  return readBackNumberChange(ctx, input.phoneNumber, (record) => {
    const done = spec.done(record, input);
    const now = `${input.phoneNumber} is ${record.Status ?? 'of unknown status'}, SIM ${simTail(record.Iccid ?? undefined)}.`;
    return {
      done,
      detail: done
        ? `${now} The ${spec.noun} went through.`
        : `${now} The ${spec.noun} does not show yet (effective ${when(input)}). Check \`/telegent number ${input.phoneNumber}\` before asking again.`,
    };
  });
}
