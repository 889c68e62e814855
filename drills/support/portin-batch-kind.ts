/**
 * A port-in of several numbers, filed as a person does: `/telegent portin n1 n2 …` → the eligibility summary →
 * Continue → the form (carrier account typed once) → the approval card. One POST /v1.0/numbers/portin per number.
 */
import type { JournalEntry } from '../../src/sandbox/server.js';
import type { DrillBatchKind } from './batch-kinds.js';
import { CHANNEL, type DrillWorld, REQUESTER } from './drill-world.js';
import { portInFormFill, waitForCard } from './flows.js';
import { textOf } from './slack-driver.js';

const PORTIN_PATH = '/v1.0/numbers/portin';

/** The carrier account typed into the form: secrets the leak scan looks for. */
const ACCOUNT_NUMBER = 'DRILL-772014';
const ACCOUNT_PASSWORD = 'Pin-5093';

/**
 * Batch `slot`'s numbers: (313) 555-<slot+1><item, 3 digits>. None ends 0000, 1111 or 2222 (the sandbox's
 * locked, not-portable and wireline numbers), and batches of one run never share one.
 */
export const portInBatchNumbers = (slot: number, size: number): string[] =>
  Array.from({ length: size }, (_, i) => `+1313555${slot + 1}${String(i + 1).padStart(3, '0')}`);

export const portInBatch: DrillBatchKind = {
  name: 'port-in',
  mutationPath: PORTIN_PATH,
  made: 'port-in orders',
  maxSize: 100,
  // A port-in's number is on the account only when the port completes (days later): the read-back of an item
  // whose answer was lost finds nothing, and the item stays unknown (never sent again).
  readBackFinds: false,
  secrets: [
    { label: 'carrier account number', value: ACCOUNT_NUMBER },
    { label: 'carrier account PIN/password', value: ACCOUNT_PASSWORD },
  ],
  async file(world, app, size, slot) {
    if (slot > 8) throw new Error('at most 9 port-in batches a run (one digit of the numbers)');
    const numbers = portInBatchNumbers(slot, size);
    const slack = world.slack(app);
    const since = world.fake.calls.length;
    const command = await slack.command(`portin ${numbers.join(' ')}`, REQUESTER, CHANNEL);
    if (command.status !== 200) throw new Error(`portin command → HTTP ${command.status}`);
    // The modal says how far the checks are, then turns into one summary with Continue.
    const summary = await slack.viewAfter(
      since,
      (v) => textOf(v).includes('portin.continue') && textOf(v).includes(`${size} of ${size}`),
      30_000,
    );
    const button = JSON.stringify(summary.view.blocks).match(
      /"action_id":"portin\.continue".*?"value":"((?:[^"\\]|\\.)*)"/,
    );
    if (!button) throw new Error('no Continue button on the eligibility summary');
    const opened = world.fake.calls.length;
    await slack.blockAction({
      actionId: 'portin.continue',
      value: JSON.parse(`"${button[1]}"`) as string,
      userId: REQUESTER,
      view: {
        id: summary.id,
        callback_id: summary.view.callback_id,
        private_metadata: summary.view.private_metadata,
      },
    });
    const form = await slack.viewAfter(
      opened,
      (v) => v.callback_id === 'telegent.portin' && textOf(v).includes(`${size} numbers:`),
    );
    const submitted = await slack.submit(form, portInFormFill(ACCOUNT_NUMBER, ACCOUNT_PASSWORD), REQUESTER);
    if (submitted.body?.response_action !== 'update') {
      throw new Error(`port-in form was not accepted: ${textOf(submitted.body).slice(0, 300)}`);
    }
    const card = await waitForCard(world, since, numbers[0]);
    if (!textOf(card.card.body).includes(`Port-in · ${size} numbers`)) {
      throw new Error(`the card is not one port-in of ${size} numbers`);
    }
    const listed = new Set(numbers);
    const ordersFor = (w: DrillWorld) =>
      w.telegent.sandbox
        .listOrders()
        .filter((o) => o.OrderType === 'portin' && listed.has(o.Number))
        .map((o) => o.Number);
    return {
      card,
      since,
      mine: (entry: JournalEntry) =>
        entry.path.toLowerCase() === PORTIN_PATH &&
        listed.has(String((entry.body as { PortInNumber?: unknown } | null)?.PortInNumber)),
      numbersAtTelegent: ordersFor,
    };
  },
};
