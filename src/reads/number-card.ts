import type { AppContext } from '../app-context.js';
import type { MessagePayload } from '../messages/blocks.js';
import { errorMessage } from '../messages/error-message.js';
import { numberCard } from '../messages/number-card.js';
import type { DataUsageReport } from '../operations/read-data-usage.js';
import { getOperation } from '../operations/registry.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { isTelegentError } from '../telegent/errors.js';
import type { PickerKind } from '../telegent/picker-source.js';
import type { NumberRecord, Subscriber } from '../telegent/response-schemas.js';
import { readLinePlan } from './line-plan.js';

const HISTORY_ENTRIES = 5;

/**
 * The number card of a checked E.164 number (`/telegent number` and the customer card's per-line button): details,
 * subscriber, data, open orders, history; a number not on the account is a sentence saying so.
 */
export async function readNumberCard(ctx: AppContext, phoneNumber: string): Promise<MessagePayload> {
  let record: NumberRecord;
  try {
    record = await ctx.telegent.getNumber({ Number: phoneNumber });
  } catch (error) {
    if (isTelegentError(error) && error.status === 404) {
      return errorMessage(
        `${phoneNumber} is not on your Telegent account. Check the number, or see \`/telegent orders\` for a port-in or provision still under way.`,
        ctx.sandbox,
      );
    }
    throw error;
  }
  // The rest is context: a part that cannot be read says so on the card instead of failing it.
  const [subscriber, usage, openOrders, history, routeNames, plan] = await Promise.all([
    readSubscriber(ctx, record.AssignedSubscriberId),
    (getOperation('usage').execute(ctx.opContext(), { phoneNumber }) as Promise<DataUsageReport>).catch(
      () => undefined,
    ),
    ctx.store.orders.listOpenForNumber(phoneNumber).then((orders) => withThreadLinks(ctx, orders)),
    ctx.store.history.list('number', phoneNumber, { limit: HISTORY_ENTRIES }),
    namesOfRoutes(ctx, record),
    readLinePlan(ctx, record),
  ]);
  return numberCard({
    number: record,
    subscriber,
    usage,
    openOrders,
    history,
    routeNames,
    sandbox: ctx.sandbox,
    plan: plan.plan,
  });
}

async function readSubscriber(
  ctx: AppContext,
  id: string | null | undefined,
): Promise<Subscriber | null | undefined> {
  if (!id) return null;
  return ctx.telegent.getSubscriber(id).catch(() => undefined);
}

/** Open orders with a link to each one's thread when known (at most five). */
export async function withThreadLinks(ctx: AppContext, orders: OrderRecord[]) {
  return Promise.all(
    orders.slice(0, 5).map(async (order) => ({
      order,
      link: order.threadTs
        ? await ctx.notify.permalink(order.channelId, order.threadTs).catch(() => undefined)
        : undefined,
    })),
  );
}

/** The number's routes by name, from the pickers' cached lists (an id stays an id if they cannot be read). */
async function namesOfRoutes(ctx: AppContext, record: NumberRecord): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const lookups: Array<[PickerKind, string | null | undefined]> = [
    ['messageRoute', record.MessageRouteId],
    ['voiceRoute', record.VoiceRouteId],
  ];
  await Promise.all(
    lookups.map(async ([kind, id]) => {
      if (!id) return;
      const found = await ctx.pickers.search(kind, id).catch(() => []);
      const match = found.find((option) => option.value === id);
      if (match) names.set(id, match.label);
    }),
  );
  return names;
}
