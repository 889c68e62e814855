import type { AppContext } from '../app-context.js';
import type { AppHomeOpenedArgs } from '../slack/listener-args.js';

/** App Home: my open requests, requests waiting for me (approvers, oldest first), open orders in channels I use. */
export function appHomeOpened(ctx: AppContext) {
  return async function onAppHomeOpened({ event }: AppHomeOpenedArgs): Promise<void> {
    if (event.tab !== 'home') return;
    // A failure is the one error path's: logged, and App Home shows one line saying so, with the reference.
    await ctx.publishHome(event.user);
  };
}
