import type { Logger } from '../log.js';
import { portDateHeadsUp } from '../messages/port-date-headsup.js';
import { EVENT_TYPES, messageMetadata } from '../notify/message-metadata.js';
import type { Notifier } from '../notify/notifier.js';
import { classifySlackError } from '../notify/slack-failure.js';
import { previousBusinessDay } from '../operations/fields/business-days.js';
import { orderTraits } from '../operations/registry.js';
import type { DigestRepo } from '../store/digest-repo.js';
import type { HeadsUpKind, HeadsUpsRepo } from '../store/headsups-repo.js';
import type { OrderRecord, OrdersRepo } from '../store/orders-repo.js';
import { needsCarrierFix } from '../telegent/order-status.js';
import { localDateTime } from './local-time.js';

export interface HeadsUpJobOptions {
  orders: OrdersRepo;
  digests: DigestRepo;
  headsUps: HeadsUpsRepo;
  notify: Notifier;
  logger: Logger;
  sandbox: boolean;
  /** DIGEST_DEFAULT_TZ: a channel's zone when it has no digest subscription. */
  defaultTimeZone: string;
  now?: () => Date;
}

/** Heads-ups are posted from this local time on (not at midnight). */
const FROM_LOCAL_TIME = '08:00';

/**
 * Port-date heads-ups: in a port-in's thread, the business day before its port date ("ports tomorrow: what to
 * check") and on the day, from 08:00 in the channel's time zone. One per order, port date and kind across
 * replicas: the claim (a primary key) comes before the post, so a crash in between loses that heads-up rather
 * than posting it twice.
 */
export function createHeadsUpJob(options: HeadsUpJobOptions) {
  const { orders, digests, headsUps, notify, sandbox } = options;
  const logger = options.logger.child({ job: 'port-date-headsups' });
  const clock = options.now ?? (() => new Date());

  async function zoneOf(channelId: string, cache: Map<string, string>): Promise<string> {
    const known = cache.get(channelId);
    if (known) return known;
    const zone = await digests.timeZoneOf(channelId, options.defaultTimeZone);
    cache.set(channelId, zone);
    return zone;
  }

  async function headsUp(order: OrderRecord, kind: HeadsUpKind, zone: string): Promise<boolean> {
    const portDate = order.portInDate!;
    if (!(await headsUps.claim(order.orderId, portDate, kind))) return false;
    try {
      const posted = await notify.post(
        order.channelId,
        portDateHeadsUp({ order, kind, timeZone: zone, sandbox }),
        {
          threadTs: order.threadTs,
          metadata: messageMetadata(EVENT_TYPES.portDateHeadsUp, {
            order_id: order.orderId,
            kind,
            port_date: portDate,
          }),
        },
      );
      await headsUps.markPosted(order.orderId, portDate, kind, posted.ts || null);
      return true;
    } catch (error) {
      const failure = classifySlackError(error);
      // Slack refused it as rate limited: it was not posted, so the next tick may try again.
      if (failure.kind === 'ratelimited') await headsUps.release(order.orderId, portDate, kind);
      logger.warn({ orderId: order.orderId, kind, err: failure }, 'port-date heads-up not posted');
      return false;
    }
  }

  return {
    /** Posts every heads-up due now; returns how many were posted. */
    async tick(at?: Date): Promise<number> {
      const now = at ?? clock();
      const day = (offset: number) =>
        new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
      // Port dates from yesterday to five days ahead cover every zone and a long weekend before the date.
      // A port-in stuck on the carrier (Error, Rejected) will not port on its date: no heads-up for it.
      const candidates = (await orders.listOpenWithPortDate(day(-1), day(5))).filter(
        (o) => o.portInDate && orderTraits(o.kind).portIn && !needsCarrierFix(o.status),
      );
      const zones = new Map<string, string>();
      let posted = 0;
      for (const order of candidates) {
        const zone = await zoneOf(order.channelId, zones);
        const local = localDateTime(now, zone);
        if (local.time < FROM_LOCAL_TIME) continue;
        const portDate = order.portInDate!;
        const kind: HeadsUpKind | undefined =
          local.date === portDate ? 'day' : local.date === previousBusinessDay(portDate) ? 'eve' : undefined;
        if (kind && (await headsUp(order, kind, zone))) posted++;
      }
      if (posted > 0) logger.info({ posted }, 'port-date heads-ups posted');
      return posted;
    },
  };
}
