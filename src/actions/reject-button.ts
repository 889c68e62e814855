import type { ButtonArgs } from '../slack/listener-args.js';
import { rejectReasonModal } from '../views/modals/reject-reason-modal.js';
import { openModal } from '../views/open-modal.js';

/** Reject on an approval card: asks for an optional reason (the decision happens when it is submitted). */
export async function rejectButton({ ack, body, action, client }: ButtonArgs): Promise<void> {
  await ack();
  await openModal(client, body.trigger_id, rejectReasonModal({ requestId: action.value ?? '' }));
}
