import { plansMessage } from '../messages/plans-message.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** `/telegent plans`: the account's active plans (from the cached catalogue), to the person who asked. */
export async function plans({ ctx, reply }: CommandContext<Extract<TelegentCommand, { name: 'plans' }>>) {
  const result = await ctx.plans.list();
  return reply(plansMessage({ result, sandbox: ctx.sandbox }));
}
