// Time zones the gallery's session runs in, picked for the moment it runs: Slack users where it is working
// hours (reminders pause at night), and a channel where a port-in's port-date heads-up falls due soon.
import { localDateTime } from '../../src/jobs/local-time.js';
import { nextBusinessDay, previousBusinessDay } from '../../src/operations/fields/business-days.js';
import { localIsoDate } from '../../src/operations/fields/port-in-date.js';

const hourIn = (zone: string, at: Date) =>
  Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(at));

/** A time zone where it is between 10:00 and 17:00 now (approval reminders pause at night). */
export function daytimeZone(now = new Date()): string {
  const zones = [
    'America/New_York',
    'America/Los_Angeles',
    'Pacific/Honolulu',
    'Asia/Tokyo',
    'Asia/Kolkata',
    'Europe/London',
  ];
  return zones.find((zone) => hourIn(zone, now) >= 10 && hourIn(zone, now) < 17) ?? 'Asia/Tokyo';
}

/** A support channel's zone, US first; the last ones are there for weekends, when only they reach a workday. */
const CHANNEL_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Pacific/Honolulu',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Pacific/Kiritimati',
];

/** The heads-up job's own rule (src/jobs/port-date-headsups.ts): from 08:00, the business day before or the day. */
const FROM_LOCAL_TIME = '08:00';

export interface HeadsUpPlan {
  /** The channel's time zone (DIGEST_DEFAULT_TZ and its digest). */
  zone: string;
  /** The earliest port date a port-in form takes: the next US business day. */
  portDate: string;
}

/**
 * A port date and a channel zone in which its heads-up is due at every moment from `from` to `until` (the
 * job runs every quarter hour, so the session may wait that long); undefined when no zone reaches the day
 * before a business day, or the day itself, in that window (most of a weekend).
 */
export function headsUpPlan(from: Date, until: Date): HeadsUpPlan | undefined {
  const portDate = nextBusinessDay(localIsoDate(from));
  const due = (zone: string, at: Date) => {
    const local = localDateTime(at, zone);
    return (
      local.time >= FROM_LOCAL_TIME &&
      (local.date === portDate || local.date === previousBusinessDay(portDate))
    );
  };
  const zone = CHANNEL_ZONES.find(
    (z) => due(z, from) && due(z, until) && localDateTime(from, z).date === localDateTime(until, z).date,
  );
  return zone ? { zone, portDate } : undefined;
}
