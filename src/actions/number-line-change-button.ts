import type { AppContext } from '../app-context.js';
import { localIsoDate } from '../operations/fields/port-in-date.js';
import type { LineChangeOperation } from '../operations/line-change.js';
import { simTail } from '../operations/operation.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { userFacingError } from '../slack/user-facing-error.js';
import { isTelegentError } from '../telegent/errors.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { lineChangeModal } from '../views/modals/line-change-modal.js';
import { errorModal, loadingModal } from '../views/modals/status-modals.js';
import { openModal, updateModal } from '../views/open-modal.js';

/**
 * Park… / Activate… / Swap SIM… / Cancel line… on the number card: the form opens at once (the trigger
 * lives 3 s), then the number is read again, so a card that went stale cannot file a change that no
 * longer applies.
 */
export function numberLineChangeButton(ctx: AppContext, op: LineChangeOperation) {
  return async function onLineChange({ ack, body, action, client }: ButtonArgs): Promise<void> {
    await ack();
    const phoneNumber = action.value ?? '';
    const channelId = body.channel?.id ?? body.user.id;
    const viewId = await openModal(
      client,
      body.trigger_id,
      loadingModal(op.title, `Looking up ${phoneNumber}…`),
    );
    if (!viewId) return;
    try {
      const record = await ctx.telegent.getNumber({ Number: phoneNumber });
      const status = record.Status ?? 'of unknown status';
      if (!op.lineChange.from.includes(record.Status ?? '')) {
        const text = `${phoneNumber} is ${status} now, so ${op.title.toLowerCase()} does not apply. Run \`/telegent number ${phoneNumber}\` for what can be done.`;
        await updateModal(client, viewId, errorModal(op.title, text));
        return;
      }
      const zone = (await ctx.store.digests.get(channelId))?.timeZone ?? ctx.digestDefaults.timeZone;
      await updateModal(
        client,
        viewId,
        lineChangeModal({
          op,
          phoneNumber,
          facts: [
            ['Status now', status],
            ['SIM now', simTail(record.Iccid ?? undefined)],
          ],
          today: localIsoDate(ctx.now(), zone),
          metadata: writeModalMetadata({ channelId, phoneNumber }),
          sandbox: ctx.sandbox,
        }),
      );
    } catch (error) {
      const text =
        isTelegentError(error) && error.status === 404
          ? `${phoneNumber} is not on your Telegent account: nothing to change.`
          : userFacingError(error, ctx.logger, { action: op.kind, user: body.user.id });
      await updateModal(client, viewId, errorModal(op.title, text));
    }
  };
}
