import type { AppContext } from '../app-context.js';
import { ACTION } from '../messages/ids.js';
import { PROTECT_ACTIONS } from '../operations/protect-input.js';
import { LINE_CHANGE_OPERATIONS, operations } from '../operations/registry.js';
import { type AccessAction, operationAccess } from '../requests/index.js';
import type { Listeners } from '../slack/listeners.js';
import { approveButton } from './approve-button.js';
import { batchCancelAllButton } from './batch-cancel-all-button.js';
import { customerNewLineButton } from './customer-new-line-button.js';
import { customerNumberCardButton } from './customer-number-card-button.js';
import { customerPortinButton } from './customer-portin-button.js';
import { customerShowButton } from './customer-show-button.js';
import { historyOlderButton } from './history-older-button.js';
import { moreOptionsButton } from './more-options-button.js';
import { newSubscriberButton } from './new-subscriber-button.js';
import { nudgeButton } from './nudge-button.js';
import { numberLimitsButton } from './number-limits-button.js';
import { numberLineChangeButton } from './number-line-change-button.js';
import { numberPlanButton } from './number-plan-button.js';
import { numberPlanEndButton } from './number-plan-end-button.js';
import { numberPortoutButton } from './number-portout-button.js';
import { numberUpdateButton } from './number-update-button.js';
import { orderCancelButton } from './order-cancel-button.js';
import { orderStatusButton } from './order-status-button.js';
import { orderUpdateButton } from './order-update-button.js';
import { pickerOptions } from './picker-options.js';
import { planOptions } from './plan-options.js';
import { portinContinueButton } from './portin-continue-button.js';
import { protectActionButton, protectOpenButton } from './protect-buttons.js';
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
  on.action(ACTION.batchCancelAll, batchCancelAllButton(ctx));
  on.action(ACTION.provisionFromSearch, provisionFromSearchButton(ctx));
  on.action(ACTION.searchPage, searchPageButton(ctx));
  on.action(ACTION.portinContinue, portinContinueButton(ctx));
  on.action(ACTION.newSubscriber, newSubscriberButton(ctx));
  on.action(ACTION.moreOptions, moreOptionsButton(ctx));
  for (const op of LINE_CHANGE_OPERATIONS) {
    on.action(ACTION.numberButton(op.kind), numberLineChangeButton(ctx, op));
  }
  on.action(ACTION.numberButton('portout'), numberPortoutButton(ctx));
  on.action(ACTION.numberButton('limits'), numberLimitsButton(ctx));
  on.action(ACTION.numberUpdate, numberUpdateButton(ctx));
  on.action(ACTION.numberButton('plan'), numberPlanButton(ctx));
  on.action(ACTION.numberButton('plan-end'), numberPlanEndButton(ctx));
  on.action(ACTION.historyOlder, historyOlderButton(ctx));
  on.action(ACTION.customerShow, customerShowButton(ctx));
  on.action(ACTION.customerNumberCard, customerNumberCardButton(ctx));
  on.action(ACTION.customerNewLine, customerNewLineButton(ctx));
  on.action(ACTION.customerPortin, customerPortinButton(ctx));
  on.action(ACTION.protect, protectOpenButton(ctx));
  for (const action of PROTECT_ACTIONS)
    on.action(ACTION.protectButton(action), protectActionButton(ctx, action));
  on.options(ACTION.messageRoutePicker, pickerOptions(ctx, 'messageRoute'));
  on.options(ACTION.voiceRoutePicker, pickerOptions(ctx, 'voiceRoute'));
  on.options(ACTION.subscriberPicker, pickerOptions(ctx, 'subscriber'));
  on.options(ACTION.planPicker, planOptions(ctx));
}

/** The operation each button runs or opens the form of: what it lets a person do follows from the definition. */
const OPERATION_BUTTONS: ReadonlyMap<string, { mutates: boolean }> = new Map<string, { mutates: boolean }>([
  [ACTION.orderStatus, operations.status],
  [ACTION.searchPage, operations.search],
  [ACTION.orderUpdate, operations['portin-update']],
  [ACTION.orderCancel, operations['portin-cancel']],
  [ACTION.batchCancelAll, operations['portin-cancel']],
  [ACTION.provisionFromSearch, operations.provision],
  [ACTION.portinContinue, operations.portin],
  [ACTION.newSubscriber, operations['subscriber-new']],
  ...LINE_CHANGE_OPERATIONS.map((op) => [ACTION.numberButton(op.kind), op] as const),
  [ACTION.numberButton('portout'), operations.portout],
  [ACTION.numberButton('limits'), operations.limits],
  [ACTION.numberUpdate, operations['number-update']],
  [ACTION.numberButton('plan'), operations.plan],
  [ACTION.numberButton('plan-end'), operations['plan-end']],
  [ACTION.customerNewLine, operations.provision],
  [ACTION.customerPortin, operations.portin],
  [ACTION.protect, operations.protect],
  ...PROTECT_ACTIONS.map((action) => [ACTION.protectButton(action), operations.protect] as const),
]);

/**
 * Buttons that belong to no one operation say it here. Anything named in neither list fills a request form
 * (More options…, the pickers, Nudge approvers on one's own request).
 */
const OWN_RULES: Readonly<Record<string, AccessAction>> = {
  [ACTION.approve]: 'approve',
  [ACTION.reject]: 'approve',
  [ACTION.historyOlder]: 'read',
  [ACTION.customerShow]: 'read',
  [ACTION.customerNumberCard]: 'read',
};

/** What each button and picker lets a person do (the access gate's question). */
export function actionAccess(actionId: string): AccessAction {
  const op = OPERATION_BUTTONS.get(actionId);
  return op ? operationAccess(op) : (OWN_RULES[actionId] ?? 'request');
}
