import type { AppContext } from '../app-context.js';

/**
 * The message route a step files with: the one given (its id, or its name as the form's list shows it), else
 * the account's only usable route, as the provision form preselects it; several and none given → a sentence.
 */
export async function messageRouteFor(
  ctx: Pick<AppContext, 'pickers' | 'store'>,
  typed: string | undefined,
  channelId: string,
): Promise<{ id: string } | { error: string }> {
  const accountId = (await ctx.store.channelAccounts.get(channelId))?.accountId;
  const routes = await ctx.pickers.list('messageRoute', accountId);
  if (typed) {
    const wanted = typed.toLowerCase();
    const route = routes.find((r) => r.value.toLowerCase() === wanted || r.label.toLowerCase() === wanted);
    // An id not listed is passed on: the operation's schema checks its form, Telegent whether it exists.
    return { id: route?.value ?? typed };
  }
  const usable = routes.filter((r) => !r.disabled);
  if (usable.length === 1) return { id: usable[0]!.value };
  const names = usable.slice(0, 5).map((r) => `"${r.label}"`);
  return {
    error:
      usable.length === 0
        ? 'Message route: the Telegent account has no usable message route; ask a Telegent admin to add one.'
        : `Message route: the account has several (${names.join(', ')}); set the step's Message route to one of them.`,
  };
}
