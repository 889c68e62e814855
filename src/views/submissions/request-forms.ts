import type { webApi } from '@slack/bolt';
import type { KnownBlock, ModalView } from '@slack/types';
import type { AppContext } from '../../app-context.js';
import { CALLBACK } from '../../messages/ids.js';
import { planLabel } from '../../messages/plan-words.js';
import { parsePhoneNumbers } from '../../operations/fields/phone-number.js';
import { PROTECT_ACTIONS, type ProtectResult } from '../../operations/protect-input.js';
import {
  LINE_CHANGE_OPERATIONS,
  type OperationKind,
  operations,
  orderTraits,
} from '../../operations/registry.js';
import type { FieldErrors } from '../../operations/validation-errors.js';
import { withinAckDeadline } from '../../slack/within-ack-deadline.js';
import { protectStepsBlocks, redrawProtectionCard } from '../forms/open-protection-card.js';
import { isPortinFormMetadata, portinFormWithPlan } from '../forms/portin-form.js';
import { provisionFormView } from '../forms/provision-form.js';
import type { ModalMetadata } from '../modal-metadata.js';
import { END_PLAN_FIELD, leftOutNote } from '../modals/line-change-modal.js';
import { PASTED_NUMBERS_FIELD } from '../modals/portin-modal.js';
import { dropUnchanged } from '../view-input.js';
import type { CompanionRequest } from './companion-requests.js';
import { planFromCatalogue } from './plan-from-catalogue.js';

/** Which operation each form submits, and what the form's metadata adds to the typed fields. */
export interface RequestForm {
  callbackId: string;
  kind: OperationKind;
  fromMetadata(m: ModalMetadata): Record<string, unknown>;
  /**
   * Once the request ran (succeeded, failed or unknown): blocks the result shows under the outcome, read afresh
   * (the protection card as Telegent has it now); the form may redraw the view it was pushed from too.
   */
  afterRun?(
    ctx: AppContext,
    client: webApi.WebClient,
    m: ModalMetadata,
    /** What the operation's execute answered, when it succeeded. */
    result: unknown,
  ): Promise<KnownBlock[]>;
  /** What the filed request's stored input says the requester should read in the form's result (left out numbers). */
  filedNote?(input: Record<string, unknown>): KnownBlock[];
  /**
   * Checks against Telegent's data that can still be answered inside the ack (from a cache), shown under
   * the fields; Telegent stays the judge after the ack.
   */
  /** Checks answered inside the ack; `timeLeftMs` of the request's ack budget remains (a slow one yields none). */
  inlineChecks?(
    input: Record<string, unknown>,
    ctx: AppContext,
    timeLeftMs: number,
  ): Promise<FieldErrors | null>;
  /**
   * A form that folds fields behind "More options…": built again with them shown (Slack keeps what was typed,
   * since the fields keep their block and action ids).
   */
  withMoreOptions?(ctx: AppContext, m: ModalMetadata, timeLeftMs: number): Promise<ModalView | undefined>;
  /**
   * What the form's input needs from a cached Telegent list inside the ack (the plan: required or not, its name
   * and price in words), or errors under its fields.
   */
  fromCatalogue?(
    raw: Record<string, unknown>,
    ctx: AppContext,
    timeLeftMs: number,
    /** The form's input block ids (a field the form does not show cannot be required). */
    inputIds: readonly string[],
  ): Promise<{ values: Record<string, unknown> } | { errors: FieldErrors }>;
  /** The typed fields as the operation should see them (the update form keeps only what changed). */
  changes?(
    typed: Record<string, unknown>,
    m: ModalMetadata,
    ctx: AppContext,
  ): Promise<Record<string, unknown>>;
  /** Requests filed beside this one, each its own step (Cancel line…'s "also end the plan", when ticked). */
  alsoFile?(typed: Record<string, unknown>, m: ModalMetadata): CompanionRequest[];
}

