import { createHmac } from 'node:crypto';

/** Slack payloads and Web API bodies: loosely typed on purpose, tests index into them freely. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Json = Record<string, any>;

/** Signed requests shaped like the ones Slack sends to /slack/events. */

export interface SlackResponse {
  status: number;
  /** Parsed JSON when the app answered JSON, the text otherwise ('' for an empty 200 ack). */
  // biome-ignore lint/suspicious/noExplicitAny: JSON or text; tests assert on it directly
  body: any;
  durationMs: number;
}

export interface PostOptions {
  /** Override the X-Slack-Signature header (tampering tests); `null` omits it. */
  signature?: string | null;
  /** Request timestamp in Unix seconds (old-request tests); `null` omits the header. */
  timestamp?: number | null;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A block's state in `view.state.values[blockId][actionId]`. */
export type ViewStateValue = Record<string, unknown> & { type: string };
export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

export const plainInput = (value: string | null): ViewStateValue => ({ type: 'plain_text_input', value });
export const staticSelect = (value: string | null, text = value ?? ''): ViewStateValue => ({
  type: 'static_select',
  selected_option: value === null ? null : { text: { type: 'plain_text', text, emoji: true }, value },
});
export const checkboxes = (values: string[]): ViewStateValue => ({
  type: 'checkboxes',
  selected_options: values.map((value) => ({ text: { type: 'plain_text', text: value }, value })),
});
export const datePicker = (date: string | null): ViewStateValue => ({
  type: 'datepicker',
  selected_date: date,
});

export interface SlackRequesterOptions {
  /** App root (http://127.0.0.1:PORT) or the full events URL. */
  baseUrl: string;
  signingSecret: string;
  teamId?: string;
  appId?: string;
  /** Where `response_url`s point (e.g. fakeSlack.responseUrl()). Default: a URL that refuses connections. */
  responseUrl?: () => string;
}

export interface CommandRequest {
  text: string;
  userId: string;
  channelId: string;
  triggerId?: string;
  command?: string;
  responseUrl?: string;
  channelName?: string;
}

export interface BlockActionRequest {
  actionId: string;
  value?: string;
  userId: string;
  /** Message actions: the channel of the message. */
  channelId?: string;
  /** Set → the button sits on a message with this ts. */
  messageTs?: string;
  /** Set → the button sits in this view (modal or App Home). */
  view?: Json;
  blockId?: string;
  /** The message the button is on (text, blocks); defaults to a minimal bot message. */
  message?: Json;
  /** Extra fields for the action element (type, selected_option, …). */
  action?: Json;
  triggerId?: string;
  responseUrl?: string;
}

export interface ViewSubmissionRequest {
  callbackId: string;
  values: ViewStateValues;
  privateMetadata?: string;
  userId: string;
  viewId?: string;
  hash?: string;
  blocks?: unknown[];
}

export interface OptionsRequest {
  actionId: string;
  value: string;
  blockId?: string;
  userId: string;
  view?: Json;
}

export interface SlackRequester {
  eventsUrl: string;
  command(request: CommandRequest): Promise<SlackResponse>;
  blockAction(request: BlockActionRequest): Promise<SlackResponse>;
  viewSubmission(request: ViewSubmissionRequest): Promise<SlackResponse>;
  viewClosed(request: {
    callbackId: string;
    userId: string;
    viewId?: string;
    privateMetadata?: string;
  }): Promise<SlackResponse>;
  options(request: OptionsRequest): Promise<SlackResponse>;
  /** An Events API `event_callback` wrapping `event`. */
  event(event: Json, envelope?: { eventId?: string; retryNum?: number }): Promise<SlackResponse>;
  /** Raw POST: a string body is sent as is (form-encoded unless contentType says otherwise). */
  post(body: string | Record<string, unknown>, options?: PostOptions): Promise<SlackResponse>;
  /** The signature headers Slack would send for `body` at `timestamp`. */
  sign(body: string, timestamp?: number): Record<string, string>;
}

const FORM = 'application/x-www-form-urlencoded';

export function createSlackRequester(options: SlackRequesterOptions): SlackRequester {
  const eventsUrl = options.baseUrl.endsWith('/slack/events')
    ? options.baseUrl
    : `${options.baseUrl.replace(/\/$/, '')}/slack/events`;
  const teamId = options.teamId ?? 'T0FAKE';
  const appId = options.appId ?? 'A0FAKE';
  const team = { id: teamId, domain: 'fake-workspace' };
  let counter = 0;
  const next = () => {
    counter += 1;
    return counter;
  };
  const triggerId = () => `${Date.now()}.${next()}.fake${next().toString(16)}`;
  const responseUrl = () => options.responseUrl?.() ?? `http://127.0.0.1:9/commands/${teamId}/${next()}/fake`;
  const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: teamId });

  function sign(body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
    const digest = createHmac('sha256', options.signingSecret)
      .update(`v0:${timestamp}:${body}`)
      .digest('hex');
    return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${digest}` };
  }

  async function post(
    body: string | Record<string, unknown>,
    postOptions: PostOptions = {},
  ): Promise<SlackResponse> {
    const isText = typeof body === 'string';
    const text = isText ? body : JSON.stringify(body);
    const contentType = postOptions.contentType ?? (isText ? FORM : 'application/json');
    const timestamp =
      postOptions.timestamp === undefined ? Math.floor(Date.now() / 1000) : postOptions.timestamp;
    const signed = sign(text, timestamp ?? Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = { 'content-type': contentType, ...postOptions.headers };
    if (timestamp !== null) headers['x-slack-request-timestamp'] = signed['x-slack-request-timestamp']!;
    if (postOptions.signature !== null)
      headers['x-slack-signature'] = postOptions.signature ?? signed['x-slack-signature']!;

    const started = performance.now();
    const response = await fetch(eventsUrl, { method: 'POST', headers, body: text });
    const durationMs = performance.now() - started;
    const raw = await response.text();
    let parsed: unknown = raw;
    if (response.headers.get('content-type')?.includes('application/json') && raw) {
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = raw;
      }
    }
    return { status: response.status, body: parsed, durationMs };
  }

  const postPayload = (payload: Record<string, unknown>) =>
    post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());

  function defaultView(id: string, extra: Json = {}): Json {
    return {
      id,
      team_id: teamId,
      type: 'modal',
      blocks: [],
      private_metadata: '',
      callback_id: '',
      state: { values: {} },
      hash: `${Date.now()}.fakehash`,
      title: { type: 'plain_text', text: 'Telegent', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: { type: 'plain_text', text: 'Cancel', emoji: true },
      submit: { type: 'plain_text', text: 'Submit', emoji: true },
      previous_view_id: null,
      root_view_id: id,
      app_id: appId,
      external_id: '',
      app_installed_team_id: teamId,
      bot_id: 'B0FAKEBOT',
      ...extra,
    };
  }

  return {
    eventsUrl,
    sign,
    post,
    command(request) {
      return post(
        new URLSearchParams({
          token: 'deprecated-verification-token',
          team_id: teamId,
          team_domain: team.domain,
          channel_id: request.channelId,
          channel_name: request.channelName ?? 'ops',
          user_id: request.userId,
          user_name: request.userId.toLowerCase(),
          command: request.command ?? '/telegent',
          text: request.text,
          api_app_id: appId,
          is_enterprise_install: 'false',
          response_url: request.responseUrl ?? responseUrl(),
          trigger_id: request.triggerId ?? triggerId(),
        }).toString(),
      );
    },
    blockAction(request) {
      const actionTs = `${Date.now() / 1000}`;
      const action = {
        type: 'button',
        action_id: request.actionId,
        block_id: request.blockId ?? `blk_${request.actionId}`,
        text: { type: 'plain_text', text: request.actionId, emoji: true },
        ...(request.value !== undefined ? { value: request.value } : {}),
        action_ts: actionTs,
        ...request.action,
      };
      const payload: Record<string, unknown> = {
        type: 'block_actions',
        user: user(request.userId),
        api_app_id: appId,
        token: 'deprecated-verification-token',
        trigger_id: request.triggerId ?? triggerId(),
        team,
        enterprise: null,
        is_enterprise_install: false,
        state: { values: request.view?.state?.values ?? {} },
        actions: [action],
      };
      if (request.view) {
        payload.container = { type: 'view', view_id: request.view.id };
        payload.view = request.view;
      } else {
        const ts = request.messageTs ?? `${1_700_000_000 + next()}.000100`;
        payload.container = {
          type: 'message',
          message_ts: ts,
          channel_id: request.channelId,
          is_ephemeral: false,
        };
        payload.channel = { id: request.channelId, name: 'ops' };
        payload.message = {
          type: 'message',
          ts,
          bot_id: 'B0FAKEBOT',
          user: 'U0FAKEBOT',
          text: 'message',
          blocks: [],
          ...request.message,
        };
        payload.response_url = request.responseUrl ?? responseUrl();
      }
      return postPayload(payload);
    },
    viewSubmission(request) {
      const id = request.viewId ?? `V${String(next()).padStart(8, '0')}`;
      return postPayload({
        type: 'view_submission',
        team,
        user: user(request.userId),
        api_app_id: appId,
        token: 'deprecated-verification-token',
        trigger_id: triggerId(),
        view: defaultView(id, {
          callback_id: request.callbackId,
          private_metadata: request.privateMetadata ?? '',
          state: { values: request.values },
          blocks: request.blocks ?? [],
          ...(request.hash ? { hash: request.hash } : {}),
        }),
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      });
    },
    viewClosed(request) {
      const id = request.viewId ?? `V${String(next()).padStart(8, '0')}`;
      return postPayload({
        type: 'view_closed',
        team,
        user: user(request.userId),
        api_app_id: appId,
        token: 'deprecated-verification-token',
        view: defaultView(id, {
          callback_id: request.callbackId,
          private_metadata: request.privateMetadata ?? '',
        }),
        is_cleared: false,
        is_enterprise_install: false,
        enterprise: null,
      });
    },
    options(request) {
      const view = request.view ?? defaultView(`V${String(next()).padStart(8, '0')}`);
      return postPayload({
        type: 'block_suggestion',
        user: user(request.userId),
        container: { type: 'view', view_id: view.id },
        api_app_id: appId,
        token: 'deprecated-verification-token',
        action_id: request.actionId,
        block_id: request.blockId ?? `blk_${request.actionId}`,
        value: request.value,
        team,
        enterprise: null,
        is_enterprise_install: false,
        view,
      });
    },
    event(event, envelope = {}) {
      const now = Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = {};
      if (envelope.retryNum !== undefined) {
        headers['x-slack-retry-num'] = String(envelope.retryNum);
        headers['x-slack-retry-reason'] = 'http_timeout';
      }
      return post(
        {
          token: 'deprecated-verification-token',
          team_id: teamId,
          api_app_id: appId,
          event: { event_ts: `${now}.000200`, ...event },
          type: 'event_callback',
          event_id: envelope.eventId ?? `Ev${String(next()).padStart(8, '0')}`,
          event_time: now,
          authorizations: [
            {
              enterprise_id: null,
              team_id: teamId,
              user_id: 'U0FAKEBOT',
              is_bot: true,
              is_enterprise_install: false,
            },
          ],
          is_ext_shared_channel: false,
        },
        { headers },
      );
    },
  };
}
