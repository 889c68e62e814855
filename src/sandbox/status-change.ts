import type { NumberRecord, StatusChangeFields } from './state.js';

/** Number statuses a change may start from (INFERRED from the KB meanings, reference Op 11c). */
export const ALLOWED_FROM: Record<StatusChangeFields['change'], readonly string[]> = {
  park: ['Active'],
  activate: ['Parked', 'Inactive', 'Suspended'],
  cancel: ['Active', 'Parked', 'Inactive', 'Suspended'],
  'swap-sim': ['Active', 'Parked'],
};

/** The change as Telegent applies it: park keeps the MSISDN and ICCID, swap-sim moves to the new SIM. */
export function applyStatusChange(record: NumberRecord, change: StatusChangeFields): void {
  switch (change.change) {
    case 'park':
      record.Status = 'Parked';
      return;
    case 'activate':
      record.Status = 'Active';
      return;
    case 'cancel':
      record.Status = 'Cancelled';
      record.PortOutPin = null;
      return;
    case 'swap-sim':
      if (change.iccid) record.Iccid = change.iccid;
      return;
  }
}
