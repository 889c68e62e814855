import type { AppContext } from '../app-context.js';
import type { MessagePayload } from '../messages/blocks.js';
import { type CustomerLine, customerCard } from '../messages/customer-card.js';
import type { Subscriber } from '../telegent/response-schemas.js';
import { readLinePlans } from './line-plan.js';

/** Lines read from Telegent for one card (each is one read within the rate budget). */
const MAX_LINES = 10;
const HISTORY_ENTRIES = 5;

/** Each line's plan, from one read of the subscriptions (hidden when plans are not enabled). */
async function withPlans(ctx: AppContext, lines: CustomerLine[]): Promise<CustomerLine[]> {
  const plans = await readLinePlans(
    ctx,
    lines.map((line) => line.record),
  );
  return lines.map((line, i) => ({ ...line, plan: plans[i]?.plan }));
}

/**
 * A customer's card from what Telegent and our store know: each line's status and SIM, the requests and orders
 * still open for their lines or for them, and the last steps on their lines. A line that cannot be read says so
 * instead of failing the card.
 */
export async function readCustomerCard(ctx: AppContext, subscriber: Subscriber): Promise<MessagePayload> {
  const numbers = [...new Set(subscriber.PhoneNumbers)];
  const read = numbers.slice(0, MAX_LINES);
  const [lines, openRequests, orderLists, historyLists] = await Promise.all([
    withPlans(
      ctx,
      await Promise.all(
        read.map(
          async (number): Promise<CustomerLine> => ({
            number,
            record: await ctx.telegent.getNumber({ Number: number }).catch(() => undefined),
          }),
        ),
      ),
    ),
    ctx.store.requests.listOpenForCustomer(numbers, subscriber.SubscriberId),
    Promise.all(numbers.map((n) => ctx.store.orders.listOpenForNumber(n, 10))),
    Promise.all([
      ...numbers.map((n) => ctx.store.history.list('number', n, { limit: HISTORY_ENTRIES })),
      ctx.store.history.list('customer', subscriber.SubscriberId, { limit: HISTORY_ENTRIES }),
    ]),
  ]);
  const openOrders = [...new Map(orderLists.flat().map((o) => [o.orderId, o])).values()];
  // One step can be in several lists (a port-in names the number and the customer): once, newest first.
  const history = [...new Map(historyLists.flat().map((e) => [e.cursor, e])).values()]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, HISTORY_ENTRIES);
  return customerCard({
    subscriber,
    lines,
    moreLines: numbers.length - read.length,
    openRequests,
    openOrders,
    history,
    sandbox: ctx.sandbox,
  });
}
