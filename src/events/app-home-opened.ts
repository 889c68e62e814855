import type { AppContext } from '../app-context.js';
import type { AppHomeOpenedArgs } from '../slack/listener-args.js';

/** App Home: my open requests, requests waiting for me (approvers, oldest first), open orders in channels I use. */
export function appHomeOpened(ctx: AppContext) {
  return async function onAppHomeOpened({ event }: AppHomeOpenedArgs): Promise<void> {
    if (event.tab !== 'home') return;
    try {
      await ctx.publishHome(event.user);
    } catch (error) {
      ctx.logger.warn(
        { err: { message: (error as Error).message }, user: event.user },
        'could not publish App Home',
      );
    }
  };
}
