import type { webApi } from '@slack/bolt';
import type { AppContext } from '../app-context.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { explainCarrierCode } from '../telegent/carrier-codes.js';
import { writeModalMetadata } from './modal-metadata.js';
import { portinUpdateModal } from './modals/portin-update-modal.js';
import { openModal } from './open-modal.js';

/** The port-in update form, pre-filled from the request that started the order (secrets never are). */
export async function openPortinUpdateForm(
  client: webApi.WebClient,
  ctx: AppContext,
  triggerId: string,
  order: OrderRecord,
): Promise<void> {
  const stored = order.requestId ? (await ctx.store.requests.get(order.requestId))?.input : undefined;
  await openModal(
    client,
    triggerId,
    portinUpdateModal({
      orderId: order.orderId,
      stored,
      metadata: writeModalMetadata({ channelId: order.channelId, orderId: order.orderId }),
      // Opened from a carrier's bad news (Fix…): what the code means and which fields it names.
      callout: explainCarrierCode(order.statusMessage, order.orderId),
      sandbox: ctx.sandbox,
    }),
  );
}
