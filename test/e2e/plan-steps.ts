import type { ModalView } from '@slack/types';
import { expect } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, REQUESTER, textOf } from './harness.js';

const STATUS = '/v1.0/numbers/status';

export type Card = { text: string; blocks: unknown[] };

/** What every test here drives: the number card, its buttons and forms, the approval card, the sandbox's journal. */
export function planSteps(get: () => E2E) {
  const e2e = () => get();
  const mutations = (path: string) =>
    e2e()
      .sandbox.subscriptionMutations()
      .concat(
        e2e()
          .sandbox.mutations()
          .filter((m) => m.path.toLowerCase() === STATUS),
      )
      .filter((m) => m.path.toLowerCase() === path);
  const card = async (number: string): Promise<Card> => {
    const before = e2e().responses().length;
    await e2e().command(`number ${number}`);
    await expect.poll(() => e2e().responses().length, { timeout: 5_000 }).toBe(before + 1);
    return e2e().responses()[before]!.body as Card;
  };
  const click = (actionId: string, number: string) =>
    e2e().slack.blockAction({
      actionId,
      value: number,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: '1.5',
    });
  /** The form a click opened: a view shown after the click (an older form of the same number is not it). */
  const openForm = async (actionId: string, callbackId: string, number: string) => {
    const since = e2e().fake.calls.length;
    await click(actionId, number);
    let found: { id: string; view: ModalView } | undefined;
    await expect
      .poll(
        () => {
          const call = e2e()
            .fake.calls.slice(since)
            .findLast(
              (c) =>
                ['views.open', 'views.update'].includes(c.method) &&
                c.body.view?.callback_id === callbackId &&
                textOf(c.body.view.blocks).includes(formatPhone(number)),
            );
          found = call
            ? { id: String(call.response.view?.id), view: call.body.view as ModalView }
            : undefined;
          return found;
        },
        { timeout: 5_000 },
      )
      .toBeDefined();
    return found!;
  };
  const approvalCard = async (number: string, title: string) => {
    let found: FakeSlackCall | undefined;
    await expect
      .poll(
        () => {
          found = e2e()
            .fake.callsTo('chat.postMessage')
            .findLast(
              (c) =>
                c.body.channel === APPROVALS_CHANNEL &&
                textOf(c.body).includes(formatPhone(number)) &&
                textOf(c.body).includes(title) &&
                textOf(c.body).includes('request.approve'),
            );
          return found;
        },
        { timeout: 5_000 },
      )
      .toBeDefined();
    const requestId = textOf(found!.body.blocks).match(
      /"action_id":"request\.approve".*?"value":"(req_[a-z0-9]+)"/,
    )![1]!;
    return { requestId, ts: String(found!.response.ts), body: found!.body };
  };
  const approve = (requestId: string, ts: string) =>
    e2e().slack.blockAction({
      actionId: 'request.approve',
      value: requestId,
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: ts,
    });
  const finished = (requestId: string) =>
    expect
      .poll(async () => (await e2e().store.requests.get(requestId))?.status, { timeout: 5_000 })
      .toBe('succeeded');
  const subscriptionOf = (id: string) =>
    e2e()
      .sandbox.subscriptions()
      .find((s) => s.SubscriptionId === id);
  return { mutations, card, click, openForm, approvalCard, approve, finished, subscriptionOf };
}
