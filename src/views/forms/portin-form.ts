import type { ModalView } from '@slack/types';
import type { AppContext } from '../../app-context.js';
import { type ModalMetadata, writeModalMetadata } from '../modal-metadata.js';
import type { PlanField } from '../modals/plan-input.js';
import { portinModal } from '../modals/portin-modal.js';
import { planFieldFor, planPreset } from './plan-field.js';

/** What a port-in form is opened for: the number and its eligibility answer (they ride in the form's metadata). */
export type PortinFormMetadata = ModalMetadata &
  Required<Pick<ModalMetadata, 'phoneNumber' | 'eligibility' | 'targetClassification'>>;

export const isPortinFormMetadata = (m: ModalMetadata): m is PortinFormMetadata =>
  Boolean(m.phoneNumber && m.eligibility && m.targetClassification);

/**
 * The port-in form from its metadata, so "Continue to port-in…" and "More options…" build the same form. The
 * account's only plan, folded, rides in the metadata's presets (see plan-field.ts).
 */
export function portinFormView(
  m: PortinFormMetadata,
  sandbox: boolean,
  moreOptions = false,
  plan?: PlanField,
): ModalView {
  const e = m.eligibility;
  return portinModal({
    phoneNumber: m.phoneNumber,
    eligibility: {
      Eligible: e.eligible === true,
      NumberType: e.numberType,
      CurrentCarrier: e.currentCarrier,
      Message: e.message,
      PhoneNumber: m.phoneNumber,
    },
    targetClassification: m.targetClassification,
    phoneNumbers: m.phoneNumbers,
    leftOut: m.leftOut,
    metadata: writeModalMetadata(m),
    sandbox,
    moreOptions,
    plan,
  });
}

/**
 * The port-in form with its Plan field, from the cached plan list (waiting at most `budgetMs`): the account's only
 * plan is chosen and folded (a preset of the metadata, under the channel's account like any preset).
 */
export async function portinFormWithPlan(
  ctx: Pick<AppContext, 'plans' | 'sandbox' | 'store'>,
  m: PortinFormMetadata,
  budgetMs: number,
  moreOptions = false,
): Promise<ModalView> {
  const plan = await planFieldFor(ctx, budgetMs);
  const preset = planPreset(plan);
  if (!preset.packageId) return portinFormView(m, ctx.sandbox, moreOptions, plan);
  const bound = await ctx.store.channelAccounts.get(m.channelId);
  const presetsAccountId = m.presets ? (m.presetsAccountId ?? null) : (bound?.accountId ?? null);
  return portinFormView(
    { ...m, presets: { ...m.presets, ...preset }, presetsAccountId },
    ctx.sandbox,
    moreOptions,
    plan,
  );
}
