/**
 * The kinds of batch a drill or bench can file through the app's own form: what the form is, what it is filled
 * with, which Telegent mutation each item sends and how to tell one batch's mutations from another's. Provision
 * several (here) and a port-in of several numbers (portin-batch-kind.ts).
 */
import { ACTION } from '../../src/messages/ids.js';
import { SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import type { JournalEntry } from '../../src/sandbox/server.js';
import type { AppProcess } from './app-process.js';
import { CHANNEL, type DrillWorld, REQUESTER } from './drill-world.js';
import { type ApprovalCard, PROVISION_FILL, waitForCard } from './flows.js';
import type { Secret } from './leak-scan.js';
import { portInBatch } from './portin-batch-kind.js';
import { textOf } from './slack-driver.js';

export interface DrillBatchKind {
  name: string;
  /** The mutation each item sends. */
  mutationPath: string;
  /** What Telegent makes of one item's submission, in the plural ("new lines"). */
  made: string;
  /** The most items one request may hold (the form's cap). */
  maxSize: number;
  /**
   * Whether the read-back of an item whose answer was lost finds what it made (either way the item is never
   * sent again, and stays `unknown` for a person to confirm).
   */
  readBackFinds: boolean;
  /** What the form is filled with that must never show in a log line or a Slack message. */
  secrets?: Secret[];
  /**
   * Files one batch of `size` items through the form; `slot` keeps batches of one run apart (their own
   * subscriber), so a read-back of one never sees another's lines.
   */
  file(world: DrillWorld, app: AppProcess, size: number, slot: number): Promise<FiledBatch>;
}

export interface FiledBatch {
  card: ApprovalCard;
  /** The fake Slack's call index before the filing (the batch's story is posted after it). */
  since: number;
  /** This batch's mutations among everything the sandbox journaled. */
  mine(entry: JournalEntry): boolean;
  /**
   * What Telegent made for this batch, one entry per thing made (a submission taken twice shows twice): the new
   * lines of a provision, the numbers of the port-in orders of a port-in.
   */
  numbersAtTelegent(world: DrillWorld): string[];
}

const PROVISION_PATH = '/v1.0/numbers/provision';

/** Provision several: "How many numbers" in the provision form, one subscriber per batch. */
export const provisionBatch: DrillBatchKind = {
  name: 'provision',
  mutationPath: PROVISION_PATH,
  made: 'new lines',
  maxSize: 50,
  // "A number bought today for this subscriber": found, but not proven this item's (another request's may be).
  readBackFinds: true,
  async file(world, app, size, slot) {
    const subscriber = SEED_SUBSCRIBER_IDS[(slot + 1) % SEED_SUBSCRIBER_IDS.length]!;
    const slack = world.slack(app);
    const since = world.fake.calls.length;
    const command = await slack.command('provision 801', REQUESTER, CHANNEL);
    if (command.status !== 200) throw new Error(`provision command → HTTP ${command.status}`);
    const folded = await slack.viewAfter(since, (v) => v.callback_id === 'telegent.provision');
    // "How many" waits behind "More options…" (every field with a default does).
    const opened = world.fake.calls.length;
    await slack.blockAction({
      actionId: ACTION.moreOptions,
      userId: REQUESTER,
      view: { ...folded.view, id: folded.id },
    });
    const form = await slack.viewAfter(
      opened,
      (v) => v.callback_id === 'telegent.provision' && !textOf(v).includes(ACTION.moreOptions),
    );
    const submitted = await slack.submit(
      form,
      { ...PROVISION_FILL, assignedSubscriberId: subscriber, count: String(size) },
      REQUESTER,
    );
    if (submitted.body?.response_action !== 'update') {
      throw new Error(`provision form was not accepted: ${textOf(submitted.body).slice(0, 300)}`);
    }
    const card = await waitForCard(world, since);
    const held = (w: DrillWorld) =>
      w.telegent.sandbox
        .listNumbers()
        .filter((n) => n.AssignedSubscriberId === subscriber)
        .map((n) => n.Number);
    const before = new Set(held(world));
    return {
      card,
      since,
      mine: (entry) =>
        entry.path.toLowerCase() === PROVISION_PATH &&
        (entry.body as { AssignedSubscriberId?: unknown } | null)?.AssignedSubscriberId === subscriber,
      numbersAtTelegent: (w) => held(w).filter((n) => !before.has(n)),
    };
  },
};

export const BATCH_KINDS = { provision: provisionBatch, portin: portInBatch } as const;
export type BatchKindName = keyof typeof BATCH_KINDS;
