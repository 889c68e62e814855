import type { AppContext } from '../app-context.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { ackTimeLeft } from '../slack/within-ack-deadline.js';
import { FORMS_WITH_MORE_OPTIONS } from '../views/forms/forms-with-more-options.js';
import { readModalMetadata } from '../views/modal-metadata.js';
import { updateModal } from '../views/open-modal.js';

/** "More options…" in a request form: the same form with its folded fields shown, what was typed kept. */
export function moreOptionsButton(ctx: AppContext) {
  return async function onMoreOptions({ ack, body, client, context }: ButtonArgs): Promise<void> {
    await ack();
    const view = body.view;
    const metadata = readModalMetadata(view?.private_metadata);
    const unfold = view ? FORMS_WITH_MORE_OPTIONS[view.callback_id] : undefined;
    if (!view || !metadata || !unfold) return;
    const expanded = await unfold(ctx, metadata, ackTimeLeft(context));
    // The hash: a form Slack changed meanwhile (a second click) is not replaced by this older one.
    if (expanded) await updateModal(client, view.id, expanded, view.hash);
  };
}
