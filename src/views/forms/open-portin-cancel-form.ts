import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { customerFullName } from '../../requests/index.js';
import type { OrderRecord } from '../../store/orders-repo.js';
import { writeModalMetadata } from '../modal-metadata.js';
import { portinCancelModal } from '../modals/portin-cancel-modal.js';
import { openModal } from '../open-modal.js';

/**
 * The cancel form of a tracked port-in, from what we stored (no Telegent call: the trigger_id lives ~3 s).
 * The customer the port-in was for is named, and carried to the cancel's approval card.
 */
export async function openPortinCancelForm(
  client: webApi.WebClient,
  ctx: AppContext,
  triggerId: string,
  order: OrderRecord,
): Promise<void> {
  const portIn = order.requestId ? await ctx.store.requests.get(order.requestId) : null;
  const customer = customerFullName(portIn?.input)?.slice(0, 100);
  await openModal(
    client,
    triggerId,
    portinCancelModal({
      orderId: order.orderId,
      numbers: order.numbers,
      status: order.status,
      customer,
      channelId: order.channelId,
      metadata: writeModalMetadata({ channelId: order.channelId, orderId: order.orderId, customer }),
      sandbox: ctx.sandbox,
    }),
  );
}
