// The gallery's scripted session: the real app process (src/main.ts, embedded store) against the Telegent
// sandbox and a fake Slack, driven by signed requests as a support team would, with every surface the app
// shows captured from what reached the fake Slack (or what the app answered a request with). Each surface
// names the builder that made it (gallery-builders.ts; the gallery test checks every builder is shown).

import {
  APPROVALS_CHANNEL,
  CHANNEL,
  type DrillWorld,
  REQUESTER,
  startDrillWorld,
} from '../../drills/support/drill-world.js';
import { approve, sandboxOrderFor, submitPortOut, waitForCard } from '../../drills/support/flows.js';
import { waitFor } from '../../drills/support/wait.js';
import { localDateTime } from '../../src/jobs/local-time.js';
import { shortId } from '../../src/operations/glossary.js';
import { MAGIC_NUMBERS } from '../../src/sandbox/magic.js';
import { SEED_NUMBERS, SEED_SUBSCRIBER_IDS, SEED_USAGE_NUMBERS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall, Json } from '../../test/support/fake-slack.js';
import { type GallerySurface, startCapture } from './capture.js';
import { type FiledRequest, filePortIn, fileProvision } from './forms.js';
import { daytimeZone, headsUpPlan } from './zones.js';

export type { GallerySurface } from './capture.js';
export { GALLERY_BUILDERS, NOT_IN_GALLERY } from './gallery-builders.js';

export const GUEST = 'U0GUEST0001';

/** Names the renderer shows for the session's ids. */
export function sessionNames(world: DrillWorld) {
  const users: Record<string, string> = { [REQUESTER]: 'maya.support', [GUEST]: 'guest.contractor' };
  world.approvers.forEach((id, i) => {
    users[id] = ['sam.lead', 'ana.ops', 'lee.ops', 'kim.ops'][i] ?? id;
  });
  return { users, channels: { [CHANNEL]: 'support', [APPROVALS_CHANNEL]: 'telegent-approvals' } };
}

const EPHEMERAL = '#support · Only visible to you';
const text = (value: unknown) => JSON.stringify(value ?? null);
const ephemeral = (c: FakeSlackCall) => c.method === 'response_url';
const inChannel = (channel: string) => (c: FakeSlackCall) =>
  c.method === 'chat.postMessage' && c.body.channel === channel && !c.body.thread_ts;
const isView = (c: FakeSlackCall) => ['views.open', 'views.update', 'views.push'].includes(c.method);
const form = (callbackId: string) => (c: FakeSlackCall) =>
  isView(c) && c.body.view?.callback_id === callbackId;
const toPerson = (c: FakeSlackCall) =>
  c.method === 'chat.postMessage' && String(c.body.channel).startsWith('D');
const isHeadsUp = (c: FakeSlackCall) =>
  c.method === 'chat.postMessage' && c.body.metadata?.event_type === 'telegent_port_date_headsup';
const isReminderDm = (c: FakeSlackCall) => toPerson(c) && /for your approval/.test(text(c.body.blocks));