/** Cancel line… with "also end the plan" ticked: ending the plan is a request of its own, never a side effect. */
function planEndIfTicked(typed: Record<string, unknown>, m: ModalMetadata): CompanionRequest[] {
  const subscriptionId = m.line?.subscriptionId;
  if (typed[END_PLAN_FIELD] !== true || !subscriptionId || !m.phoneNumber) return [];
  return [
    {
      kind: operations['plan-end'].kind as OperationKind,
      raw: { phoneNumber: m.phoneNumber, subscriptionId, currentPlan: m.line?.currentPlan },
    },
  ];
}

/** The update form is pre-filled with what we stored: only fields the user changed are an update. */
async function changedSinceStored(typed: Record<string, unknown>, m: ModalMetadata, ctx: AppContext) {
  const order = m.orderId ? await ctx.store.orders.get(m.orderId) : null;
  const stored = order?.requestId ? (await ctx.store.requests.get(order.requestId))?.input : undefined;
  return stored ? dropUnchanged(typed, stored) : typed;
}

/**
 * Cancel all…'s orders: every port-in of the batch (its request), each with its number. The operation leaves out
 * those that finished (with the reason), so the approver reads what will be cancelled and what will not.
 */
async function batchPortIns(typed: Record<string, unknown>, m: ModalMetadata, ctx: AppContext) {
  const orders = m.requestId ? await ctx.store.orders.listByRequests([m.requestId]) : [];
  const portIns = orders
    .filter((o) => orderTraits(o.kind).portIn)
    .sort((a, b) => (a.numbers[0] ?? '').localeCompare(b.numbers[0] ?? ''));
  return {
    ...typed,
    orderIds: portIns.map((o) => o.orderId),
    orderNumbers: portIns.map((o) => o.numbers[0] ?? ''),
  };
}

/** The chosen plan in words from the catalogue ("Unlimited Plus · $45.00 / month"): what the approver reads. */
async function withPlanWords(typed: Record<string, unknown>, _m: ModalMetadata, ctx: AppContext) {
  const packageId = typeof typed.packageId === 'string' ? typed.packageId : undefined;
  const plan = packageId ? await ctx.plans.get(packageId).catch(() => undefined) : undefined;
  return plan ? { ...typed, newPlan: planLabel(plan) } : typed;
}

/**
 * The port-in form's numbers: the one checked (or the list's), then any pasted in its "More numbers" box. Bad
 * entries and repeats stay in the list, so the schema names them under the box rather than dropping them.
 */
function withPastedNumbers(typed: Record<string, unknown>, m: ModalMetadata): Record<string, unknown> {
  const { [PASTED_NUMBERS_FIELD]: pasted, ...rest } = typed;
  const text = typeof pasted === 'string' ? pasted.trim() : '';
  const checked = m.phoneNumbers ?? (m.phoneNumber ? [m.phoneNumber] : []);
  if (!text) return m.phoneNumbers ? { ...rest, phoneNumbers: m.phoneNumbers } : rest;
  const parsed = parsePhoneNumbers(text);
  return {
    ...rest,
    phoneNumbers: [...checked, ...parsed.numbers, ...parsed.duplicates, ...parsed.errors.map((e) => e.input)],
  };
}

/** An email that already has a subscriber (from the subscriber picker's cached list). */
async function emailNotTaken(
  input: Record<string, unknown>,
  ctx: AppContext,
  timeLeftMs: number,
): Promise<FieldErrors | null> {
  const email = String(input.email ?? '');
  const taken = await withinAckDeadline(
    ctx.pickers.findSubscriberByEmail(email),
    undefined,
    timeLeftMs,
  ).catch(() => undefined);
  if (!taken) return null;
  return {
    email: `Email: ${email} already belongs to a Telegent subscriber (${taken.label}): pick them in the form's Subscriber list instead, or use another email.`,
  };
}

