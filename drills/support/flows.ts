import { formatPhone } from '../../src/operations/glossary.js';
/**
 * Whole user journeys through a running app, as Slack would drive them (signed command → modal →
 * view_submission → approval card → Approve click). Each waits for its visible effect in the fake Slack
 * or the sandbox and throws with a clear message when it does not come.
 */
import { SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall } from '../../test/support/fake-slack.js';
import type { AppProcess } from './app-process.js';
import { APPROVALS_CHANNEL, CHANNEL, type DrillWorld, REQUESTER } from './drill-world.js';
import { approveRequestId, type ShownView, textOf } from './slack-driver.js';
import { waitFor } from './wait.js';

export interface ApprovalCard {
  requestId: string;
  /** The card message's ts in the approvals channel. */
  ts: string;
  card: FakeSlackCall;
}

export const PROVISION_FILL = {
  productType: 'Sms+Data',
  messageRouteId: SEED_MESSAGE_ROUTE_IDS[0],
  assignedSubscriberId: SEED_SUBSCRIBER_IDS[1],
};

/** A valid port-in form (after the eligibility step) with these secrets typed. */
export const portInFormFill = (accountNumber: string, password: string) => ({
  assignedSubscriberId: SEED_SUBSCRIBER_IDS[2]!,
  currentAccountNumber: accountNumber,
  currentAccountPassword: password,
  'billingAddress.street1': '1 Market St',
  'billingAddress.city': 'San Francisco',
  'billingAddress.state': 'CA',
  'billingAddress.zip': '94105',
});

/**
 * The first approval card posted at or after call index `since` (optionally mentioning `mentions`), once
 * the app has stored it: it asks for the card's permalink (to point the requester's channel at it) only
 * after saving the card's ts, and a click before that could not update the card.
 */
export async function waitForCard(
  world: DrillWorld,
  since: number,
  mentions?: string,
): Promise<ApprovalCard> {
  const card = await waitFor(`an approval card${mentions ? ` for ${mentions}` : ''}`, () => {
    const card = world.fake.calls.slice(since).find(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.channel === APPROVALS_CHANNEL &&
        approveRequestId(c) !== undefined &&
        // Cards show numbers as people read them: "(415) 555-0142".
        (!mentions || textOf(c.body).includes(formatPhone(mentions))),
    );
    return card ? { requestId: approveRequestId(card)!, ts: String(card.response.ts), card } : undefined;
  });
  await waitFor(`the card of ${card.requestId} to be stored`, () =>
    world.fake.calls.some((c) => c.method === 'chat.getPermalink' && c.body.message_ts === card.ts),
  );
  return card;
}

async function submitForm(
  world: DrillWorld,
  app: AppProcess,
  form: ShownView,
  fill: Record<string, string | string[]>,
  what: string,
): Promise<void> {
  const submitted = await world.slack(app).submit(form, fill, REQUESTER);
  if (submitted.body?.response_action !== 'update') {
    throw new Error(`${what} form was not accepted: ${textOf(submitted.body).slice(0, 300)}`);
  }
}

/** `/telegent provision 801` → form → submit → the approval card. */
export async function submitProvision(world: DrillWorld, app: AppProcess): Promise<ApprovalCard> {
  const slack = world.slack(app);
  const since = world.fake.calls.length;
  const command = await slack.command('provision 801', REQUESTER, CHANNEL);
  if (command.status !== 200) throw new Error(`provision command → HTTP ${command.status}`);
  const form = await slack.viewAfter(since, (v) => v.callback_id === 'telegent.provision');
  await submitForm(world, app, form, PROVISION_FILL, 'provision');
  return waitForCard(world, since);
}

/** `/telegent portin <number>` → the eligibility verdict → Continue to port-in… → the port-in form. */
export async function openPortInForm(world: DrillWorld, app: AppProcess, number: string): Promise<ShownView> {
  const slack = world.slack(app);
  const since = world.fake.calls.length;
  await slack.command(`portin ${number}`, REQUESTER, CHANNEL);
  const verdict = await slack.viewAfter(since, (v) => textOf(v).includes('portin.continue'));
  const button = JSON.stringify(verdict.view.blocks).match(
    /"action_id":"portin\.continue".*?"value":"((?:[^"\\]|\\.)*)"/,
  );
  if (!button) throw new Error(`no Continue button for ${number}`);
  const formSince = world.fake.calls.length;
  await slack.blockAction({
    actionId: 'portin.continue',
    value: JSON.parse(`"${button[1]}"`) as string,
    userId: REQUESTER,
    view: {
      id: verdict.id,
      callback_id: verdict.view.callback_id,
      private_metadata: verdict.view.private_metadata,
    },
  });
  return slack.viewAfter(formSince, (v) => v.callback_id === 'telegent.portin');
}

/** `/telegent portin <number>` → eligibility → Continue → form (secrets typed) → the approval card. */
export async function submitPortIn(
  world: DrillWorld,
  app: AppProcess,
  input: { number: string; accountNumber: string; password: string },
): Promise<ApprovalCard> {
  const since = world.fake.calls.length;
  const form = await openPortInForm(world, app, input.number);
  await submitForm(world, app, form, portInFormFill(input.accountNumber, input.password), 'port-in');
  return waitForCard(world, since, input.number);
}

