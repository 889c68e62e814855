import type { AppContext } from '../../app-context.js';
import { CALLBACK } from '../../messages/ids.js';
import type { AccessAction } from '../../requests/index.js';
import type { Listeners } from '../../slack/listeners.js';
import { customerPortinSubmission } from './customer-portin-submission.js';
import { rejectReasonSubmission } from './reject-reason-submission.js';
import { requestFormSubmission } from './request-form-submission.js';
import { REQUEST_FORMS } from './request-forms.js';

/** Every view_submission listener: the request forms and the reject-reason form. */
export function registerViewSubmissions(on: Listeners, ctx: AppContext): void {
  for (const form of REQUEST_FORMS) on.view(form.callbackId, requestFormSubmission(ctx, form));
  on.view(CALLBACK.rejectReason, rejectReasonSubmission(ctx));
  on.view(CALLBACK.customerPortin, customerPortinSubmission(ctx));
}

/** What submitting each form lets a person do (the access gate's question): file a request, or reject one. */
export function submissionAccess(callbackId: string): AccessAction {
  return callbackId === CALLBACK.rejectReason ? 'approve' : 'request';
}
