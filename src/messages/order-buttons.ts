import type { ActionsBlockElement, Overflow } from '@slack/types';
import { ORDER_ID_MAX_LENGTH } from '../operations/fields/order-id.js';
import { orderTraits } from '../operations/registry.js';
import { isTerminalOrderStatus, needsCarrierFix } from '../telegent/order-status.js';
import { button, option } from './blocks.js';
import { ACTION } from './ids.js';

/** Whether an order is a port-in (its operation's traits when we stored it, else Telegent's OrderType). */
export function isPortIn(kind: string | null | undefined, orderType?: string | null): boolean {
  if (kind) return orderTraits(kind).portIn;
  return typeof orderType === 'string' && /port[\s_-]?in/i.test(orderType);
}

/**
 * The "⋯" menu of an open port-in: Cancel port-in…, out of the way of a healthy order's row rather than a red
 * button on every one. It opens the cancel form, which says cancelling is final and asks for the reason (so no
 * confirm dialog before it). Its option value is the OrderId.
 */
export function cancelPortInMenu(orderId: string): Overflow {
  return {
    type: 'overflow',
    action_id: ACTION.orderCancel,
    options: [option('Cancel port-in…', orderId)],
  };
}

/**
 * Status always; Update (Fix… when the carrier refused) and a "⋯" menu with Cancel port-in… for port-ins that
 * are still open. Values are the OrderId.
 */
export function orderButtons(
  orderId: string,
  options: { portIn: boolean; status: string | null | undefined; showStatus?: boolean },
): ActionsBlockElement[] {
  const open = !isTerminalOrderStatus(options.status);
  const buttons: ActionsBlockElement[] = [];
  // Not an OrderId we could act on (ops accept ≤ 80 characters); better no button than an invalid one.
  if (orderId.length > ORDER_ID_MAX_LENGTH) return buttons;
  if (options.showStatus ?? true)
    buttons.push(button({ text: 'Status', actionId: ACTION.orderStatus, value: orderId }));
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
    buttons.push(cancelPortInMenu(orderId));
  }
  return buttons;
}
