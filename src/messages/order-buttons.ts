import type { Button } from '@slack/types';
import { ORDER_ID_MAX_LENGTH } from '../operations/fields/order-id.js';
import { orderTraits } from '../operations/registry.js';
import { isTerminalOrderStatus, needsCarrierFix } from '../telegent/order-status.js';
import { button, confirmDialog } from './blocks.js';
import { ACTION } from './ids.js';
import { oneLine } from './limits.js';

/** Whether an order is a port-in (its operation's traits when we stored it, else Telegent's OrderType). */
export function isPortIn(kind: string | null | undefined, orderType?: string | null): boolean {
  if (kind) return orderTraits(kind).portIn;
  return typeof orderType === 'string' && /port[\s_-]?in/i.test(orderType);
}

export function cancelPortInConfirm(orderId: string) {
  return confirmDialog({
    title: 'Cancel this port-in?',
    text: `Cancelling port-in ${oneLine(orderId, 80)} is final: a cancelled port-in cannot be resumed, only started again from scratch. A second person approves the cancel.`,
    confirm: 'Cancel port-in',
    deny: 'Keep it',
    danger: true,
  });
}

/**
 * Status always; Update and Cancel for port-ins that are still open (cancel carries a confirm that says
 * it is final). Values are the OrderId.
 */
export function orderButtons(
  orderId: string,
  options: { portIn: boolean; status: string | null | undefined; showStatus?: boolean; statusText?: string },
): Button[] {
  const open = !isTerminalOrderStatus(options.status);
  const buttons: Button[] = [];
  // Not an OrderId we could act on (ops accept ≤ 80 characters); better no button than an invalid one.
  if (orderId.length > ORDER_ID_MAX_LENGTH) return buttons;
  if (options.showStatus ?? true)
    buttons.push(
      button({ text: options.statusText ?? 'Status', actionId: ACTION.orderStatus, value: orderId }),
    );
  if (options.portIn && open) {
    // The carrier refused (Error, Rejected): the same form, offered as the fix, first in line.
    const needsFix = needsCarrierFix(options.status);
    buttons.push(
      button({
        text: needsFix ? 'Fix…' : 'Update…',
        actionId: ACTION.orderUpdate,
        value: orderId,
        ...(needsFix ? { style: 'primary' as const } : {}),
      }),
    );
    buttons.push(
      button({
        text: 'Cancel port-in…',
        actionId: ACTION.orderCancel,
        value: orderId,
        style: 'danger',
        confirm: cancelPortInConfirm(orderId),
      }),
    );
  }
  return buttons;
}