/** Every form that files a request: its callback_id, the operation it submits, what its metadata adds. */
export const REQUEST_FORMS: readonly RequestForm[] = [
  {
    callbackId: CALLBACK.form('provision'),
    kind: 'provision',
    fromMetadata: () => ({}),
    fromCatalogue: planFromCatalogue,
    withMoreOptions: (ctx, m, timeLeftMs) =>
      provisionFormView(ctx, { channelId: m.channelId, moreOptions: true, timeLeftMs }),
  },
  {
    callbackId: CALLBACK.form('portin'),
    kind: 'portin',
    fromCatalogue: planFromCatalogue,
    fromMetadata: (m) => ({
      phoneNumber: m.phoneNumber,
      // Those a list's check left out (for the card); its numbers come with the pasted ones (withPastedNumbers).
      ...(m.leftOut ? { leftOut: m.leftOut } : {}),
      // The classification eligibility was checked in; a form opened before it was recorded keeps what was typed.
      ...(m.targetClassification ? { targetClassification: m.targetClassification } : {}),
      ...(m.eligibility ? { eligibility: m.eligibility } : {}),
    }),
    filedNote: leftOutNote,
    changes: async (typed, m) => withPastedNumbers(typed, m),
    withMoreOptions: async (ctx, m, timeLeftMs) =>
      isPortinFormMetadata(m) ? portinFormWithPlan(ctx, m, Math.min(timeLeftMs, 500), true) : undefined,
  },
  {
    callbackId: CALLBACK.form('portin-update'),
    kind: 'portin-update',
    fromMetadata: (m) => ({ orderId: m.orderId }),
    changes: changedSinceStored,
  },
  {
    callbackId: CALLBACK.form('portin-cancel'),
    kind: 'portin-cancel',
    fromMetadata: (m) => ({ orderId: m.orderId }),
  },
  // Cancel all… of a batch: its port-ins read again at submit (closed ones are left out with the reason).
  {
    callbackId: CALLBACK.portinCancelAll,
    kind: 'portin-cancel',
    fromMetadata: () => ({}),
    changes: batchPortIns,
  },
  {
    callbackId: CALLBACK.form('portout'),
    kind: 'portout',
    fromMetadata: (m) => ({ phoneNumber: m.phoneNumber }),
  },
  { callbackId: CALLBACK.form('limits'), kind: 'limits', fromMetadata: () => ({}) },
  {
    callbackId: CALLBACK.form('subscriber-new'),
    kind: 'subscriber-new',
    fromMetadata: () => ({}),
    inlineChecks: emailNotTaken,
  },
  {
    callbackId: CALLBACK.form('number-update'),
    kind: 'number-update',
    fromMetadata: (m) => ({ phoneNumber: m.phoneNumber }),
  },
  {
    callbackId: CALLBACK.form('plan'),
    kind: 'plan',
    fromMetadata: (m) => ({ ...m.line, phoneNumber: m.phoneNumber }),
    changes: withPlanWords,
  },
  // End plan… on a line that no longer runs: the subscription the form read, ended on its own approval.
  {
    callbackId: CALLBACK.form('plan-end'),
    kind: 'plan-end',
    fromMetadata: (m) => ({
      phoneNumber: m.phoneNumber,
      subscriptionId: m.line?.subscriptionId,
      currentPlan: m.line?.currentPlan,
    }),
  },
  // AI Guardian: one form per action of the protect operation, pushed over the protection card, redrawn after.
  ...PROTECT_ACTIONS.map(
    (action): RequestForm => ({
      callbackId: CALLBACK.protectForm(action),
      kind: 'protect',
      fromMetadata: (m) => ({ phoneNumber: m.phoneNumber, subscriberId: m.subscriberId, action }),
      afterRun: async (ctx, client, m, result) => {
        if (!m.phoneNumber) return [];
        // The request read the line back after its change: shown as is, unless that read failed.
        const after = (result as ProtectResult | undefined)?.after;
        const card = await redrawProtectionCard(ctx, client, {
          channelId: m.channelId,
          phoneNumber: m.phoneNumber,
          cardViewId: m.cardViewId,
          after: after ? { state: after, subscriberName: m.customer ?? after.subscriberId } : undefined,
        });
        return [...protectStepsBlocks(result), ...card];
      },
    }),
  ),
  ...LINE_CHANGE_OPERATIONS.map(
    (op): RequestForm => ({
      callbackId: CALLBACK.lineChangeForm(op.kind),
      kind: op.kind as OperationKind,
      fromMetadata: (m) =>
        m.phoneNumbers ? { phoneNumbers: m.phoneNumbers } : { phoneNumber: m.phoneNumber },
      alsoFile: planEndIfTicked,
      filedNote: leftOutNote,
    }),
  ),
];
