import type { AppContext } from '../app-context.js';
import type { Listeners } from '../slack/listeners.js';
import { appHomeOpened } from './app-home-opened.js';

/** Every Events API listener. */
export function registerEvents(on: Listeners, ctx: AppContext): void {
  on.event('app_home_opened', appHomeOpened(ctx));
}
