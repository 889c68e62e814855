import { appHomeView } from '../messages/app-home-view.js';
import type { OrdersRepo } from '../store/orders-repo.js';
import type { RequestRecord, RequestsRepo } from '../store/requests-repo.js';
import type { Notifier } from './notifier.js';

/** What publishing App Home reads and where it publishes (no more: the notifier knows no app context). */
export interface AppHomeDeps {
  requests: Pick<RequestsRepo, 'listOpenByRequester'>;
  orders: Pick<OrdersRepo, 'listOpenForUser'>;
  notify: Pick<Notifier, 'publishHome'>;
  isApprover: (userId: string) => Promise<boolean>;
  /** Pending requests this approver may decide now (the workflow's decideApproval, as on the card). */
  listWaitingFor: (userId: string) => Promise<RequestRecord[]>;
  sandbox: boolean;
  now: () => Date;
}

/**
 * Publishes a user's App Home: their open requests, what waits for their approval (the same decideApproval as
 * the card's buttons), open orders in channels they use.
 */
export async function publishAppHome(deps: AppHomeDeps, userId: string): Promise<void> {
  const [myRequests, approver] = await Promise.all([
    deps.requests.listOpenByRequester(userId),
    deps.isApprover(userId),
  ]);
  const waitingForMe = approver ? await deps.listWaitingFor(userId) : null;
  const myChannels = [...new Set(myRequests.map((r) => r.channelId))];
  const openOrders = await deps.orders.listOpenForUser(userId, myChannels);
  await deps.notify.publishHome(
    userId,
    appHomeView({ userId, myRequests, waitingForMe, openOrders, now: deps.now(), sandbox: deps.sandbox }),
  );
}
