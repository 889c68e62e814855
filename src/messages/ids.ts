/**
 * Every callback_id, action_id and block_id the listeners route on, in one place, so the builders in
 * src/views and the handlers in src/commands/src/views cannot drift apart.
 */
export const CALLBACK = {
  provisionForm: 'telegent.provision',
  portinForm: 'telegent.portin',
  portinUpdateForm: 'telegent.portin-update',
  portinCancelForm: 'telegent.portin-cancel',
  portoutForm: 'telegent.portout',
  limitsForm: 'telegent.limits',
  subscriberForm: 'telegent.subscriber-new',
  numberUpdateForm: 'telegent.number-update',
  rejectReason: 'telegent.reject-reason',
  /** Park / activate / swap SIM / cancel line forms: `telegent.line.<kind>`. */
  lineChangeForm: (kind: string) => `telegent.line.${kind}`,
  /** Read-only modals (loading, working, results): no submit handler. */
  info: 'telegent.info',
} as const;

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
  /** external_select pickers fed by app.options. */
  messageRoutePicker: 'picker.message-route',
  voiceRoutePicker: 'picker.voice-route',
  subscriberPicker: 'picker.subscriber',
  /** "New subscriber…" under a form's subscriber picker: pushes the new-subscriber form on top. */
  newSubscriber: 'subscriber.new',
  /** "More options…" under a request form's main fields: the same form with its folded fields shown. */
  moreOptions: 'form.more-options',
  /** Number card buttons; value = the phone number. Line changes: `number.<kind>` (Park…, Swap SIM…). */
  numberLineChange: (kind: string) => `number.${kind}`,
  numberPortout: 'number.portout',
  numberLimits: 'number.limits',
  numberUpdate: 'number.update',
  /** `/telegent history` "Older…"; value = JSON { subject, before }. */
  historyOlder: 'history.older',
} as const;
