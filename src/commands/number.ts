import type { AppContext } from '../app-context.js';
import { errorMessage } from '../messages/error-message.js';
import { numberCard } from '../messages/number-card.js';
import type { DataUsageReport } from '../operations/read-data-usage.js';
import { getOperation, operations } from '../operations/registry.js';
import { checkInput } from '../reads/run-read.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { isTelegentError } from '../telegent/errors.js';
import type { PickerKind } from '../telegent/picker-source.js';
import type { NumberRecord, Subscriber } from '../telegent/response-schemas.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

const HISTORY_ENTRIES = 5;

/** `/telegent number <+1…>`: the number card (details, subscriber, data, open orders, history, actions). */
export async function number({
  parsed,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'number' }>>) {
  if (!parsed.phoneNumber)
    return reply(errorMessage('Which number? Type `/telegent number +18015551234`.', ctx.sandbox));
  const checked = checkInput(ctx, operations.usage, { phoneNumber: parsed.phoneNumber });
  if (!checked.ok) return reply(errorMessage(checked.error, ctx.sandbox));
  const phoneNumber = checked.value.phoneNumber;
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
  const [subscriber, usage, openOrders, history, routeNames] = await Promise.all([
    readSubscriber(ctx, record.AssignedSubscriberId),
    (getOperation('usage').execute(ctx.opContext(), { phoneNumber }) as Promise<DataUsageReport>).catch(
      () => undefined,
    ),
    ctx.store.orders.listOpenForNumber(phoneNumber).then((orders) => withThreadLinks(ctx, orders)),
    ctx.store.history.list('number', phoneNumber, { limit: HISTORY_ENTRIES }),
    namesOfRoutes(ctx, record),
  ]);
  return reply(
    numberCard({ number: record, subscriber, usage, openOrders, history, routeNames, sandbox: ctx.sandbox }),
  );
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
