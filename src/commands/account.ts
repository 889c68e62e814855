import type { AppContext } from '../app-context.js';
import { message, section } from '../messages/blocks.js';
import { errorMessage } from '../messages/error-message.js';
import { escapeMrkdwn } from '../messages/limits.js';
import { ID_KINDS, parseTelegentId } from '../operations/fields/telegent-ids.js';
import type { DistributorAccounts } from '../telegent/response-schemas.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

type Args = CommandContext<Extract<TelegentCommand, { name: 'account' }>>;

const USES = 'provisions, port-ins and new subscribers filed in this channel';

interface Named {
  AccountId: string;
  AccountName?: string | null | undefined;
  CompanyName?: string | null | undefined;
}
/** "Name (`AID-…`)" as plain text (errorMessage escapes it)… */
const plainName = (a: Named) => `${a.AccountName || a.CompanyName || 'unnamed'} (\`${a.AccountId}\`)`;
/** …and escaped, for a section of our own. */
const describe = (a: Named) => escapeMrkdwn(plainName(a));

/**
 * `/telegent account [AID-…|off]` (distributors): which Telegent account this channel's requests are filed
 * under. Anyone may look; only approvers may bind or unbind, and only to one of the distributor's accounts;
 * both are audited.
 */
export async function account({ parsed, slash, ctx, reply }: Args) {
  const arg = parsed.arg.trim();
  const channelId = slash.channel_id;
  if (arg === '') return reply(await current(ctx, channelId));
  // Binding decides which account is billed for everything filed here: approvers only.
  const refused = async (): Promise<boolean> => {
    if (await ctx.approvers.isApprover(slash.user_id)) return false;
    // Built here, not with errorMessage: the approvers are mentions, which errorMessage would escape.
    const text = `Only approvers may change this channel's Telegent account; ask ${ctx.approvers.describe()}. Nothing changed.`;
    await reply(message(text, [section(`:warning: ${text}`)], ctx.sandbox));
    return true;
  };
  if (arg.toLowerCase() === 'off') {
    if (await refused()) return;
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
  if (await refused()) return;
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
    const known = accounts.map(plainName).join(', ') || 'none';
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
