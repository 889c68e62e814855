import type { AppContext } from '../../app-context.js';
import { CALLBACK } from '../../messages/ids.js';
import type { OperationKind } from '../../operations/registry.js';
import type { ModalMetadata } from '../modal-metadata.js';
import { dropUnchanged } from '../view-input.js';

/** Which operation each form submits, and what the form's metadata adds to the typed fields. */
export interface RequestForm {
  callbackId: string;
  kind: OperationKind;
  fromMetadata(m: ModalMetadata): Record<string, unknown>;
  /** The typed fields as the operation should see them (the update form keeps only what changed). */
  changes?(
    typed: Record<string, unknown>,
    m: ModalMetadata,
    ctx: AppContext,
  ): Promise<Record<string, unknown>>;
}

/** The update form is pre-filled with what we stored: only fields the user changed are an update. */
async function changedSinceStored(typed: Record<string, unknown>, m: ModalMetadata, ctx: AppContext) {
  const order = m.orderId ? await ctx.store.orders.get(m.orderId) : null;
  const stored = order?.requestId ? (await ctx.store.requests.get(order.requestId))?.input : undefined;
  return stored ? dropUnchanged(typed, stored) : typed;
}

/** Every form that files a request: its callback_id, the operation it submits, what its metadata adds. */
export const REQUEST_FORMS: readonly RequestForm[] = [
  { callbackId: CALLBACK.provisionForm, kind: 'provision', fromMetadata: () => ({}) },
  {
    callbackId: CALLBACK.portinForm,
    kind: 'portin',
    fromMetadata: (m) => ({
      phoneNumber: m.phoneNumber,
      // The classification eligibility was checked in; a form opened before it was recorded keeps what was typed.
      ...(m.targetClassification ? { targetClassification: m.targetClassification } : {}),
      ...(m.eligibility ? { eligibility: m.eligibility } : {}),
    }),
  },
  {
    callbackId: CALLBACK.portinUpdateForm,
    kind: 'portin-update',
    fromMetadata: (m) => ({ orderId: m.orderId }),
    changes: changedSinceStored,
  },
  {
    callbackId: CALLBACK.portoutForm,
    kind: 'portout',
    fromMetadata: (m) => ({ phoneNumber: m.phoneNumber }),
  },
  { callbackId: CALLBACK.limitsForm, kind: 'limits', fromMetadata: () => ({}) },
];
