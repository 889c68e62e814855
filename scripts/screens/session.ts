// The gallery's scripted session: the real app process (src/main.ts, embedded store) against the Telegent
// sandbox and a fake Slack, driven by signed requests as a support team would, with every surface the app
// shows captured from what reached the fake Slack. Each surface names the builder that made it (the gallery
// test checks every builder in src/messages is shown, or says why not).

import {
  APPROVALS_CHANNEL,
  CHANNEL,
  type DrillWorld,
  REQUESTER,
  startDrillWorld,
} from '../../drills/support/drill-world.js';
import {
  type ApprovalCard,
  approve,
  sandboxOrderFor,
  submitPortIn,
  submitPortOut,
  submitProvision,
} from '../../drills/support/flows.js';
import { waitFor } from '../../drills/support/wait.js';
import { SEED_NUMBERS, SEED_USAGE_NUMBERS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall } from '../../test/support/fake-slack.js';
import type { Surface } from './block-kit-html.js';

/** The builders (src/messages, src/views/modals) whose surfaces the session shows. */
export const GALLERY_BUILDERS = [
  'helpMessage',
  'searchResultsMessage',
  'provisionModal',
  'requestStoryMessage',
  'requestCard',
  'decidedCard',
  'executionOutcomeMessage',
  'eligibilityMessage',
  'portinModal',
  'reminderThreadReply',
  'orderRootMessage',
  'orderUpdateMessage',
  'orderStatusMessage',
  'openOrdersMessage',
  'requesterNotice',
  'usageMessage',
  'numberCard',
  'historyMessage',
  'errorMessage',
  'portoutModal',
  'revealedSecretMessage',
  'rejectReasonModal',
  'appHomeView',
  'accessRefusalMessage',
  'digestMessage',
] as const;
export type GalleryBuilder = (typeof GALLERY_BUILDERS)[number] | '(the channel)';

/** Surface builders the session does not reach yet, and why (the gallery test keeps this list honest). */
export const NOT_IN_GALLERY: Record<string, string> = {
  portDateHeadsUp: 'needs a port date one business day away; its job runs every 15 minutes',
  reminderDm: 'the second reminder step; the session decides before it is due',
  accessRefusalModal: 'a refused form submission; the session shows the command refusal',
  accessRefusalHome: "a guest's App Home; the session shows an approver's",
  limitsModal: 'data limits form: not scripted yet',
  lineChangeModal: 'park / activate / swap SIM / cancel line form: not scripted yet',
  numberUpdateModal: 'number update form: not scripted yet',
  portinUpdateModal: 'port-in Fix… form: not scripted yet',
  portinCancelModal: 'new; scripted by the gallery pass',
  subscriberModal: 'new subscriber form: not scripted yet',
  loadingModal: 'shown for a moment while a form loads',
  workingModal: 'shown for a moment while a form is sent',
  resultModal: "a form's outcome: not scripted yet",
  errorModal: "a form's failure: not scripted yet",
};

export interface GallerySurface extends Surface {
  /** The src/messages (or src/views/modals) function that built it. */
  builder: GalleryBuilder;
}

export const GUEST = 'U0GUEST0001';

/** A time zone where it is between 10:00 and 17:00 now. */
function daytimeZone(): string {
  const zones = [
    'America/New_York',
    'America/Los_Angeles',
    'Pacific/Honolulu',
    'Asia/Tokyo',
    'Asia/Kolkata',
    'Europe/London',
  ];
  const hour = (zone: string) =>
    Number(
      new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(
        new Date(),
      ),
    );
  return zones.find((zone) => hour(zone) >= 10 && hour(zone) < 17) ?? 'Asia/Tokyo';
}

/** Names the renderer shows for the session's ids. */
export function sessionNames(world: DrillWorld) {
  const users: Record<string, string> = { [REQUESTER]: 'maya.support', [GUEST]: 'guest.contractor' };
  world.approvers.forEach((id, i) => {
    users[id] = ['sam.lead', 'ana.ops', 'lee.ops', 'kim.ops'][i] ?? id;
  });
  return { users, channels: { [CHANNEL]: 'support', [APPROVALS_CHANNEL]: 'telegent-approvals' } };
}

