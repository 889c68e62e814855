/**
 * Drives an app (process or in-process) the way Slack would: signed requests to its /slack/events, and
 * reads what it did through the fake Slack's recorded calls. Same patterns as test/e2e/harness.ts, without
 * vitest, and with answers matched by their own response_url (so concurrent requests don't mix up).
 */
import { randomBytes } from 'node:crypto';
import type { ModalView } from '@slack/types';
import { SEED_PACKAGES } from '../../src/sandbox/plans-seed.js';
import type { FakeSlack, FakeSlackCall, Json } from '../../test/support/fake-slack.js';
import { fillView, inputIds } from '../../test/support/fill-view.js';
import {
  type BlockActionRequest,
  createSlackRequester,
  type SlackRequester,
  type SlackResponse,
} from '../../test/support/slack-requests.js';
import { waitFor } from './wait.js';

export interface ShownView {
  id: string;
  view: ModalView;
}

export interface SlackDriver {
  appUrl: string;
  /** The raw signed-request maker (any payload: options, events, tampered posts). */
  requester: SlackRequester;
  /** Any button click (e.g. a button inside a modal: pass `view`). */
  blockAction(request: BlockActionRequest): Promise<SlackResponse>;
  /** `/telegent <text>`; `key` names its response_url (answers are `answersTo(key)`). */
  command(text: string, userId: string, channelId: string): Promise<SlackResponse & { key: string }>;
  /** `/telegent <text>`, then the first thing posted to its response_url (the ephemeral answer). */
  answer(text: string, userId: string, channelId: string, timeoutMs?: number): Promise<Json>;
  /** A button click on a message in `channelId`; its answers are `answersTo(key)`. */
  click(request: {
    actionId: string;
    value: string;
    userId: string;
    channelId: string;
    messageTs: string;
  }): Promise<SlackResponse & { key: string }>;
  /** Posts to the response_url with this key (ephemeral answers to one command or click). */
  answersTo(key: string): FakeSlackCall[];
  /** The first views.open/update/push at or after call index `since` that matches `predicate`. */
  viewAfter(since: number, predicate: (view: ModalView) => boolean, timeoutMs?: number): Promise<ShownView>;
  /** Submits a view the app showed, typing `fill` into its inputs (others keep their initial values). */
  submit(view: ShownView, fill: Record<string, string | string[]>, userId: string): Promise<SlackResponse>;
  /** Submits raw state values (for inputs `fillView` cannot express, e.g. a missing block). */
  submitValues(view: ShownView, values: Json, userId: string): Promise<SlackResponse>;
}

export function slackDriver(options: {
  fake: FakeSlack;
  appUrl: string;
  signingSecret: string;
}): SlackDriver {
  const { fake } = options;
  const requester = createSlackRequester({
    baseUrl: options.appUrl,
    signingSecret: options.signingSecret,
    responseUrl: () => fake.responseUrl(),
  });
  const newKey = () => `k${randomBytes(6).toString('hex')}`;
  const answersTo = (key: string) => fake.calls.filter((c) => c.method === 'response_url' && c.path === key);

  const driver: SlackDriver = {
    appUrl: options.appUrl,
    requester,
    blockAction: (request) => requester.blockAction(request),
    async command(text, userId, channelId) {
      const key = newKey();
      const response = await requester.command({
        text,
        userId,
        channelId,
        responseUrl: fake.responseUrl(key),
      });
      return { ...response, key };
    },
    async answer(text, userId, channelId, timeoutMs = 10_000) {
      const { key, status } = await driver.command(text, userId, channelId);
      if (status !== 200) throw new Error(`/telegent ${text.slice(0, 40)} → HTTP ${status}`);
      const call = await waitFor(
        `an answer to /telegent ${text.slice(0, 40)}`,
        () => answersTo(key)[0],
        timeoutMs,
      );
      return call.body;
    },
    async click(request) {
      const key = newKey();
      const response = await requester.blockAction({ ...request, responseUrl: fake.responseUrl(key) });
      return { ...response, key };
    },
    answersTo,
    async viewAfter(since, predicate, timeoutMs = 10_000) {
      const call = await waitFor(
        'a view',
        () =>
          fake.calls
            .slice(since)
            .find(
              (c) =>
                ['views.open', 'views.update', 'views.push'].includes(c.method) &&
                c.response.ok &&
                predicate(c.body.view as ModalView),
            ),
        timeoutMs,
      );
      return { id: String(call.response.view?.id), view: call.body.view as ModalView };
    },
    submit(view, fill, userId) {
      // A request form's "Reason / ticket" gets a plain reason unless the drill types its own.
      // ...and how the customer was verified, where the form asks it.
      const ids = inputIds(view.view);
      const filled = {
        ...(ids.includes('reason') ? { reason: 'ZD-1000 drill request' } : {}),
        ...(ids.includes('verificationMethod') ? { verificationMethod: 'Photo ID in store' } : {}),
        // ...and a plan where the form asks one (the sandbox account has several).
        ...(ids.includes('packageId') ? { packageId: SEED_PACKAGES.unlimitedPlus } : {}),
        ...fill,
      };
      return driver.submitValues(view, fillView(view.view, filled), userId);
    },
    submitValues(view, values, userId) {
      return requester.viewSubmission({
        callbackId: String(view.view.callback_id),
        values: values as Parameters<typeof requester.viewSubmission>[0]['values'],
        privateMetadata: view.view.private_metadata,
        userId,
        viewId: view.id,
        blocks: view.view.blocks,
      });
    },
  };
  return driver;
}

/** Every text a view or message contains, for `includes` checks. */
export const textOf = (value: unknown): string => JSON.stringify(value);

/** The request id on an approval card's Approve button. */
export function approveRequestId(card: FakeSlackCall): string | undefined {
  return JSON.stringify(card.body.blocks).match(
    /"action_id":"request\.approve".*?"value":"(req_[a-z0-9]+)"/,
  )?.[1];
}
