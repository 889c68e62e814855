import { slackTime } from './blocks.js';

/** What a Nudge did, as the sentence its clicker sees (the shape of ReminderSender's NudgeOutcome). */
export type NudgeResult =
  | { status: 'sent'; thread: number; dms: number }
  | { status: 'asleep' }
  | { status: 'too_soon'; nextAt: Date }
  | { status: 'not_pending' };

export function nudgeText(result: NudgeResult): string {
  switch (result.status) {
    case 'sent': {
      const where = [
        result.thread > 0 ? "a reminder in the approval card's thread" : '',
        result.dms > 0 ? `a DM to ${result.dms} approver${result.dms > 1 ? 's' : ''}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      return `Nudged: ${where}. You can nudge again in 15 minutes.`;
    }
    case 'asleep':
      return 'It is night (20:00–09:00) for every approver who could decide, so nobody was woken. Nudge again once it is morning for them; the request waits.';
    case 'too_soon':
      return `This request was nudged less than 15 minutes ago: you can nudge again at ${slackTime(result.nextAt)}.`;
    case 'not_pending':
      return 'This request is no longer waiting for approval, so there is nobody to nudge.';
  }
}
