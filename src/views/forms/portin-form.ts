import type { ModalView } from '@slack/types';
import { type ModalMetadata, writeModalMetadata } from '../modal-metadata.js';
import { portinModal } from '../modals/portin-modal.js';

/** What a port-in form is opened for: the number and its eligibility answer (they ride in the form's metadata). */
export type PortinFormMetadata = ModalMetadata &
  Required<Pick<ModalMetadata, 'phoneNumber' | 'eligibility' | 'targetClassification'>>;

export const isPortinFormMetadata = (m: ModalMetadata): m is PortinFormMetadata =>
  Boolean(m.phoneNumber && m.eligibility && m.targetClassification);

/** The port-in form from its metadata, so "Continue to port-in…" and "More options…" build the same form. */
export function portinFormView(m: PortinFormMetadata, sandbox: boolean, moreOptions = false): ModalView {
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
    metadata: writeModalMetadata(m),
    sandbox,
    moreOptions,
  });
}
