import { formatPhone } from '../operations/glossary.js';
import type { RequestItemRecord } from '../store/request-items-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { actions, button, context, type MessagePayload, message, sandboxBlocks, section } from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { storyHeadline } from './request-story.js';

export interface BatchStoryArgs {
  request: RequestRecord;
  title: string;
  summary: string;
  items: readonly Pick<RequestItemRecord, 'item' | 'status' | 'result' | 'error'>[];
  sandbox?: boolean | undefined;
  /** How many of the batch's port-ins are still open: with any, the story offers Cancel all…. */
  openPortIns?: number | undefined;
}

/** The numbers a settled item got (stored with it by requests/batch.ts). */
function numbersOf(item: Pick<RequestItemRecord, 'result'>): string[] {
  const numbers = (item.result as { numbers?: unknown } | null)?.numbers;
  return Array.isArray(numbers) ? numbers.filter((n): n is string => typeof n === 'string') : [];
}

/** At most this many numbers are listed by name; the rest are counted. */
const LISTED = 20;

/**
 * A batch request's one message (3 new lines), redrawn as each item settles: "Provisioned 2 of 3: (801)
 * 555-0101, (801) 555-0102", then what did not go through and why, and how many are still on their way.
 */
export function batchStoryMessage(args: BatchStoryArgs): MessagePayload {
  const { items } = args;
  const done = items.filter((i) => i.status === 'done');
  const failed = items.filter((i) => i.status === 'failed');
  const unknown = items.filter((i) => i.status === 'unknown');
  const open = items.length - done.length - failed.length - unknown.length;
  const numbers = done.flatMap(numbersOf);
  const listed = numbers.slice(0, LISTED).map(formatPhone).join(', ');
  const more = numbers.length > LISTED ? ` and ${numbers.length - LISTED} more` : '';
  const verb = args.title.endsWith('e') ? `${args.title}d` : `${args.title}ed`;
  const head = `${open > 0 ? '⏳' : failed.length + unknown.length > 0 ? '⚠️' : '✅'} ${escapeMrkdwn(storyHeadline(args.request, args.title, args.summary))}`;
  const progress = `*${verb} ${done.length} of ${items.length}*${numbers.length ? `: ${listed}${more}` : ''}`;
  const lines = [head, progress];
  if (failed.length > 0)
    lines.push(`${failed.length} refused by Telegent: ${escapeMrkdwn(oneLine(failed[0]!.error ?? '', 300))}`);
  if (unknown.length > 0)
    lines.push(
      `${unknown.length} not known (not sent again; check with Telegent before retrying): ${escapeMrkdwn(oneLine(unknown[0]!.error ?? '', 300))}`,
    );
  if (open > 0) lines.push(`${open} still on the way`);
  const text = lines.join('\n');
  return message(text, [
    ...sandboxBlocks(args.sandbox),
    section(text),
    context(`requested by <@${args.request.requestedBy}>`),
    ...(args.openPortIns ? [cancelAllButton(args.request.id, args.openPortIns)] : []),
  ]);
}

/** Cancel all… of a batch's open port-ins: opens a form (the numbers, a reason); a second person approves. */
function cancelAllButton(requestId: string, open: number) {
  return actions(
    [button({ text: `Cancel all ${open} open…`, actionId: ACTION.batchCancelAll, value: requestId })],
    'batch-actions',
  );
}
