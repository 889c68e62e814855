import { carrierMessageWords, shortId, statusWords } from '../operations/glossary.js';
import type { HistoryEntry } from '../store/history-repo.js';
import { trailLine } from './audit-trail.js';
import { mention, slackDate } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { operationTitle } from './request-line.js';

/** Who a reminder went to: the card's thread, or approvers by DM. */
function reminded(targets: string[]): string {
  const people = targets.filter((t) => t !== 'thread');
  const where = [
    targets.includes('thread') ? "in the card's thread" : '',
    people.length > 0 ? `by DM to ${people.map(mention).join(', ')}` : '',
  ].filter(Boolean);
  return `approvers reminded${where.length > 0 ? ` ${where.join(' and ')}` : ''}`;
}

/**
 * One line of `/telegent history`, newest-first lists: our step as the audit log has it, or a status the carrier
 * gave the order ("Port-in `JNUOID-85f74761…`: Telegent says *Rejected* — Carrier rejected: account number wrong
 * (8A)"). `showOrder`: name the order (a number's or customer's history may hold several).
 */
export function historyLine(entry: HistoryEntry, showOrder: boolean): string {
  if (entry.source === 'app') return trailLine(entry.entry);
  const title = escapeMrkdwn(entry.kind ? operationTitle(entry.kind) : 'Order');
  if (entry.source === 'reminder') return `• ${slackDate(entry.at)} · ${title}: ${reminded(entry.targets)}`;
  const order = showOrder && entry.orderId ? ` \`${escapeMrkdwn(shortId(entry.orderId))}\`` : '';
  const said = carrierMessageWords(entry.statusMessage);
  return `• ${slackDate(entry.at)} · ${title}${order}: Telegent says *${escapeMrkdwn(statusWords(entry.status))}*${
    said ? ` — ${escapeMrkdwn(oneLine(said, 200))}` : ''
  }`;
}
