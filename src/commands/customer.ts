import { message, section } from '../messages/blocks.js';
import {
  CUSTOMER_SEARCH_HINT,
  CUSTOMERS_STILL_LOADING,
  customerPickList,
} from '../messages/customer-card.js';
import { errorMessage } from '../messages/error-message.js';
import { readCustomerCard } from '../reads/customer-card.js';
import { findCustomers } from '../reads/customer-lookup.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** `/telegent customer <email | name | +1… | TSUID-…>`: the customer's card, or a short list to pick from. */
export async function customer({
  parsed,
  slash,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'customer' }>>) {
  if (!parsed.query) return reply(errorMessage(`Which customer? ${CUSTOMER_SEARCH_HINT}`, ctx.sandbox));
  // A channel bound to a distributor account looks among that account's customers.
  const accountId = (await ctx.store.channelAccounts.get(slash.channel_id))?.accountId;
  const found = await findCustomers(ctx, parsed.query, accountId);
  if (found.status === 'loading')
    return reply(message(CUSTOMERS_STILL_LOADING, [section(CUSTOMERS_STILL_LOADING)], ctx.sandbox));
  if (found.status === 'none')
    return reply(errorMessage(`${found.why} ${CUSTOMER_SEARCH_HINT}`, ctx.sandbox));
  const [only, ...others] = found.matches;
  if (only && others.length === 0) return reply(await readCustomerCard(ctx, only));
  return reply(customerPickList(found.matches, parsed.query, ctx.sandbox));
}
