/**
 * Which reminders a pending request sends now, pure and table-tested. The schedule is APPROVAL_REMINDERS
 * (minutes after filing); step 0 is a reply in the approval card's thread mentioning the approvers, every later
 * step a DM to each approver. Nobody is reminded at night in their own time zone: a sleeping approver's
 * reminder waits for their 09:00 (they then get the latest step due, once).
 */

/** Local hours in which reminders are sent: 09:00 up to 20:00. */
export const DAY_STARTS_AT = 9;
export const DAY_ENDS_AT = 20;

export interface ReminderRecipient {
  userId: string;
  /** Daytime in their time zone now. */
  awake: boolean;
}

export interface SentStep {
  step: number;
  /** 'thread' or the approver's user id. */
  target: string;
}

export interface ReminderPlan {
  /** A reply in the card's thread, mentioning these approvers (none known: the approvers in general). */
  thread?: { step: number; mention: string[] };
  dms: Array<{ step: number; userId: string }>;
}

export const THREAD = 'thread';
const NOTHING: ReminderPlan = { dms: [] };

/** The latest step whose time has come (its index), or null before the first. */
export function dueStep(scheduleMinutes: readonly number[], createdAt: Date, now: Date): number | null {
  const waited = (now.getTime() - createdAt.getTime()) / 60_000;
  let due: number | null = null;
  scheduleMinutes.forEach((minutes, step) => {
    if (waited >= minutes) due = step;
  });
  return due;
}

/** The step a Nudge sends: the one after the latest sent (steps past the schedule are DMs too). */
export function nextStep(sent: readonly SentStep[]): number {
  return sent.reduce((latest, s) => Math.max(latest, s.step + 1), 0);
}

/** 09:00 ≤ local time < 20:00 in `timeZone` (an unknown zone counts as UTC). */
export function isDaytime(now: Date, timeZone: string | undefined): boolean {
  let hour: number;
  try {
    hour = Number(
      new Intl.DateTimeFormat('en-US', {
        timeZone: timeZone || 'UTC',
        hour: 'numeric',
        hourCycle: 'h23',
      }).format(now),
    );
  } catch {
    hour = now.getUTCHours();
  }
  return hour >= DAY_STARTS_AT && hour < DAY_ENDS_AT;
}

/**
 * What to send for `step`. `recipients` are the approvers who may still decide (not the requester, not one who
 * already approved); empty when the approvers are not known by name (no list configured): then the thread
 * reply speaks to the approvers in general, with no night rule (it has no time zone to follow).
 */
export function planReminders(args: {
  step: number;
  sent: readonly SentStep[];
  recipients: readonly ReminderRecipient[];
  /** The card was posted (a thread to reply in). */
  hasCard: boolean;
}): ReminderPlan {
  const { step, sent, recipients } = args;
  const reached = (target: string) => sent.some((s) => s.target === target && s.step >= step);
  const awake = recipients.filter((r) => r.awake).map((r) => r.userId);
  const threadStep = step === 0 || recipients.length === 0;
  if (threadStep && args.hasCard) {
    // Someone already had this step (or a later one): a thread reply now would repeat it.
    if (sent.some((s) => s.step >= step)) return NOTHING;
    if (recipients.length > 0 && awake.length === 0) return NOTHING; // all asleep: wait for a morning
    return { thread: { step, mention: awake }, dms: [] };
  }
  return {
    dms: recipients.filter((r) => r.awake && !reached(r.userId)).map((r) => ({ step, userId: r.userId })),
  };
}