export async function runGallerySession(log: (line: string) => void = () => {}): Promise<{
  surfaces: GallerySurface[];
  names: ReturnType<typeof sessionNames>;
}> {
  const world = await startDrillWorld({
    store: 'embedded',
    echo: Boolean(process.env.SCREENS_ECHO),
    sandbox: { speed: 600 },
    // Reminders pause at night in the approver's zone: give everyone a zone where it is working hours now.
    fakeSlack: { users: { [GUEST]: { is_restricted: true } }, defaultTz: daytimeZone() },
    appEnv: { APPROVAL_REMINDERS: '1m,2m', ORDER_POLL_MIN_SECONDS: '1' },
  });
  const surfaces: GallerySurface[] = [];
  const calls = () => world.fake.calls;
  let mark = 0;
  /** Takes the calls since the last step that match, as surfaces. */
  const take = (
    builder: GalleryBuilder,
    name: string,
    where: string,
    match: (call: FakeSlackCall) => boolean,
    kind: Surface['kind'] = 'message',
  ) => {
    const call = calls()
      .slice(mark)
      .find((c) => c.status === 200 && match(c));
    if (!call) throw new Error(`gallery: no ${name} (${builder}) in the session`);
    const payload = kind === 'message' ? call.body : call.body.view;
    surfaces.push({
      builder,
      name,
      where,
      kind,
      payload,
      edited: call.method === 'chat.update',
      threaded: Boolean(call.body.thread_ts),
    });
    log(`  ${name}`);
  };
  const step = async (what: string, action: () => Promise<unknown>) => {
    log(`▶ ${what}`);
    mark = calls().length;
    await action();
    await new Promise((r) => setTimeout(r, 500));
  };
  const ephemeral = (c: FakeSlackCall) => c.method === 'response_url';
  const inChannel = (channel: string) => (c: FakeSlackCall) =>
    c.method === 'chat.postMessage' && c.body.channel === channel && !c.body.thread_ts;
  const view = (c: FakeSlackCall) => ['views.open', 'views.update', 'views.push'].includes(c.method);

  try {
    const app = await world.startApp('gallery');
    const slack = world.slack(app);
    const approver = world.approvers[0]!;

    await step('/telegent help', () => slack.command('help', REQUESTER, CHANNEL));
    take('helpMessage', 'help', '#support · Only visible to you', ephemeral);

    await step('/telegent search 801', () => slack.command('search 801', REQUESTER, CHANNEL));
    take('searchResultsMessage', 'search-results', '#support · Only visible to you', ephemeral);

    let card!: ApprovalCard;
    await step('/telegent provision 801 → form → submit', async () => {
      card = await submitProvision(world, app);
    });
    take(
      'provisionModal',
      'provision-form',
      'Modal',
      (c) => view(c) && c.body.view?.callback_id === 'telegent.provision',
      'modal',
    );
    take('requestStoryMessage', 'request-waiting', '#support', inChannel(CHANNEL));
    take('requestCard', 'approval-card', '#telegent-approvals', inChannel(APPROVALS_CHANNEL));

    await step('an approver approves the provision', () =>
      approve(world, app, card, '/v1.0/numbers/provision', approver),
    );
    take(
      'decidedCard',
      'approval-card-approved',
      '#telegent-approvals',
      (c) => c.method === 'chat.update' && c.body.ts === card.ts,
    );
    take(
      'executionOutcomeMessage',
      'provision-outcome',
      '#telegent-approvals · thread',
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === card.ts,
    );

    let portinCard!: ApprovalCard;
    await step('/telegent portin → eligibility → form → submit', async () => {
      portinCard = await submitPortIn(world, app, {
        number: '+14155550142',
        accountNumber: '55120987',
        password: 'Marigold-7731',
      });
    });
    take(
      'eligibilityMessage',
      'portin-eligibility',
      'Modal',
      (c) => view(c) && JSON.stringify(c.body.view).includes('portin.continue'),
      'modal',
    );
    take(
      'portinModal',
      'portin-form',
      'Modal',
      (c) => view(c) && c.body.view?.callback_id === 'telegent.portin',
      'modal',
    );

    await step('reminder after a minute (APPROVAL_REMINDERS=1m,2m)', () =>
      waitFor(
        'the reminder in the card thread',
        () =>
          calls().some(
            (c) =>
              c.method === 'chat.postMessage' &&
              c.body.thread_ts === portinCard.ts &&
              /Reminder/.test(JSON.stringify(c.body)),
          ),
        150_000,
        500,
      ),
    );
    take(
      'reminderThreadReply',
      'approval-reminder',
      '#telegent-approvals · thread',
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === portinCard.ts,
    );

    await step('an approver approves the port-in', () =>
      approve(world, app, portinCard, '/v1.0/numbers/portin', approver),
    );
    // The request's story message, edited into the order it became (its thread carries the history).
    take(
      'orderRootMessage',
      'portin-order',
      '#support',
      (c) =>
        c.method === 'chat.update' &&
        c.body.channel === CHANNEL &&
        /Order|order/.test(JSON.stringify(c.body.blocks)),
    );

    const orderId = sandboxOrderFor(world, '+14155550142', 'portin')?.OrderId ?? '';
    await step('the carrier moves the port-in on (sandbox), the poller posts it', async () => {
      world.telegent.sandbox.forceOrderStatus(orderId, 'Error', '8A-ACCOUNT_NUM_REQ_OR_INCORRECT');
      await waitFor(
        'the 8A update in the thread',
        () =>
          calls().some(
            (c) =>
              c.method === 'chat.postMessage' &&
              /8A/.test(JSON.stringify(c.body)) &&
              Boolean(c.body.thread_ts),
          ),
        30_000,
        250,
      );
    });
    take(
      'orderUpdateMessage',
      'portin-status-update',
      '#support · thread',
      (c) =>
        c.method === 'chat.postMessage' && Boolean(c.body.thread_ts) && /8A/.test(JSON.stringify(c.body)),
    );

    await step(`/telegent status ${orderId}`, () => slack.command(`status ${orderId}`, REQUESTER, CHANNEL));
    take('orderStatusMessage', 'order-status', '#support · Only visible to you', ephemeral);

    await step('/telegent orders', () => slack.command('orders', REQUESTER, CHANNEL));
    take('openOrdersMessage', 'open-orders', '#support · Only visible to you', ephemeral);

    await step('the port-in completes', async () => {
      world.telegent.sandbox.forceOrderStatus(orderId, 'Completed');
      await waitFor(
        'the requester DM',
        () =>
          calls().some(
            (c) =>
              c.method === 'chat.postMessage' &&
              String(c.body.channel).startsWith('D') &&
              /Completed|complete/.test(JSON.stringify(c.body)),
          ),
        30_000,
        250,
      );
    });
    take(
      'requesterNotice',
      'portin-done-dm',
      'Direct message',
      (c) => c.method === 'chat.postMessage' && String(c.body.channel).startsWith('D'),
    );

    const usageNumber = SEED_USAGE_NUMBERS.active;
    await step(`/telegent usage ${usageNumber}`, () =>
      slack.command(`usage ${usageNumber}`, REQUESTER, CHANNEL),
    );
    take('usageMessage', 'data-usage', '#support · Only visible to you', ephemeral);

    await step(`/telegent number ${SEED_NUMBERS[0]}`, () =>
      slack.command(`number ${SEED_NUMBERS[0]}`, REQUESTER, CHANNEL),
    );
    take('numberCard', 'number-card', '#support · Only visible to you', ephemeral);

    await step('/telegent history +14155550142', () =>
      slack.command('history +14155550142', REQUESTER, CHANNEL),
    );
    take('historyMessage', 'history', '#support · Only visible to you', ephemeral);

    await step('/telegent status of an unknown order', () =>
      slack.command('status JNUOID-00000000-0000-0000-0000-000000000000', REQUESTER, CHANNEL),
    );
    take('errorMessage', 'error', '#support · Only visible to you', ephemeral);

    let portoutCard!: ApprovalCard;
    await step(`/telegent portout ${SEED_NUMBERS[5]} → approve`, async () => {
      portoutCard = await submitPortOut(world, app, { number: SEED_NUMBERS[5]!, pin: '48151623' });
      await approve(world, app, portoutCard, '/v1.0/numbers/portout', approver);
    });
    take(
      'portoutModal',
      'portout-form',
      'Modal',
      (c) => view(c) && c.body.view?.callback_id === 'telegent.portout',
      'modal',
    );
    take(
      'revealedSecretMessage',
      'portout-pin-dm',
      'Direct message',
      (c) => c.method === 'chat.postMessage' && String(c.body.channel).startsWith('D'),
    );

    await step('a provision rejected, with a reason', async () => {
      const rejected = await submitProvision(world, app);
      mark = calls().length;
      await slack.click({
        actionId: 'request.reject',
        value: rejected.requestId,
        userId: approver,
        channelId: APPROVALS_CHANNEL,
        messageTs: rejected.ts,
      });
      const form = await slack.viewAfter(mark, (v) => v.callback_id === 'telegent.reject-reason');
      await slack.submit(form, { reason: 'Customer asked for a 385 number instead' }, approver);
      await waitFor(
        'the rejected card',
        () =>
          calls()
            .slice(mark)
            .some((c) => c.method === 'chat.update' && /Rejected/i.test(JSON.stringify(c.body))),
        15_000,
        250,
      );
    });
    take(
      'rejectReasonModal',
      'reject-reason-form',
      'Modal',
      (c) => view(c) && c.body.view?.callback_id === 'telegent.reject-reason',
      'modal',
    );
    take(
      'decidedCard',
      'approval-card-rejected',
      '#telegent-approvals',
      (c) => c.method === 'chat.update' && /Rejected/i.test(JSON.stringify(c.body)),
    );

    await step('App Home (an approver)', () =>
      slack.requester.event({
        type: 'app_home_opened',
        user: approver,
        channel: `D${approver}`,
        tab: 'home',
      }),
    );
    take('appHomeView', 'app-home', 'App Home', (c) => c.method === 'views.publish', 'home');

    await step('a guest tries /telegent usage', () => slack.command(`usage ${usageNumber}`, GUEST, CHANNEL));
    take('accessRefusalMessage', 'access-refused', '#support · Only visible to you', ephemeral);

    const hhmm = new Date(Date.now() + 60_000).toISOString().slice(11, 16);
    await step(`/telegent digest on ${hhmm} UTC, then the digest`, async () => {
      await slack.command(`digest on ${hhmm} UTC`, REQUESTER, CHANNEL);
      await waitFor(
        'the digest',
        () =>
          calls().some(
            (c) =>
              c.method === 'chat.postMessage' &&
              c.body.channel === CHANNEL &&
              /[Dd]igest|port-ins/.test(String(c.body.text)),
          ),
        130_000,
        500,
      );
    });
    take(
      'digestMessage',
      'daily-digest',
      '#support',
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.channel === CHANNEL &&
        /[Dd]igest|port-ins/.test(String(c.body.text)),
    );

    // The requester's channel as it reads at the end: its top-level messages with their edits, and thread sizes.
    const top = calls().filter(
      (c) =>
        c.status === 200 &&
        c.method === 'chat.postMessage' &&
        c.body.channel === CHANNEL &&
        !c.body.thread_ts,
    );
    const messages = top.map((post) => {
      const ts = String(post.response.ts ?? '');
      const edits = calls().filter((c) => c.status === 200 && c.method === 'chat.update' && c.body.ts === ts);
      const replies = calls().filter(
        (c) => c.status === 200 && c.method === 'chat.postMessage' && c.body.thread_ts === ts,
      ).length;
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
