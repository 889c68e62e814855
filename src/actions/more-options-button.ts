import type { AppContext } from '../app-context.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { ackTimeLeft } from '../slack/within-ack-deadline.js';
import { readModalMetadata } from '../views/modal-metadata.js';
import { updateModal } from '../views/open-modal.js';
import { REQUEST_FORMS } from '../views/submissions/request-forms.js';

/** "More options…" in a request form: the same form with its folded fields shown, what was typed kept. */
export function moreOptionsButton(ctx: AppContext) {
  return async function onMoreOptions({ ack, body, client, context }: ButtonArgs): Promise<void> {
    await ack();
    const view = body.view;
    const metadata = readModalMetadata(view?.private_metadata);
    const form = view ? REQUEST_FORMS.find((f) => f.callbackId === view.callback_id) : undefined;
    if (!view || !metadata || !form?.withMoreOptions) return;
    const expanded = await form.withMoreOptions(ctx, metadata, ackTimeLeft(context));
    // The hash: a form Slack changed meanwhile (a second click) is not replaced by this older one.
    if (expanded) await updateModal(client, view.id, expanded, view.hash);
  };
}
