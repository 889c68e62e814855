import type { Button } from '@slack/types';
import { PLAN_END_STATUSES } from '../operations/plan-end.js';
import { button } from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn, oneLine } from './limits.js';

/**
 * What a card knows of a line's plan: `hidden` when plans are not enabled for the account (no plan field, no
 * plan button), `unreadable` when the subscriptions could not be read (the rest of the card stands), `none` when
 * the line has no live subscription, `on` with the plan in words ("Unlimited Plus · $45.00 / month"), `setting-up`
 * while the line's plan step (jobs/line-subscriptions.ts) has not ended: no button, so no second subscription.
 */
export type LinePlan =
  | { state: 'hidden' }
  | { state: 'unreadable' }
  | { state: 'none' }
  | { state: 'setting-up'; words: string }
  | { state: 'on'; subscriptionId: string; packageId?: string | undefined; words: string };

/** The plan as a card shows it after "Plan": undefined when plans are hidden. */
export function planText(plan: LinePlan | undefined): string | undefined {
  switch (plan?.state ?? 'hidden') {
    case 'hidden':
      return undefined;
    case 'unreadable':
      return 'could not be read';
    case 'none':
      return 'No plan';
    case 'setting-up':
      return `${escapeMrkdwn(oneLine((plan as { words: string }).words, 130))} — being set up`;
    default:
      return escapeMrkdwn(oneLine((plan as { words: string }).words, 150));
  }
}

/** Change plan… on a line with a plan, Put on a plan… on one without; nothing when plans are hidden or unread. */
export function planButton(plan: LinePlan | undefined, phoneNumber: string): Button | undefined {
  if (plan?.state !== 'on' && plan?.state !== 'none') return undefined;
  return button({
    text: plan.state === 'on' ? 'Change plan…' : 'Put on a plan…',
    actionId: ACTION.numberButton('plan'),
    value: phoneNumber,
  });
}

/**
 * End plan… on a line that still has a live plan but no longer runs (Cancelled, Disconnected, Parked): the way to
 * end a plan left behind by a cancel, or one whose End plan was refused for coming before the cancel.
 */
export function endPlanButton(
  plan: LinePlan | undefined,
  status: string | null | undefined,
  phoneNumber: string,
): Button | undefined {
  if (plan?.state !== 'on' || !PLAN_END_STATUSES.includes(status ?? '')) return undefined;
  return button({
    text: 'End plan…',
    actionId: ACTION.numberButton('plan-end'),
    value: phoneNumber,
    style: 'danger',
  });
}
