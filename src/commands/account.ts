import type { AppContext } from '../app-context.js';
import { section } from '../messages/blocks.js';
import { errorMessage } from '../messages/error-message.js';
import { escapeMrkdwn } from '../messages/limits.js';
import { ID_KINDS, parseTelegentId } from '../operations/fields/telegent-ids.js';
import type { DistributorAccounts } from '../telegent/response-schemas.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

type Args = CommandContext<Extract<TelegentCommand, { name: 'account' }>>;

const USES = 'provisions, port-ins and new subscribers filed in this channel';

const describe = (a: {
  AccountId: string;
  AccountName?: string | null | undefined;
  CompanyName?: string | null | undefined;
}) => `${escapeMrkdwn(a.AccountName || a.CompanyName || 'unnamed')} (\`${escapeMrkdwn(a.AccountId)}\`)`;

/**
 * `/telegent account [AID-…|off]` (distributors): which Telegent account this channel's requests are filed
 * under. Only accounts of the distributor can be bound; binding and unbinding are audited.
 */
export async function account({ parsed, slash, ctx, reply }: Args) {
  const arg = parsed.arg.trim();
  const channelId = slash.channel_id;
  if (arg === '') return reply(await current(ctx, channelId));
  if (arg.toLowerCase() === 'off') {
    const removed = await ctx.store.channelAccounts.unbind(channelId);
    if (removed)
      await ctx.store.audit.append({
        actor: slash.user_id,
        action: 'account_unbound',
        details: { channelId },
      });
    return reply({
      text: 'Account binding removed',
      blocks: [
        section(
          removed
            ? `This channel is no longer bound: ${USES} use ${ctx.defaultAccountId ? `the default account \`${escapeMrkdwn(ctx.defaultAccountId)}\`` : 'the account of the API key'}.`
            : 'This channel was not bound to an account; nothing changed.',
        ),
      ],
    });
  }
  const id = parseTelegentId(arg, ID_KINDS.account);
  if (!id.ok)
    return reply(errorMessage(`Account: ${id.message}. Or \`/telegent account off\`.`, ctx.sandbox));
  let accounts: DistributorAccounts;
  try {
    accounts = await ctx.telegent.listDistributorAccounts();
  } catch {
    return reply(
      errorMessage(
        "Telegent's account list could not be read, so the account could not be checked; nothing changed. Try again in a minute.",
        ctx.sandbox,
      ),
    );
  }
  const found = accounts.find((a) => a.AccountId.toLowerCase() === id.value.toLowerCase());
  if (!found) {
    const known = accounts.map(describe).join(', ') || 'none';
    return reply(
      errorMessage(
        `${id.value} is not one of your distributor's accounts (${known}); nothing changed.`,
        ctx.sandbox,
      ),
    );
  }
  await ctx.store.channelAccounts.bind({
    channelId,
    accountId: found.AccountId,
    accountName: found.AccountName || found.CompanyName || null,
    boundBy: slash.user_id,
  });
  await ctx.store.audit.append({
    actor: slash.user_id,
    action: 'account_bound',
    details: { channelId, accountId: found.AccountId },
  });
  return reply({
    text: `Channel bound to ${found.AccountId}`,
    blocks: [section(`:link: This channel is now bound to ${describe(found)}: ${USES} send its AccountId.`)],
  });
}

async function current(ctx: AppContext, channelId: string) {
  const bound = await ctx.store.channelAccounts.get(channelId);
  const accounts = await ctx.telegent.listDistributorAccounts().catch(() => undefined);
  const now = bound
    ? `This channel is bound to ${describe({ AccountId: bound.accountId, AccountName: bound.accountName })} (by <@${bound.boundBy}>): ${USES} send its AccountId.`
    : `This channel is not bound: ${USES} use ${ctx.defaultAccountId ? `the default account \`${escapeMrkdwn(ctx.defaultAccountId)}\` (TELEGENT_ACCOUNT_ID)` : 'the account of the API key'}.`;
  const list = accounts
    ? `Your distributor's accounts: ${accounts.map(describe).join(', ') || 'none'}.`
    : "Telegent's account list could not be read just now.";
  return {
    text: 'Telegent account of this channel',
    blocks: [
      section(now),
      section(
        `${list}\nBind one with \`/telegent account AID-…\`; \`/telegent account off\` removes the binding.`,
      ),
    ],
  };
}
