import type { AnyOperation, OperationKind } from './operation.js';
import { orderStatus } from './order-status.js';
import { portInCancel } from './portin-cancel.js';
import { portInEligibility } from './portin-eligibility.js';
import { portIn } from './portin-submit.js';
import { portInUpdate } from './portin-update.js';
import { portOut } from './portout-pin.js';
import { provision } from './provision.js';
import { readDataUsage } from './read-data-usage.js';
import { searchNumbers } from './search-numbers.js';
import { setDataLimits } from './set-data-limits.js';

/** Every operation by kind. */
export const operations = {
  search: searchNumbers,
  provision,
  'portin-eligibility': portInEligibility,
  portin: portIn,
  'portin-update': portInUpdate,
  'portin-cancel': portInCancel,
  portout: portOut,
  limits: setDataLimits,
  usage: readDataUsage,
  status: orderStatus,
} as const satisfies Record<OperationKind, { kind: OperationKind }>;

export type Operations = typeof operations;

export { type EligibilityContext, eligibilityContextSchema } from './eligibility-context.js';
export * from './field-labels.js';
export * from './fields/index.js';
export * from './operation.js';
export { type OrderStatusInput, orderStatus } from './order-status.js';
export { type PortInCancelInput, portInCancel } from './portin-cancel.js';
export { type PortInEligibilityInput, portInEligibility } from './portin-eligibility.js';
export { PORT_IN_SECRET_FIELDS, type PortInInput, portIn } from './portin-submit.js';
export {
  FORM_ERROR_KEY,
  PORT_IN_UPDATE_FIELDS,
  type PortInUpdateInput,
  portInUpdate,
} from './portin-update.js';
export { type PortOutInput, portOut } from './portout-pin.js';
export { type ProvisionInput, provision } from './provision.js';
export {
  type DataUsageReport,
  type ReadDataUsageInput,
  readDataUsage,
} from './read-data-usage.js';
export { parseSearchTerm, type SearchInput, searchNumbers } from './search-numbers.js';
export { type SetDataLimitsInput, setDataLimits } from './set-data-limits.js';
export * from './validation-errors.js';

/** The operation for a kind, typed loosely (for dispatch by a stored `kind`). */
export function getOperation(kind: OperationKind): AnyOperation {
  return operations[kind];
}
