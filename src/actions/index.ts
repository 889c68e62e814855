import type { AppContext } from '../app-context.js';
import { ACTION } from '../messages/ids.js';
import { LINE_CHANGE_OPERATIONS } from '../operations/registry.js';
import type { AccessAction } from '../requests/index.js';
import type { Listeners } from '../slack/listeners.js';
import { approveButton } from './approve-button.js';
import { historyOlderButton } from './history-older-button.js';
import { moreOptionsButton } from './more-options-button.js';
import { newSubscriberButton } from './new-subscriber-button.js';
import { nudgeButton } from './nudge-button.js';
import { numberLimitsButton } from './number-limits-button.js';
import { numberLineChangeButton } from './number-line-change-button.js';
import { numberPortoutButton } from './number-portout-button.js';
import { numberUpdateButton } from './number-update-button.js';
import { orderCancelButton } from './order-cancel-button.js';
import { orderStatusButton } from './order-status-button.js';
import { orderUpdateButton } from './order-update-button.js';
import { pickerOptions } from './picker-options.js';
import { portinContinueButton } from './portin-continue-button.js';
import { provisionFromSearchButton } from './provision-from-search-button.js';
import { rejectButton } from './reject-button.js';
import { searchPageButton } from './search-page-button.js';

/** Every block_actions (buttons) and block_suggestion (picker options) listener. */
export function registerActions(on: Listeners, ctx: AppContext): void {
  on.action(ACTION.approve, approveButton(ctx));
  on.action(ACTION.reject, rejectButton(ctx));
  on.action(ACTION.nudge, nudgeButton(ctx));
  on.action(ACTION.orderStatus, orderStatusButton(ctx));
  on.action(ACTION.orderUpdate, orderUpdateButton(ctx));
  on.action(ACTION.orderCancel, orderCancelButton(ctx));
  on.action(ACTION.provisionFromSearch, provisionFromSearchButton(ctx));
  on.action(ACTION.searchPage, searchPageButton(ctx));
  on.action(ACTION.portinContinue, portinContinueButton(ctx));
  on.action(ACTION.newSubscriber, newSubscriberButton(ctx));
  on.action(ACTION.moreOptions, moreOptionsButton(ctx));
  for (const op of LINE_CHANGE_OPERATIONS) {
    on.action(ACTION.numberLineChange(op.kind), numberLineChangeButton(ctx, op));
  }
  on.action(ACTION.numberPortout, numberPortoutButton(ctx));
  on.action(ACTION.numberLimits, numberLimitsButton(ctx));
  on.action(ACTION.numberUpdate, numberUpdateButton(ctx));
  on.action(ACTION.historyOlder, historyOlderButton(ctx));
  on.options(ACTION.messageRoutePicker, pickerOptions(ctx, 'messageRoute'));
  on.options(ACTION.voiceRoutePicker, pickerOptions(ctx, 'voiceRoute'));
  on.options(ACTION.subscriberPicker, pickerOptions(ctx, 'subscriber'));
}

/**
 * What each button and picker lets a person do (the access gate's question). Anything not named here opens
 * or fills a request form (the number card's buttons, pickers, Provision…, Continue, New subscriber…).
 */
const ACTION_ACCESS: Readonly<Record<string, AccessAction>> = {
  [ACTION.approve]: 'approve',
  [ACTION.reject]: 'approve',
  [ACTION.orderStatus]: 'read',
  [ACTION.searchPage]: 'read',
  [ACTION.historyOlder]: 'read',
};

export function actionAccess(actionId: string): AccessAction {
  return ACTION_ACCESS[actionId] ?? 'request';
}
