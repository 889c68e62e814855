import type { App } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { registerAppHome } from './app-home.js';
import { registerApprovalActions } from './approval-actions.js';
import { registerFormSubmissions } from './form-submissions.js';
import { registerOrderActions } from './order-actions.js';
import { registerPickers } from './pickers.js';
import { registerPortinContinue } from './portin-continue.js';
import { registerSearchActions } from './search-actions.js';

/** Every listener that is not the slash command: form submissions, buttons, pickers, App Home. */
export function registerInteractions(app: App, ctx: AppContext): void {
  registerFormSubmissions(app, ctx);
  registerApprovalActions(app, ctx);
  registerOrderActions(app, ctx);
  registerSearchActions(app, ctx);
  registerPortinContinue(app, ctx);
  registerPickers(app, ctx);
  registerAppHome(app, ctx);
}
