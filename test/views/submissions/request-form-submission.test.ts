import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS } from '../../../src/sandbox/seed.js';
import type { ViewSubmissionArgs } from '../../../src/slack/listener-args.js';
import { writeModalMetadata } from '../../../src/views/modal-metadata.js';
import { provisionModal } from '../../../src/views/modals/provision-modal.js';
import { requestFormSubmission } from '../../../src/views/submissions/request-form-submission.js';
import { REQUEST_FORMS } from '../../../src/views/submissions/request-forms.js';
import { fillView } from '../../support/fill-view.js';
import {
  CHANNEL,
  type ListenerWorld,
  REQUESTER,
  startListenerWorld,
} from '../../support/listener-context.js';

/** The provision form's view_submission listener called directly with a view Slack would send. */
describe('requestFormSubmission (provision form)', () => {
  let w: ListenerWorld;
  beforeAll(async () => {
    w = await startListenerWorld();
  });
  afterAll(() => w?.close());

  const form = () => REQUEST_FORMS.find((f) => f.kind === 'provision')!;
  async function submit(fill: Record<string, string>, viewId: string) {
    const view = provisionModal({ metadata: writeModalMetadata({ channelId: CHANNEL }), sandbox: true });
    const body = {
      type: 'view_submission',
      user: { id: REQUESTER },
      view: {
        ...view,
        id: viewId,
        state: { values: fillView(view, fill) },
        private_metadata: view.private_metadata,
      },
    };
    await requestFormSubmission(
      w.ctx,
      form(),
    )({
      ack: w.ack,
      body,
      view: body.view,
      client: w.client,
    } as unknown as ViewSubmissionArgs);
  }

  it('bad input: errors under the right inputs inside the ack, no request stored', async () => {
    const before = (await w.store.db.query('SELECT count(*)::int AS n FROM requests')).rows[0];
    await submit({ productType: 'Sms+Data', areaCode: '911' }, 'V0BAD');
    const ack = w.acks.at(-1) as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors)).toEqual(
      expect.arrayContaining(['areaCode', 'messageRouteId', 'assignedSubscriberId', 'reason']),
    );
    expect((await w.store.db.query('SELECT count(*)::int AS n FROM requests')).rows[0]).toEqual(before);
  });

  it('good input: "working" in the ack, then the request waits for approval and the modal says where', async () => {
    const since = w.fake.calls.length;
    await submit(
      {
        productType: 'Sms+Data',
        areaCode: '801',
        messageRouteId: SEED_MESSAGE_ROUTE_IDS[0]!,
        assignedSubscriberId: SEED_SUBSCRIBER_IDS[0]!,
        reason: 'ZD-31 new line for a field technician',
      },
      'V0GOOD',
    );
    expect(w.acks.at(-1)).toMatchObject({ response_action: 'update' });
    const updated = w.callsSince(since, 'views.update').find((c) => c.body.view_id === 'V0GOOD');
    expect(JSON.stringify(updated?.body.view)).toContain('Sent for approval');
    const stored = await w.store.requests.listOpenByRequester(REQUESTER);
    const filed = stored.find((r) => r.kind === 'provision' && r.status === 'pending_approval');
    expect(filed?.input.requestReason).toBe('ZD-31 new line for a field technician');
    expect(w.sandbox.mutations().filter((m) => /provision/i.test(m.path))).toEqual([]);
  });
});
