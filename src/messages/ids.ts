import type { OperationKind } from '../operations/registry.js';

/**
 * Every callback_id, action_id and block_id the listeners route on, in one place, so the builders in
 * src/views and the handlers in src/commands/src/views cannot drift apart.
 */
export const CALLBACK = {
  /** An operation's request form: `telegent.<kind>` (e.g. `telegent.provision`, `telegent.subscriber-new`). */
  form: (kind: OperationKind) => `telegent.${kind}` as const,
  rejectReason: 'telegent.reject-reason',
  /** Cancel all… of a batch's open port-ins: files one portin-cancel request over their order ids. */
  portinCancelAll: 'telegent.portin-cancel.all',
  /** The customer card's "Port a number in…": which number, before the eligibility check. */
  customerPortin: 'telegent.customer-portin',
  /** Park / activate / swap SIM / cancel line forms: `telegent.line.<kind>`. */
  lineChangeForm: (kind: string) => `telegent.line.${kind}`,
  /** AI Guardian forms pushed over the protection card: `telegent.protect.<block|unblock|allow|text-mode>`. */
  protectForm: (action: string) => `telegent.protect.${action}` as const,
  /** Read-only modals (loading, working, results): no submit handler. */
  info: 'telegent.info',
} as const;

/**
 * A button repeated in one block (a customer's lines: one per line) needs its own action_id: Slack refuses a
 * message whose block holds two equal ones. `inBlock(id, i)` makes `id#i`; listeners and the access gate read
 * `listenerActionId` (the id before `#`).
 */
export const inBlock = (actionId: string, index: number) => `${actionId}#${index}`;
export const listenerActionId = (actionId: string) => actionId.split('#', 1)[0] ?? actionId;

export const ACTION = {
  approve: 'request.approve',
  reject: 'request.reject',
  /** The requester's "waiting for approval" message: send the next reminder now; value = the request id. */
  nudge: 'request.nudge',
  /** Search results "Provision…" button; value = JSON { areaCode?, zipCode? }. */
  provisionFromSearch: 'search.provision',
  searchPage: 'search.page',
  /** Eligibility verdict "Continue to port-in…" button; value = JSON eligibility context. */
  portinContinue: 'portin.continue',
  orderStatus: 'order.status',
  orderUpdate: 'order.update',
  orderCancel: 'order.cancel',
  /** A batch's story (a port-in of several numbers): Cancel all… of its open port-ins; value = the request id. */
  batchCancelAll: 'batch.cancel-all',
  /** external_select pickers fed by app.options. */
  messageRoutePicker: 'picker.message-route',
  voiceRoutePicker: 'picker.voice-route',
  subscriberPicker: 'picker.subscriber',
  /** The Plan field of provision and port-in forms when the plan list was not read in time to list it. */
  planPicker: 'picker.plan',
  /** "New subscriber…" under a form's subscriber picker: pushes the new-subscriber form on top. */
  newSubscriber: 'subscriber.new',
  /** "More options…" under a request form's main fields: the same form with its folded fields shown. */
  moreOptions: 'form.more-options',
  /**
   * Number card buttons; value = the phone number. `number.<kind>` of the operation whose form they open
   * (Park…, Swap SIM…, Port-out PIN…, Limits…).
   */
  numberButton: (kind: string) => `number.${kind}` as const,
  /** Update… (number-update): kept as `number.update`, the id on number cards already posted. */
  numberUpdate: 'number.update',
  /** `/telegent customer`: value = the subscriber id (Show on a pick list, New line…, Port a number in…). */
  customerShow: 'customer.show',
  customerNewLine: 'customer.new-line',
  customerPortin: 'customer.portin',
  /** A line's number card from the customer card; value = the phone number. */
  customerNumberCard: 'customer.number-card',
  /** Protect… on the number card and the customer card's lines: the protection card; value = the phone number. */
  protect: 'protect.open',
  /**
   * The protection card's Block… / Unblock… / Allow… / Text filter…: `protect.<action>`; the line, its subscriber
   * and the channel come from the card's private_metadata.
   */
  protectButton: (action: string) => `protect.${action}` as const,
  /** `/telegent history` "Older…"; value = JSON { subject, before }. */
  historyOlder: 'history.older',
} as const;

/** block_ids a listener reads to know where a click came from. */
export const BLOCK = {
  /** The Approve / Reject of a reminder DM: after the decision the DM is redrawn without them. */
  reminderDecision: 'reminder.decision',
} as const;
