import type { AnyOperation, OperationKind } from './operation.js';
import { orderStatus } from './operations/order-status.js';
import { portInCancel } from './operations/portin-cancel.js';
import { portInEligibility } from './operations/portin-eligibility.js';
import { portIn } from './operations/portin-submit.js';
import { portInUpdate } from './operations/portin-update.js';
import { portOut } from './operations/portout-pin.js';
import { provision } from './operations/provision.js';
import { readDataUsage } from './operations/read-data-usage.js';
import { searchNumbers } from './operations/search-numbers.js';
import { setDataLimits } from './operations/set-data-limits.js';

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

export * from './field-labels.js';
export * from './fields/index.js';
export * from './operation.js';
export { type EligibilityContext, eligibilityContextSchema } from './operations/eligibility-context.js';
export { type OrderStatusInput, orderStatus } from './operations/order-status.js';
export { type PortInCancelInput, portInCancel } from './operations/portin-cancel.js';
export { type PortInEligibilityInput, portInEligibility } from './operations/portin-eligibility.js';
export { PORT_IN_SECRET_FIELDS, type PortInInput, portIn } from './operations/portin-submit.js';
export {
  FORM_ERROR_KEY,
  PORT_IN_UPDATE_FIELDS,
  type PortInUpdateInput,
  portInUpdate,
} from './operations/portin-update.js';
export { type PortOutInput, portOut } from './operations/portout-pin.js';
export { type ProvisionInput, provision } from './operations/provision.js';
export {
  type DataUsageReport,
  type ReadDataUsageInput,
  readDataUsage,
} from './operations/read-data-usage.js';
export { parseSearchTerm, type SearchInput, searchNumbers } from './operations/search-numbers.js';
export { type SetDataLimitsInput, setDataLimits } from './operations/set-data-limits.js';
export * from './validation-errors.js';

/** The operation for a kind, typed loosely (for dispatch by a stored `kind`). */
export function getOperation(kind: OperationKind): AnyOperation {
  return operations[kind];
}
