import type { Logger } from '../log.js';
import { digestMessage } from '../messages/digest-message.js';
import { EVENT_TYPES, messageMetadata } from '../notify/message-metadata.js';
import type { Notifier } from '../notify/notifier.js';
import { classifySlackError } from '../notify/slack-failure.js';
import type { ChannelAccountsRepo } from '../store/channel-accounts-repo.js';
import type { DigestRepo, DigestSubscription } from '../store/digest-repo.js';
import type { OrdersRepo } from '../store/orders-repo.js';
import { localDateTime } from './local-time.js';

export interface DigestJobOptions {
  digests: DigestRepo;
  orders: OrdersRepo;
  /** The channel's bound Telegent account, named in the digest (distributors). */
  channelAccounts?: Pick<ChannelAccountsRepo, 'get'>;
  /** The jobs' notifier: a rate-limited post fails at once (the run is released for a later tick). */
  notify: Notifier;
  logger: Logger;
  sandbox: boolean;
  now?: () => Date;
  /**
   * The name Slack shows for a user (users.info, cached): the digest names requesters without pinging them every
   * morning. Unset, or a name Slack cannot give, is a mention.
   */
  nameOf?: (userId: string) => Promise<string | undefined>;
}

export interface DigestTickResult {
  /** Channels that got their digest in this tick. */
  posted: string[];
  /** Channels whose digest was claimed but could not be posted (released for the next tick). */
  failed: string[];
}

export interface DigestJob {
  /** Posts every digest whose local time has come today and that no replica has posted today. */
  tick(now?: Date): Promise<DigestTickResult>;
}

/** A digest missed at its minute (every replica down) still goes out this long after; later, that day is skipped. */
export const DIGEST_CATCH_UP_MINUTES = 180;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Due when the channel's local time today has reached its HH:MM, up to DIGEST_CATCH_UP_MINUTES later (so a
 * tick missed during a restart catches up, but a replica started in the evening does not send the
 * morning's digest), unless the subscription was made after that time today (first digest
 * tomorrow). digest_runs (unique channel + local date) makes it one per channel per local day across
 * replicas and restarts: claimed before posting, released when posting fails so a later tick retries, and
 * taken over after a lease when its poster died (looking for the digest's metadata in the channel first).
 */
export function dueLocalDate(sub: DigestSubscription, now: Date): string | undefined {
  const local = localDateTime(now, sub.timeZone);
  const late = minutes(local.time) - minutes(sub.localTime);
  if (late < 0 || late > DIGEST_CATCH_UP_MINUTES) return undefined;
  const created = localDateTime(sub.createdAt, sub.timeZone);
  if (created.date === local.date && created.time > sub.localTime) return undefined;
  if (created.date > local.date) return undefined;
  return local.date;
}

export function createDigestJob(options: DigestJobOptions): DigestJob {
  const { digests, orders, notify, sandbox } = options;
  const logger = options.logger.child({ job: 'digest' });
  const clock = options.now ?? (() => new Date());

  /** True when a digest that an earlier, dead poster sent is found in the channel (then recorded). */
  async function foundEarlier(channel: string, localDate: string): Promise<boolean> {
    const earlier = await notify.findEarlier(
      { channel },
      EVENT_TYPES.digest,
      'local_date',
      new Set([localDate]),
    );
    if (!earlier.readable) {
      logger.warn(
        { channel, localDate, reason: earlier.reason },
        'cannot read the channel to check for an earlier digest; posting it (invite the bot to the channel)',
      );
      return false;
    }
    const ts = earlier.found.get(localDate);
    if (!ts) return false;
    await digests.markPosted(channel, localDate, ts);
    logger.info({ channel, localDate }, 'digest was already in Slack; recorded, not reposted');
    return true;
  }

  async function requesterNames(list: Array<{ requestedBy: string }>): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const { nameOf } = options;
    if (!nameOf) return names;
    await Promise.all(
      [...new Set(list.map((order) => order.requestedBy))].map(async (userId) => {
        const name = await nameOf(userId).catch(() => undefined);
        if (name) names.set(userId, name);
      }),
    );
    return names;
  }

  async function postOne(sub: DigestSubscription, localDate: string, now: Date): Promise<boolean> {
    const channel = sub.channelId;
    const claims = await digests.claimRun(channel, localDate, { now });
    if (claims === null) return false;
    try {
      if (claims > 1 && (await foundEarlier(channel, localDate))) return true;
      const [open, closedSince, bound] = await Promise.all([
        orders.listOpenByChannel(channel, 100_000),
        orders.listClosedSince(channel, new Date(now.getTime() - 86_400_000), 100_000),
        options.channelAccounts?.get(channel) ?? null,
      ]);
      // A batch's numbers finished before the last 24 h still count in its line ("31 complete, 6 pending").
      const requestIds = [
        ...new Set([...open, ...closedSince].flatMap((o) => (o.requestId ? [o.requestId] : []))),
      ];
      const requestOrders = requestIds.length > 0 ? await orders.listByRequests(requestIds) : [];
      const message = digestMessage({
        channelId: channel,
        localDate,
        localTime: sub.localTime,
        timeZone: sub.timeZone,
        now,
        open,
        closedSince,
        requestOrders,
        account: bound ? { id: bound.accountId, name: bound.accountName } : null,
        requesterNames: await requesterNames([...open, ...closedSince]),
        sandbox,
      });
      const posted = await notify.post(channel, message, {
        metadata: messageMetadata(EVENT_TYPES.digest, { local_date: localDate }),
      });
      await digests.markPosted(channel, localDate, posted.ts || null);
      logger.info({ channel, localDate, openOrders: open.length }, 'digest posted');
      return true;
    } catch (error) {
      // Slack will never take it today (channel gone, bot removed): recorded as done, tried again tomorrow.
      if (classifySlackError(error).kind === 'permanent') {
        await digests.markPosted(channel, localDate, null);
        throw error;
      }
      await digests
        .releaseRun(channel, localDate)
        .catch((dbError: Error) =>
          logger.error({ channel, err: dbError.message }, 'could not release digest run'),
        );
      throw error;
    }
  }

  return {
    async tick(at) {
      const now = at ?? clock();
      const result: DigestTickResult = { posted: [], failed: [] };
      for (const sub of await digests.list()) {
        let localDate: string | undefined;
        try {
          localDate = dueLocalDate(sub, now);
        } catch (error) {
          logger.error(
            { channel: sub.channelId, timeZone: sub.timeZone, err: (error as Error).message },
            'bad digest subscription',
          );
          continue;
        }
        if (!localDate) continue;
        try {
          if (await postOne(sub, localDate, now)) result.posted.push(sub.channelId);
        } catch (error) {
          result.failed.push(sub.channelId);
          logger.warn(
            { channel: sub.channelId, localDate, err: classifySlackError(error) },
            'digest not posted; a later tick retries',
          );
        }
      }
      return result;
    },
  };
}
