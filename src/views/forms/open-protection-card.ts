import type { webApi } from '@slack/bolt';
import type { KnownBlock, ModalView } from '@slack/types';
import type { AppContext } from '../../app-context.js';
import { section } from '../../messages/blocks.js';
import { errorModal } from '../../messages/error-views.js';
import { escapeMrkdwn, oneLine } from '../../messages/limits.js';
import { noSubscriberBlocks, protectionCard } from '../../messages/protection-card.js';
import { formatPhone } from '../../operations/glossary.js';
import type { LineProtection } from '../../operations/guardian-line.js';
import { type LineGuardian, readLineGuardian } from '../../reads/line-protection.js';
import { writeModalMetadata } from '../modal-metadata.js';
import { infoModal } from '../modals/modal.js';
import { loadingModal } from '../modals/status-modals.js';
import { openModal, updateModal } from '../open-modal.js';

const TITLE = 'Protection';

/**
 * The protection card as a modal: its buttons push the Guardian forms over it, and read the line, its subscriber
 * and the channel from its private_metadata.
 */
export function protectionCardView(
  ctx: AppContext,
  read: LineGuardian,
  phoneNumber: string,
  channelId: string,
): ModalView {
  if (read.status === 'not-on-account')
    return errorModal(
      TITLE,
      `${formatPhone(phoneNumber)} is not on your Telegent account: nothing to protect. Check the number, or see /telegent orders for a port-in still under way.`,
    );
  if (read.status === 'no-subscriber') return infoModal(TITLE, noSubscriberBlocks(phoneNumber, ctx.sandbox));
  const metadata = writeModalMetadata({
    channelId,
    phoneNumber,
    subscriberId: read.state.subscriberId,
    customer: read.subscriberName.slice(0, 100),
  });
  return infoModal(
    TITLE,
    protectionCard({
      state: read.state,
      subscriberName: read.subscriberName,
      withButtons: true,
      sandbox: ctx.sandbox,
    }),
    metadata,
  );
}

/** `/telegent protect` and Protect… on the cards: a loading view at once, then the card as read. */
export async function openProtectionCard(
  ctx: AppContext,
  client: webApi.WebClient,
  at: { triggerId: string; channelId: string },
  phoneNumber: string,
): Promise<void> {
  const viewId = await openModal(client, at.triggerId, loadingModal(TITLE, 'Reading AI Guardian…'));
  if (!viewId) return;
  const read = await readLineGuardian(ctx, phoneNumber);
  await updateModal(client, viewId, protectionCardView(ctx, read, phoneNumber, at.channelId));
}

/**
 * After a Guardian form's request ran: the card it was pushed from is drawn again from Telegent, and the result
 * shows the same card (without buttons) under the outcome.
 */
export async function redrawProtectionCard(
  ctx: AppContext,
  client: webApi.WebClient,
  at: {
    channelId: string;
    phoneNumber: string;
    cardViewId?: string | undefined;
    /** The line as the request read it back right after its change (no second read), and whose it is. */
    after?: { state: LineProtection; subscriberName: string } | undefined;
  },
) {
  const read: LineGuardian = at.after
    ? { status: 'read', ...at.after }
    : await readLineGuardian(ctx, at.phoneNumber);
  if (at.cardViewId)
    await updateModal(client, at.cardViewId, protectionCardView(ctx, read, at.phoneNumber, at.channelId));
  return read.status === 'read'
    ? protectionCard({ state: read.state, subscriberName: read.subscriberName, withButtons: false })
    : [];
}

/** What a protect request did, step by step ("Calls from (801) 555-9999 blocked"), from its stored result. */
export function protectStepsBlocks(result: unknown): KnownBlock[] {
  const steps = (result as { steps?: unknown } | undefined)?.steps;
  if (!Array.isArray(steps) || steps.length === 0) return [];
  const lines = steps
    .filter((s): s is string => typeof s === 'string')
    .slice(0, 10)
    .map((s) => `• ${escapeMrkdwn(oneLine(s, 300))}`);
  return [section(lines.join('\n'))];
}
