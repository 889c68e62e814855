import type { AppContext } from '../app-context.js';
import type { Listeners } from '../slack/listeners.js';
import { telegentCommand } from './telegent-command.js';

/** Every slash command listener (one: /telegent). */
export function registerCommands(on: Listeners, ctx: AppContext): void {
  on.command('/telegent', telegentCommand(ctx));
}
