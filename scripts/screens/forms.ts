// The requester's forms as a person fills them in the gallery's session: pickers answered by the app's own
// options (so a card names "Ana Lopez", as the picker showed her, not the id behind her), and each submission's
// answer kept (the "working" view the app shows while the request is filed).

import type { AppProcess } from '../../drills/support/app-process.js';
import { CHANNEL, type DrillWorld, REQUESTER } from '../../drills/support/drill-world.js';
import {
  type ApprovalCard,
  openPortInForm,
  PROVISION_FILL,
  portInFormFill,
  waitForCard,
} from '../../drills/support/flows.js';
import { type ShownView, textOf } from '../../drills/support/slack-driver.js';
import { waitFor } from '../../drills/support/wait.js';
import { SEED_PACKAGES } from '../../src/sandbox/plans-seed.js';
import { SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import type { Json } from '../../test/support/fake-slack.js';
import { type FillValue, fillView, inputIds } from '../../test/support/fill-view.js';

export interface FiledRequest {
  card: ApprovalCard;
  /** The app's answer to the form's submission. */
  answer: Json;
}

/** The option with `value` as the app's picker offers it (the first answers may be empty while it warms up). */
export async function pickerChoice(
  world: DrillWorld,
  app: AppProcess,
  form: ShownView,
  actionId: string,
  value: string,
): Promise<{ value: string; text: string }> {
  const slack = world.slack(app);
  return waitFor(
    `the ${actionId} option ${value}`,
    async () => {
      const answer = await slack.requester.options({
        actionId,
        value: '',
        userId: REQUESTER,
        view: {
          id: form.id,
          callback_id: form.view.callback_id,
          private_metadata: form.view.private_metadata,
        },
      });
      const option = (answer.body?.options ?? []).find((o: Json) => o.value === value);
      return option ? { value, text: String(option.text.text) } : undefined;
    },
    15_000,
    300,
  );
}

async function submit(
  world: DrillWorld,
  app: AppProcess,
  form: ShownView,
  fill: Record<string, FillValue>,
  what: string,
): Promise<Json> {
  // As Slack sends it: the picked option with the text the picker showed. A plan where the form asks one.
  const plan: Record<string, FillValue> = inputIds(form.view).includes('packageId')
    ? { packageId: SEED_PACKAGES.unlimitedPlus }
    : {};
  const submitted = await world
    .slack(app)
    .submitValues(form, fillView(form.view, { ...plan, ...fill }), REQUESTER);
  if (submitted.body?.response_action !== 'update') {
    throw new Error(`${what} form was not accepted: ${textOf(submitted.body).slice(0, 300)}`);
  }
  return submitted.body;
}

/** `/telegent provision 801` → the form (`beforeSubmit` may act on it) → submit → the approval card. */
export async function fileProvision(
  world: DrillWorld,
  app: AppProcess,
  reason: string,
  beforeSubmit?: (form: ShownView) => Promise<void>,
): Promise<FiledRequest> {
  const slack = world.slack(app);
  const since = world.fake.calls.length;
  await slack.command('provision 801', REQUESTER, CHANNEL);
  const form = await slack.viewAfter(since, (v) => v.callback_id === 'telegent.provision');
  await beforeSubmit?.(form);
  const answer = await submit(
    world,
    app,
    form,
    {
      ...PROVISION_FILL,
      messageRouteId: await pickerChoice(
        world,
        app,
        form,
        'picker.message-route',
        PROVISION_FILL.messageRouteId,
      ),
      assignedSubscriberId: await pickerChoice(
        world,
        app,
        form,
        'picker.subscriber',
        PROVISION_FILL.assignedSubscriberId,
      ),
      reason,
    },
    'provision',
  );
  return { card: await waitForCard(world, since), answer };
}

/** `/telegent portin <number>` → eligibility → Continue → the form → submit → the approval card. */
export async function filePortIn(
  world: DrillWorld,
  app: AppProcess,
  input: { number: string; accountNumber: string; password: string; reason: string; portDate?: string },
): Promise<FiledRequest> {
  const since = world.fake.calls.length;
  const form = await openPortInForm(world, app, input.number);
  const subscriber = await pickerChoice(world, app, form, 'picker.subscriber', SEED_SUBSCRIBER_IDS[2]!);
  const answer = await submit(
    world,
    app,
    form,
    {
      ...portInFormFill(input.accountNumber, input.password),
      assignedSubscriberId: subscriber,
      reason: input.reason,
      ...(input.portDate ? { portInDate: input.portDate } : {}),
    },
    'port-in',
  );
  return { card: await waitForCard(world, since, input.number), answer };
}
