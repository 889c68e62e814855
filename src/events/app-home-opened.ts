import type { AppContext } from '../app-context.js';
import { appHomeView } from '../messages/app-home-view.js';
import type { AppHomeOpenedArgs } from '../slack/listener-args.js';

/** App Home: my open requests, requests waiting for me (approvers), open orders in channels I use. */
export function appHomeOpened(ctx: AppContext) {
  return async function onAppHomeOpened({ event, client }: AppHomeOpenedArgs): Promise<void> {
    if (event.tab !== 'home') return;
    const userId = event.user;
    try {
      const [myRequests, approver] = await Promise.all([
        ctx.store.requests.listOpenByRequester(userId),
        ctx.approvers.isApprover(userId),
      ]);
      // The same decision as the card's Approve button (self-approval policy included).
      const waitingForMe = approver ? await ctx.workflow.listWaitingFor(userId) : null;
      const myChannels = [...new Set(myRequests.map((r) => r.channelId))];
      const openOrders = await ctx.store.orders.listOpenForUser(userId, myChannels);
      await client.views.publish({
        user_id: userId,
        view: appHomeView({ userId, myRequests, waitingForMe, openOrders, sandbox: ctx.sandbox }),
      });
    } catch (error) {
      ctx.logger.warn(
        { err: { message: (error as Error).message }, user: userId },
        'could not publish App Home',
      );
    }
  };
}
