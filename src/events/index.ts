import type { App } from '@slack/bolt';
import type { AppContext } from '../app-context.js';
import { appHomeOpened } from './app-home-opened.js';

/** Every Events API listener. */
export function registerEvents(app: App, ctx: AppContext): void {
  app.event('app_home_opened', appHomeOpened(ctx));
}
