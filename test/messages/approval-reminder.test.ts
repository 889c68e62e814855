import { describe, expect, it } from 'vitest';
import { appHomeView } from '../../src/messages/app-home-view.js';
import {
  decidedReminderDm,
  reminderDm,
  reminderDmStanding,
  reminderThreadReply,
} from '../../src/messages/approval-reminder.js';
import { ACTION, BLOCK } from '../../src/messages/ids.js';
import { requestCard } from '../../src/messages/request-card.js';
import { HUGE, NASTY, NOW, requestRecord } from './fixtures.js';
import { assertWithinSlackLimits } from './slack-limits.js';

// biome-ignore lint/suspicious/noExplicitAny: digging into Block Kit JSON
type J = any;
const button = (blocks: J[], actionId: string) =>
  JSON.stringify(blocks.flatMap((b) => b.elements ?? []).find((e: J) => e.action_id === actionId));

/** A pending SIM swap for Jane Doe with its reason and how she was verified. */
const swap = (overrides: Parameters<typeof requestRecord>[0] = {}) =>
  requestRecord({
    id: 'req_swap',
    kind: 'swap-sim',
    input: {
      phoneNumber: '+14155550142',
      requestReason: 'ZD-4821 lost phone',
      customerName: 'Jane Doe',
      verificationMethod: 'Photo ID in store',
    },
    createdAt: new Date(NOW.getTime() - 3 * 3_600_000),
    ...overrides,
  });
const args = (request = swap()) => ({
  request,
  title: 'Swap SIM',
  summary: 'Move (415) 555-0142 to a new eSIM',
  now: NOW,
});

describe('who and why away from the card', () => {
  it('the thread reply (a channel) names the customer short; the DM and App Home by full name; reason and verification', () => {
    const reply = JSON.stringify(reminderThreadReply({ ...args(), mention: ['U0A'] }).blocks);
    expect(reply).toContain('this swap SIM request for *(415) 555-0142 · J. Doe* from <@U0REQUESTER>');
    expect(reply).not.toContain('Jane');
    expect(reply).toContain('*Reason / ticket:* ZD-4821 lost phone');
    expect(reply).toContain('*Verified:* Photo ID in store');

    const dm = reminderDm(args());
    const text = JSON.stringify(dm.blocks);
    expect(dm.text).toContain('Swap SIM · (415) 555-0142 · Jane Doe has waited 3 h');
    expect(text).toContain('a swap SIM request for *(415) 555-0142 · Jane Doe* from <@U0REQUESTER>');
    expect(text).toContain('*Reason / ticket:* ZD-4821 lost phone');
    expect(text).toContain('*Verified:* Photo ID in store');
    expect(text.indexOf('Verified')).toBeLessThan(text.indexOf(ACTION.approve));

    const home = JSON.stringify(
      appHomeView({ userId: 'U0A', now: NOW, myRequests: [], waitingForMe: [swap()], openOrders: [] }).blocks,
    );
    expect(home).toContain('*(415) 555-0142 · Jane Doe* · Swap SIM · waiting 3 h · asked by <@U0REQUESTER>');
    expect(home).toContain('*Verified:* Photo ID in store');
  });

  it('without a customer, reason or verification the lines are left out (nothing shown empty)', () => {
    const bare = swap({ input: { phoneNumber: '+14155550142' } });
    const text = JSON.stringify(reminderDm(args(bare)).blocks);
    expect(text).toContain('a swap SIM request for *(415) 555-0142* from');
    expect(text).not.toContain('Reason / ticket');
    expect(text).not.toContain('Verified');
    const noNumber = JSON.stringify(reminderDm(args(swap({ kind: 'provision', input: {} }))).blocks);
    expect(noNumber).toContain('request from <@U0REQUESTER>');
  });

  it("the DM's buttons are the card's own, in a block the listeners recognise", () => {
    const request = swap();
    const dm = reminderDm(args(request));
    const card = requestCard({ request, title: 'Swap SIM', summary: args().summary });
    expect(button(dm.blocks as J[], ACTION.approve)).toBe(button(card.blocks as J[], ACTION.approve));
    expect(button(dm.blocks as J[], ACTION.approve)).toContain('— J. Doe?');
    expect(button(dm.blocks as J[], ACTION.reject)).toBe(button(card.blocks as J[], ACTION.reject));
    const decide = (dm.blocks as J[]).find((b) => b.elements?.some((e: J) => e.action_id === ACTION.approve));
    expect(decide.block_id).toBe(BLOCK.reminderDecision);
  });

  it('once decided the DM shows the decision instead of its buttons; still waiting for this approver, null', () => {
    const at = new Date(NOW.getTime() + 60_000);
    expect(reminderDmStanding(swap(), 'U0A', NOW)).toBeNull();
    const approved = reminderDmStanding(
      swap({ status: 'succeeded', approver: 'U0B', approvedBy: ['U0B'], decidedAt: at }),
      'U0A',
      NOW,
    )!;
    expect(approved).toMatch(/^:white_check_mark: Approved by <@U0B> <!date\^/);
    expect(
      reminderDmStanding(
        swap({ status: 'rejected', approver: 'U0B', decidedAt: at, decisionReason: 'no ID' }),
        'U0A',
        NOW,
      ),
    ).toMatch(/Rejected by <@U0B> .*\n>no ID$/);
    expect(reminderDmStanding(swap({ status: 'expired', decidedAt: at }), 'U0A', NOW)).toContain('Expired');
    // Past its deadline before the expiry job ran: expired too (a press there is refused as expired).
    const late = new Date(NOW.getTime() + 25 * 3_600_000);
    expect(reminderDmStanding(swap({ expiresAt: at }), 'U0A', late)).toContain(':hourglass: Expired');
    expect(reminderDmStanding(swap({ status: 'cancelled', decidedAt: at }), 'U0A', NOW)).toContain(
      'Cancelled by <@U0REQUESTER>',
    );
    expect(reminderDmStanding(swap({ approvalsNeeded: 2, approvedBy: ['U0A'] }), 'U0A', NOW)).toContain(
      'You approved it (1 of 2 approved by <@U0A>)',
    );
    const redrawn = decidedReminderDm({ ...args(), standing: approved });
    expect(JSON.stringify(redrawn.blocks)).not.toContain(ACTION.approve);
    expect(JSON.stringify(redrawn.blocks)).toContain('Jane Doe');
    assertWithinSlackLimits(redrawn);
  });

  it('stays within Slack limits and escapes what people typed', () => {
    const nasty = swap({
      input: {
        phoneNumber: '+14155550142',
        requestReason: NASTY,
        customerName: HUGE,
        verificationMethod: NASTY,
      },
    });
    for (const payload of [reminderDm(args(nasty)), reminderThreadReply({ ...args(nasty), mention: [] })]) {
      assertWithinSlackLimits(payload);
      expect(JSON.stringify(payload.blocks)).not.toContain('<!channel>');
    }
  });
});
