import type { CustomerNoticeRecord } from '../store/customer-notices-repo.js';
import { slackDate } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';

/**
 * Whether the line was texted about this request (SIM swap, port-out PIN), for the approver: "Customer texted
 * 9:41 AM", or why not. Null for requests that do not text the line.
 */
export function customerNoticeLine(notice: CustomerNoticeRecord | null | undefined): string | null {
  if (!notice) return null;
  const why = (fallback: string) => escapeMrkdwn(oneLine(notice.detail ?? fallback, 300));
  switch (notice.status) {
    case 'sent':
      return `:speech_balloon: *Customer texted* ${slackDate(notice.decidedAt ?? notice.createdAt)}`;
    case 'sending':
      return ':hourglass_flowing_sand: *Texting the customer…*';
    case 'skipped':
      return `:no_bell: *Customer not texted:* ${why('texts are off')}`;
    case 'failed':
      return `:warning: *Customer not texted:* ${why('Telegent refused the text')}`;
    case 'unknown':
      return `:warning: *Texting the customer may have failed:* ${why('whether the text went out is unknown')}`;
  }
}
