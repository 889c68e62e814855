import type { AppContext } from '../app-context.js';
import { errorMessage } from '../messages/error-message.js';
import { numberCard } from '../messages/number-card.js';
import type { DataUsageReport } from '../operations/read-data-usage.js';
import { getOperation } from '../operations/registry.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { isTelegentError } from '../telegent/errors.js';
import type { NumberRecord, Subscriber } from '../telegent/response-schemas.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';
import { checkInput } from './run-read.js';

const HISTORY_ENTRIES = 5;

/** `/telegent number <+1…>`: the number card (details, subscriber, data, open orders, history, actions). */
export async function number({
  parsed,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'number' }>>) {
  if (!parsed.phoneNumber)
    return reply(errorMessage('Which number? Type `/telegent number +18015551234`.', ctx.sandbox));
  const checked = checkInput(ctx, 'usage', { phoneNumber: parsed.phoneNumber });
  if (!checked.ok) return reply(errorMessage(checked.error, ctx.sandbox));
  const phoneNumber = String(checked.value.phoneNumber);
  let record: NumberRecord;
  try {
    record = await ctx.telegent.getNumber({ Number: phoneNumber });
  } catch (error) {
    if (isTelegentError(error) && error.status === 404) {
      return reply(
        errorMessage(
          `${phoneNumber} is not on your Telegent account. Check the number, or see \`/telegent orders\` for a port-in or provision still under way.`,
          ctx.sandbox,
        ),
      );
    }
    throw error;
  }
  // The rest is context: a part that cannot be read says so on the card instead of failing it.
  const [subscriber, usage, openOrders, history] = await Promise.all([
    readSubscriber(ctx, record.AssignedSubscriberId),
    getOperation('usage')
      .execute(ctx.opContext(), { phoneNumber })
      .then((report: DataUsageReport) => report)
      .catch(() => undefined),
    ctx.store.orders.listOpenForNumber(phoneNumber).then((orders) => withThreadLinks(ctx, orders)),
    ctx.store.audit.listForNumber(phoneNumber, { limit: HISTORY_ENTRIES }),
  ]);
  return reply(numberCard({ number: record, subscriber, usage, openOrders, history, sandbox: ctx.sandbox }));
}

async function readSubscriber(
  ctx: AppContext,
  id: string | null | undefined,
): Promise<Subscriber | null | undefined> {
  if (!id) return null;
  return ctx.telegent.getSubscriber(id).catch(() => undefined);
}

async function withThreadLinks(ctx: AppContext, orders: OrderRecord[]) {
  return Promise.all(
    orders.slice(0, 5).map(async (order) => ({
      order,
      link: order.threadTs
        ? await ctx.notify.permalink(order.channelId, order.threadTs).catch(() => undefined)
        : undefined,
    })),
  );
}