/** `/telegent portout <number>` → form with the PIN typed, submitted; resolves with the call index before it. */
export async function filePortOut(
  world: DrillWorld,
  app: AppProcess,
  input: { number: string; pin: string },
): Promise<number> {
  const slack = world.slack(app);
  const since = world.fake.calls.length;
  await slack.command(`portout ${input.number}`, REQUESTER, CHANNEL);
  const form = await slack.viewAfter(since, (v) => v.callback_id === 'telegent.portout');
  await submitForm(world, app, form, { pin: input.pin }, 'port-out');
  return since;
}

/** `/telegent portout <number>` → form with the PIN typed → the approval card. */
export async function submitPortOut(
  world: DrillWorld,
  app: AppProcess,
  input: { number: string; pin: string },
): Promise<ApprovalCard> {
  const since = await filePortOut(world, app, input);
  return waitForCard(world, since, input.number);
}

/** Cancel port-in… in the order's "⋯" menu → the cancel form (a reason typed) → the approval card. */
export async function submitPortInCancel(
  world: DrillWorld,
  app: AppProcess,
  orderId: string,
): Promise<ApprovalCard> {
  const slack = world.slack(app);
  const since = world.fake.calls.length;
  await slack.blockAction({
    actionId: 'order.cancel',
    value: orderId,
    userId: REQUESTER,
    channelId: CHANNEL,
    messageTs: '1.1',
  });
  const form = await slack.viewAfter(since, (v) => v.callback_id === 'telegent.portin-cancel');
  await submitForm(world, app, form, {}, 'port-in cancel');
  return waitForCard(world, since, orderId);
}

/**
 * An approver clicks Approve; resolves when `mutationPath` has one more entry in the sandbox journal, the
 * card says "Approved by" and the outcome is posted in the card's thread (the order is tracked by then).
 */
export async function approve(
  world: DrillWorld,
  app: AppProcess,
  card: ApprovalCard,
  mutationPath: string,
  approver = world.approvers[0]!,
): Promise<void> {
  const count = () =>
    world.telegent.sandbox.mutations().filter((m) => m.path.toLowerCase() === mutationPath).length;
  const before = count();
  const since = world.fake.calls.length;
  await world.slack(app).click({
    actionId: 'request.approve',
    value: card.requestId,
    userId: approver,
    channelId: APPROVALS_CHANNEL,
    messageTs: card.ts,
  });
  await waitFor(`${mutationPath} after approving ${card.requestId}`, () => count() > before, 15_000);
  await waitFor(`the card of ${card.requestId} to say Approved`, () =>
    world.fake.calls.some(
      (c) => c.method === 'chat.update' && c.body.ts === card.ts && /Approved by/.test(textOf(c.body)),
    ),
  );
  // The outcome is posted in the card's thread once the request is recorded and its order tracked.
  await waitFor(`the outcome of ${card.requestId} in the card's thread`, () =>
    world.fake.calls
      .slice(since)
      .some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === card.ts),
  );
}

/** The sandbox's newest order for `number` (of `type` when given). */
export function sandboxOrderFor(world: DrillWorld, number: string, type?: string) {
  return world.telegent.sandbox
    .listOrders()
    .filter((o) => o.Number === number && (!type || o.OrderType === type))
    .at(-1);
}

/** Park… / Swap SIM… / … on the number card → the line-change form (date as pre-filled) → the approval card. */
export async function submitLineChange(
  world: DrillWorld,
  app: AppProcess,
  input: {
    kind: 'park' | 'activate' | 'swap-sim' | 'cancel-line';
    number: string;
    fill?: Record<string, string>;
  },
): Promise<ApprovalCard> {
  const slack = world.slack(app);
  const since = world.fake.calls.length;
  await slack.blockAction({
    actionId: `number.${input.kind}`,
    value: input.number,
    userId: REQUESTER,
    channelId: CHANNEL,
    messageTs: '1.5',
  });
  const form = await slack.viewAfter(since, (v) => v.callback_id === `telegent.line.${input.kind}`);
  await submitForm(world, app, form, input.fill ?? {}, input.kind);
  return waitForCard(world, since, input.number);
}

/** `/telegent subscriber new` → form → created at once (no approval); resolves with the DM carrying the password. */
export async function createSubscriber(
  world: DrillWorld,
  app: AppProcess,
  input: { name: string; email: string },
): Promise<string> {
  const slack = world.slack(app);
  const since = world.fake.calls.length;
  await slack.command('subscriber new', REQUESTER, CHANNEL);
  const form = await slack.viewAfter(since, (v) => v.callback_id === 'telegent.subscriber-new');
  await submitForm(world, app, form, input, 'new subscriber');
  const dm = await waitFor('the temporary password DM', () =>
    world.fake.calls
      .slice(since)
      .find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.body.channel === `D${REQUESTER}` &&
          textOf(c.body).includes(input.email),
      ),
  );
  const password = textOf(dm.body.blocks).match(/`([A-Za-z2-9]{4}(?:-[A-Za-z2-9]{4}){3})`/)?.[1];
  if (!password) throw new Error('the DM carries no temporary password');
  return password;
}
