import type { AppContext } from '../app-context.js';
import { appHomeView } from '../messages/app-home-view.js';

/**
 * Publishes a user's App Home: their open requests, what waits for their approval (the same decideApproval as
 * the card's buttons), open orders in channels they use.
 */
export async function publishAppHome(ctx: AppContext, userId: string): Promise<void> {
  const [myRequests, approver] = await Promise.all([
    ctx.store.requests.listOpenByRequester(userId),
    ctx.approvers.isApprover(userId),
  ]);
  const waitingForMe = approver ? await ctx.workflow.listWaitingFor(userId) : null;
  const myChannels = [...new Set(myRequests.map((r) => r.channelId))];
  const openOrders = await ctx.store.orders.listOpenForUser(userId, myChannels);
  await ctx.notify.publishHome(
    userId,
    appHomeView({ userId, myRequests, waitingForMe, openOrders, now: ctx.now(), sandbox: ctx.sandbox }),
  );
}