export async function runGallerySession(log: (line: string) => void = () => {}): Promise<{
  surfaces: GallerySurface[];
  names: ReturnType<typeof sessionNames>;
}> {
  // The heads-up job runs every quarter hour: a port date and a channel zone where it is due from the moment
  // the dated port-in is tracked until the session has waited for the next run.
  const plan = headsUpPlan(new Date(Date.now() + 3 * 60_000), new Date(Date.now() + 25 * 60_000));
  if (!plan) {
    // From Saturday morning to Sunday afternoon (New York) no zone is on the business day before a port date.
    throw new Error(
      'gallery: no time zone reaches the business day before a port date in the next 25 minutes (a weekend or a holiday), so the port-date heads-up cannot be shown; run it again after Sunday 13:00 New York time',
    );
  }
  const channelZone = plan.zone;
  const world = await startDrillWorld({
    store: 'embedded',
    echo: Boolean(process.env.SCREENS_ECHO),
    sandbox: { speed: 600 },
    // Reminders pause at night in the approver's zone: give everyone a zone where it is working hours now.
    fakeSlack: { users: { [GUEST]: { is_restricted: true } }, defaultTz: daytimeZone() },
    appEnv: { APPROVAL_REMINDERS: '1m,2m', ORDER_POLL_MIN_SECONDS: '1', DIGEST_DEFAULT_TZ: channelZone },
  });
  const { surfaces, step, take, takeAnswer } = startCapture(world, log);
  const sent = () => world.fake.calls;
  const seen = (match: (c: FakeSlackCall) => boolean, since = 0) =>
    sent()
      .slice(since)
      .some((c) => c.status === 200 && match(c));

  try {
    const app = await world.startApp('gallery');
    const slack = world.slack(app);
    const approver = world.approvers[0]!;
    /** A button on a message in #support (or on an ephemeral answer there), and the view it opens. */
    const clickFor = async (actionId: string, value: string, opens: (c: FakeSlackCall) => boolean) => {
      const since = sent().length;
      await slack.blockAction({ actionId, value, userId: REQUESTER, channelId: CHANNEL, messageTs: '1.5' });
      await waitFor(`a view after ${actionId}`, () => seen(opens, since), 30_000, 100);
    };

    await step('/telegent help', () => slack.command('help', REQUESTER, CHANNEL));
    take('helpMessage', 'help', EPHEMERAL, ephemeral);

    await step('/telegent search 801', () => slack.command('search 801', REQUESTER, CHANNEL));
    take('searchResultsMessage', 'search-results', EPHEMERAL, ephemeral);

    let provision!: FiledRequest;
    await step('/telegent provision 801 → form → New subscriber… → submit', async () => {
      provision = await fileProvision(
        world,
        app,
        'ZD-4821 new line for a field technician',
        async (shown) => {
          const since = sent().length;
          await slack.blockAction({
            actionId: 'subscriber.new',
            userId: REQUESTER,
            view: {
              id: shown.id,
              callback_id: shown.view.callback_id,
              private_metadata: shown.view.private_metadata,
            },
          });
          await waitFor('the new-subscriber form', () => seen(form('telegent.subscriber-new'), since));
        },
      );
    });
    take('provisionModal', 'provision-form', 'Modal', form('telegent.provision'), { kind: 'modal' });
    take(
      'subscriberModal',
      'new-subscriber-form',
      'Modal, on top of the provision form',
      form('telegent.subscriber-new'),
      {
        kind: 'modal',
      },
    );
    takeAnswer('workingModal', 'provision-sending', 'Modal, the moment Request is pressed', provision.answer);
    take(
      'resultModal',
      'provision-sent',
      'Modal, once the request is filed',
      (c) => c.method === 'views.update' && text(c.body.view).includes(':inbox_tray:'),
      { kind: 'modal' },
    );
    take('requestStoryMessage', 'request-waiting', '#support', inChannel(CHANNEL));
    take('requestCard', 'approval-card', '#telegent-approvals', inChannel(APPROVALS_CHANNEL));

    await step('an approver approves the provision', () =>
      approve(world, app, provision.card, '/v1.0/numbers/provision', approver),
    );
    take(
      'decidedCard',
      'approval-card-approved',
      '#telegent-approvals',
      (c) => c.method === 'chat.update' && c.body.ts === provision.card.ts,
    );
    take(
      'executionOutcomeMessage',
      'provision-outcome',
      '#telegent-approvals · thread',
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === provision.card.ts,
    );

    let portin!: FiledRequest;
    await step('/telegent portin → eligibility → form → submit', async () => {
      portin = await filePortIn(world, app, {
        number: '+14155550142',
        accountNumber: '55120987',
        password: 'Marigold-7731',
        reason: 'ZD-4830 customer switching from AT&T',
      });
    });
    take(
      'loadingModal',
      'portin-checking',
      'Modal, while the number is checked',
      (c) => c.method === 'views.open' && text(c.body.view).includes(':hourglass_flowing_sand:'),
      { kind: 'modal' },
    );
    take(
      'eligibilityMessage',
      'portin-eligibility',
      'Modal',
      (c) => isView(c) && text(c.body.view).includes('portin.continue'),
      { kind: 'modal' },
    );
    take('portinModal', 'portin-form', 'Modal', form('telegent.portin'), { kind: 'modal' });

    await step('reminder after a minute (APPROVAL_REMINDERS=1m,2m)', () =>
      waitFor(
        'the reminder in the card thread',
        () =>
          seen(
            (c) =>
              c.method === 'chat.postMessage' &&
              c.body.thread_ts === portin.card.ts &&
              /Reminder/.test(text(c.body)),
          ),
        150_000,
        500,
      ),
    );
    take(
      'reminderThreadReply',
      'approval-reminder',
      '#telegent-approvals · thread',
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === portin.card.ts,
    );

    await step('an approver approves the port-in', () =>
      approve(world, app, portin.card, '/v1.0/numbers/portin', approver),
    );
    // The request's story message, edited into the order it became (its thread carries the history).
    take(
      'orderRootMessage',
      'portin-order',
      '#support',
      (c) =>
        c.method === 'chat.update' && c.body.channel === CHANNEL && /Order|order/.test(text(c.body.blocks)),
    );

    const orderId = sandboxOrderFor(world, '+14155550142', 'portin')?.OrderId ?? '';
    await step('the carrier refuses the port-in (sandbox: 8A), the poller posts it', () => {
      world.telegent.sandbox.forceOrderStatus(orderId, 'Error', '8A-ACCOUNT_NUM_REQ_OR_INCORRECT');
      return waitFor(
        'the 8A update in the thread',
        () =>
          seen(
            (c) => c.method === 'chat.postMessage' && /8A/.test(text(c.body)) && Boolean(c.body.thread_ts),
          ),
        30_000,
        250,
      );
    });
    take(
      'orderUpdateMessage',
      'portin-status-update',
      '#support · thread',
      (c) => c.method === 'chat.postMessage' && Boolean(c.body.thread_ts) && /8A/.test(text(c.body)),
    );

    await step('Fix… on the refused port-in', () =>
      clickFor('order.update', orderId, form('telegent.portin-update')),
    );
    take('portinUpdateModal', 'portin-fix-form', 'Modal', form('telegent.portin-update'), { kind: 'modal' });

    // Typed as messages show it (`JNUOID-85f74761…`): any unique start of one of our orders answers.
    await step(`/telegent status ${shortId(orderId)}`, () =>
      slack.command(`status ${shortId(orderId)}`, REQUESTER, CHANNEL),
    );
    take('orderStatusMessage', 'order-status', EPHEMERAL, ephemeral);

    const statusError = (c: FakeSlackCall) =>
      c.method === 'views.update' && text(c.body.view).includes(':warning:');
    await step('Status on the port-in while Telegent does not answer (sandbox: 503)', async () => {
      world.telegent.sandbox.injectFault({ endpoint: '/v1.0/numbers/order', kind: '503' });
      try {
        await clickFor('order.status', orderId, statusError);
      } finally {
        world.telegent.sandbox.clearFaults();
      }
    });
    take('errorModal', 'order-status-error', 'Modal', statusError, { kind: 'modal' });

    await step('/telegent orders', () => slack.command('orders', REQUESTER, CHANNEL));
    take('openOrdersMessage', 'open-orders', EPHEMERAL, ephemeral);

    await step("Cancel port-in… in the port-in's ⋯ menu (the form is left unsent)", () =>
      clickFor('order.cancel', orderId, form('telegent.portin-cancel')),
    );
    take('portinCancelModal', 'portin-cancel-form', 'Modal', form('telegent.portin-cancel'), {
      kind: 'modal',
    });

    await step('the port-in completes', async () => {
      world.telegent.sandbox.forceOrderStatus(orderId, 'Completed');
      await waitFor(
        'the requester DM',
        () => seen((c) => toPerson(c) && /Completed|complete/.test(text(c.body))),
        30_000,
        250,
      );
    });
    take('requesterNotice', 'portin-done-dm', 'Direct message', toPerson);

    // Left open (Scheduled) for the heads-up the business day before its port date; its surfaces are not
    // shown again, only the heads-up at the end.
    await step('a port-in on the next business day, approved; the carrier schedules it', async () => {
      const dated = await filePortIn(world, app, {
        number: MAGIC_NUMBERS.portable,
        accountNumber: '44120876',
        password: 'Juniper-2207',
        reason: 'ZD-4852 customer keeps their number',
        portDate: plan.portDate,
      });
      await approve(world, app, dated.card, '/v1.0/numbers/portin', approver);
      const id = sandboxOrderFor(world, MAGIC_NUMBERS.portable, 'portin')?.OrderId ?? '';
      world.telegent.sandbox.forceOrderStatus(id, 'Scheduled');
    });

    const usageNumber = SEED_USAGE_NUMBERS.active;
    await step(`/telegent usage ${usageNumber}`, () =>
      slack.command(`usage ${usageNumber}`, REQUESTER, CHANNEL),
    );
    take('usageMessage', 'data-usage', EPHEMERAL, ephemeral);

    await step('/telegent plans', () => slack.command('plans', REQUESTER, CHANNEL));
    take('plansMessage', 'plans', EPHEMERAL, ephemeral);

    const cardNumber = SEED_NUMBERS[0]!;
    await step(`/telegent number ${cardNumber}`, () =>
      slack.command(`number ${cardNumber}`, REQUESTER, CHANNEL),
    );
    take('numberCard', 'number-card', EPHEMERAL, ephemeral);

    // Left waiting for approval: App Home lists it, and its second reminder comes by DM.
    let swapAnswer: Json | undefined;
    await step('Swap SIM… on the number card → form → submit (left waiting)', async () => {
      const since = sent().length;
      await clickFor('number.swap-sim', cardNumber, form('telegent.line.swap-sim'));
      const shown = await slack.viewAfter(since, (v) => v.callback_id === 'telegent.line.swap-sim');
      swapAnswer = (await slack.submit(shown, { reason: 'ZD-4790 customer lost their phone' }, REQUESTER))
        .body;
      await waitForCard(world, since, cardNumber);
    });
    take('lineChangeModal', 'swap-sim-form', 'Modal', form('telegent.line.swap-sim'), { kind: 'modal' });
    if (swapAnswer?.response_action !== 'update') throw new Error(`swap SIM not filed: ${text(swapAnswer)}`);

    await step('Update… on the number card', () =>
      clickFor('number.update', cardNumber, form('telegent.number-update')),
    );
    take('numberUpdateModal', 'number-update-form', 'Modal', form('telegent.number-update'), {
      kind: 'modal',
    });

    await step('Limits… on the number card', () =>
      clickFor('number.limits', cardNumber, form('telegent.limits')),
    );
    take('limitsModal', 'limits-form', 'Modal', form('telegent.limits'), { kind: 'modal' });

    await step('Change plan… on the number card', () =>
      clickFor('number.plan', cardNumber, form('telegent.plan')),
    );
    take('planModal', 'change-plan-form', 'Modal', form('telegent.plan'), { kind: 'modal' });

    let protectCard: { id: string; view: Json } | undefined;
    await step(`/telegent protect ${cardNumber}`, async () => {
      const since = sent().length;
      await slack.command(`protect ${cardNumber}`, REQUESTER, CHANNEL);
      const shown = await slack.viewAfter(since, (v) => JSON.stringify(v).includes('protect.block'));
      protectCard = { id: shown.id, view: shown.view };
    });
    take(
      'protectionCard',
      'protection-card',
      'Modal',
      (c) => isView(c) && text(c.body.view).includes('protect.block'),
      { kind: 'modal' },
    );

    await step('Block… on the protection card → +1 801 555 9999 for calls and texts → submit', async () => {
      const since = sent().length;
      const card = protectCard!;
      await slack.blockAction({
        actionId: 'protect.block',
        userId: REQUESTER,
        view: {
          id: card.id,
          callback_id: card.view.callback_id,
          private_metadata: card.view.private_metadata,
        },
      });
      const blockForm = await slack.viewAfter(since, (v) => v.callback_id === 'telegent.protect.block');
      await slack.submit(
        blockForm,
        { callers: '+1 801 555 9999', channels: 'both', reason: 'ZD-4811 spam calls from one number' },
        REQUESTER,
      );
      await waitFor(
        'the protection card drawn again with the blocked number',
        () => seen((c) => c.method === 'views.update' && text(c.body.view).includes('(801) 555-9999'), since),
        30_000,
        100,
      );
    });
    take('protectModal', 'protect-block-form', 'Modal', form('telegent.protect.block'), { kind: 'modal' });
    take(
      'protectionCard',
      'protection-card-after-block',
      'Modal',
      (c) => c.method === 'views.update' && c.body.view_id === protectCard?.id,
      { kind: 'modal' },
    );

    await step('/telegent customer bennet@example.com', () =>
      slack.command('customer bennet@example.com', REQUESTER, CHANNEL),
    );
    take('customerCard', 'customer-card', EPHEMERAL, ephemeral);

    await step('Port a number in… on the customer card', () =>
      clickFor('customer.portin', SEED_SUBSCRIBER_IDS[0]!, form('telegent.customer-portin')),
    );
    take('customerPortinModal', 'customer-portin-form', 'Modal', form('telegent.customer-portin'), {
      kind: 'modal',
    });

    await step('/telegent history +14155550142', () =>
      slack.command('history +14155550142', REQUESTER, CHANNEL),
    );
    take('historyMessage', 'history', EPHEMERAL, ephemeral);

    await step('/telegent status of an unknown order', () =>
      slack.command('status JNUOID-00000000-0000-0000-0000-000000000000', REQUESTER, CHANNEL),
    );
    take('errorMessage', 'error', EPHEMERAL, ephemeral);

    await step(`/telegent portout ${SEED_NUMBERS[5]} → approve`, async () => {
      const card = await submitPortOut(world, app, { number: SEED_NUMBERS[5]!, pin: '48151623' });
      await approve(world, app, card, '/v1.0/numbers/portout', approver);
    });
    take('portoutModal', 'portout-form', 'Modal', form('telegent.portout'), { kind: 'modal' });
    take('revealedSecretMessage', 'portout-pin-dm', 'Direct message', toPerson);

    await step('a provision rejected, with a reason', async () => {
      const rejected = await fileProvision(world, app, 'ZD-4867 second line for the same customer');
      const since = sent().length;
      await slack.click({
        actionId: 'request.reject',
        value: rejected.card.requestId,
        userId: approver,
        channelId: APPROVALS_CHANNEL,
        messageTs: rejected.card.ts,
      });
      const shown = await slack.viewAfter(since, (v) => v.callback_id === 'telegent.reject-reason');
      await slack.submit(shown, { reason: 'Customer asked for a 385 number instead' }, approver);
      await waitFor(
        'the rejected card',
        () => seen((c) => c.method === 'chat.update' && /Rejected/i.test(text(c.body)), since),
        15_000,
        250,
      );
    });
    take('rejectReasonModal', 'reject-reason-form', 'Modal', form('telegent.reject-reason'), {
      kind: 'modal',
    });
    take(
      'decidedCard',
      'approval-card-rejected',
      '#telegent-approvals',
      (c) => c.method === 'chat.update' && /Rejected/i.test(text(c.body)),
    );

    await step('App Home (an approver)', () =>
      slack.requester.event({
        type: 'app_home_opened',
        user: approver,
        channel: `D${approver}`,
        tab: 'home',
      }),
    );
    take(
      'appHomeView',
      'app-home',
      'App Home',
      (c) => c.method === 'views.publish' && c.body.user_id === approver,
      {
        kind: 'home',
      },
    );

    await step('a guest tries /telegent usage', () => slack.command(`usage ${usageNumber}`, GUEST, CHANNEL));
    take('accessRefusalMessage', 'access-refused', EPHEMERAL, ephemeral);

    const unfolded = (c: FakeSlackCall) =>
      c.method === 'views.update' && c.body.view?.callback_id === 'telegent.provision';
    await step('/telegent provision → More options…', async () => {
      const since = sent().length;
      await slack.command('provision', REQUESTER, CHANNEL);
      const shown = await slack.viewAfter(since, (v) => v.callback_id === 'telegent.provision');
      // The click carries the view as Slack holds it (its hash).
      const held = sent().findLast((c) => c.response?.view?.id === shown.id)!.response.view;
      await slack.blockAction({ actionId: 'form.more-options', userId: REQUESTER, view: held });
      await waitFor('the unfolded provision form', () => seen(unfolded, since));
    });
    take('provisionModal', 'provision-form-more-options', 'Modal, after More options…', unfolded, {
      kind: 'modal',
    });
    // A form left open by someone whose account has since become a guest: the submission is refused.
    let refusedForm: Json | undefined;
    await step('a guest submits a request form', async () => {
      refusedForm = (
        await slack.requester.viewSubmission({ callbackId: 'telegent.provision', values: {}, userId: GUEST })
      ).body;
    });
    takeAnswer('accessRefusalModal', 'access-refused-form', 'Modal, after Submit', refusedForm);

    await step('App Home (a guest)', () =>
      slack.requester.event({ type: 'app_home_opened', user: GUEST, channel: `D${GUEST}`, tab: 'home' }),
    );
    take(
      'accessRefusalHome',
      'app-home-guest',
      'App Home',
      (c) => c.method === 'views.publish' && c.body.user_id === GUEST,
      {
        kind: 'home',
      },
    );

    const isDigest = (c: FakeSlackCall) =>
      c.method === 'chat.postMessage' &&
      c.body.channel === CHANNEL &&
      /[Dd]igest|port-ins/.test(String(c.body.text));
    const hhmm = localDateTime(new Date(Date.now() + 60_000), channelZone).time;
    await step(`/telegent digest on ${hhmm} ${channelZone}, then the digest`, async () => {
      await slack.command(`digest on ${hhmm} ${channelZone}`, REQUESTER, CHANNEL);
      await waitFor('the digest', () => seen(isDigest), 130_000, 500);
    });
    take('digestMessage', 'daily-digest', '#support', isDigest);

    await step('the swap SIM still waits: its second reminder, by DM (APPROVAL_REMINDERS=1m,2m)', () =>
      waitFor('the reminder DM', () => seen(isReminderDm), 180_000, 500),
    );
    take('reminderDm', 'approval-reminder-dm', 'Direct message', isReminderDm, { anytime: true });

    await step('the port-date heads-up, the business day before (its job runs every quarter hour)', () =>
      waitFor('the port-date heads-up', () => seen(isHeadsUp), 16 * 60_000, 1_000),
    );
    take('portDateHeadsUp', 'portin-date-heads-up', '#support · thread', isHeadsUp, { anytime: true });

    // The requester's channel as it reads at the end: its top-level messages with their edits, and thread sizes.
    const ok = sent().filter((c) => c.status === 200);
    const messages = ok.filter(inChannel(CHANNEL)).map((post) => {
      const ts = String(post.response.ts ?? '');
      const edits = ok.filter((c) => c.method === 'chat.update' && c.body.ts === ts);
      const replies = ok.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts).length;
      return { ...(edits.at(-1)?.body ?? post.body), edited: edits.length > 0, replies };
    });
    surfaces.push({
      builder: '(the channel)',
      name: 'support-channel',
      where: `#support: ${messages.length} top-level messages from the bot after the session`,
      kind: 'channel',
      payload: { messages },
    });

    await app.stop();
  } finally {
    await world.close();
  }
  return { surfaces, names: sessionNames(world) };
}
