import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { customerFullName } from '../../requests/index.js';
import type { OrderRecord } from '../../store/orders-repo.js';
import type { RequestRecord } from '../../store/requests-repo.js';
import { writeModalMetadata } from '../modal-metadata.js';
import { portinCancelAllModal } from '../modals/portin-cancel-all-modal.js';
import { openModal } from '../open-modal.js';

const portIn = (order: OrderRecord) => ({ number: order.numbers[0] ?? order.orderId, status: order.status });

/**
 * Cancel all… of a batch, from what we stored (no Telegent call: the trigger_id lives ~3 s): its open port-ins
 * and the finished ones left out. The metadata carries the batch's request, not its order ids (a hundred would
 * not fit): the submission reads the batch's port-ins again.
 */
export async function openPortinCancelAllForm(
  client: webApi.WebClient,
  ctx: AppContext,
  triggerId: string,
  batch: { request: RequestRecord; portIns: readonly OrderRecord[] },
): Promise<void> {
  const customer = customerFullName(batch.request.input)?.slice(0, 100);
  const byNumber = [...batch.portIns].sort((a, b) => (a.numbers[0] ?? '').localeCompare(b.numbers[0] ?? ''));
  await openModal(
    client,
    triggerId,
    portinCancelAllModal({
      open: byNumber.filter((o) => !o.closedAt).map(portIn),
      closed: byNumber.filter((o) => o.closedAt).map(portIn),
      customer,
      channelId: batch.request.channelId,
      metadata: writeModalMetadata({
        channelId: batch.request.channelId,
        requestId: batch.request.id,
        customer,
      }),
      sandbox: ctx.sandbox,
    }),
  );
}
