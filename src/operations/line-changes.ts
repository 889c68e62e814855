import { lineChangeOperation } from './line-change.js';

/** "My phone was stolen": the line stops, the number and SIM are kept (Activate… brings it back). */
export const parkLine = lineChangeOperation({
  kind: 'park',
  button: 'Park…',
  change: 'park',
  title: 'Park line',
  verb: 'Park',
  confirmApproval:
    'Parking suspends the line at once (calls, messages and data stop) until someone activates it again.',
  from: ['Active'],
  done: (record) => record.Status === 'Parked',
  noun: 'park',
  label: 'Park',
  takesList: true,
});

/** A parked or inactive line goes live again. */
export const activateLine = lineChangeOperation({
  kind: 'activate',
  button: 'Activate…',
  change: 'activate',
  title: 'Activate line',
  verb: 'Activate',
  confirmApproval: 'The line goes live again: calls, messages and data are billed from the effective date.',
  from: ['Parked', 'Inactive', 'Suspended'],
  done: (record) => record.Status === 'Active',
  noun: 'activation',
  label: 'Activation',
  takesList: true,
});

/** "New SIM": same number, new SIM (a physical card by ICCID, or an eSIM whose QR link goes to the requester). */
export const swapSim = lineChangeOperation({
  kind: 'swap-sim',
  button: 'Swap SIM…',
  change: 'swap-sim',
  title: 'Swap SIM',
  verb: 'Move',
  confirmApproval:
    'The number moves to a new SIM and the old one stops working. This is how SIM-swap fraud takes numbers: approve only if the customer was verified.',
  from: ['Active', 'Parked'],
  done: (record, input) => Boolean(input.iccid) && record.Iccid === input.iccid,
  noun: 'SIM swap',
  label: 'SIM swap',
  takesIccid: true,
  verifiesCustomer: true,
  noticeWhat: 'a new SIM for this number',
});

/** "Close this line": final (Telegent can reactivate within 30 days, through support). */
export const cancelLine = lineChangeOperation({
  kind: 'cancel-line',
  button: 'Cancel line…',
  final: true,
  change: 'cancel',
  title: 'Cancel line',
  verb: 'Cancel the line of',
  confirmApproval:
    'Cancelling ends the line and releases the number: it cannot be undone from Slack (Telegent support can reactivate within 30 days).',
  from: ['Active', 'Parked', 'Inactive', 'Suspended'],
  done: (record) => record.Status === 'Cancelled',
  noun: 'line cancellation',
  label: 'Line cancellation',
  verifiesCustomer: true,
  offersPlanEnd: true,
});
