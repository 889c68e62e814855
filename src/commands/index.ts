import type { App } from '@slack/bolt';
import type { AppContext } from '../app-context.js';
import { telegentCommand } from './telegent-command.js';

/** Every slash command listener (one: /telegent). */
export function registerCommands(app: App, ctx: AppContext): void {
  app.command('/telegent', telegentCommand(ctx));
}
