import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type ReceiverEvent, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { boltLogger } from './bolt-logger.js';
import { describeSlackError } from './describe-slack-error.js';
import { opsCustomRoutes, opsRequestListener, type Readiness } from './ops-routes.js';
import { parseRawSlackBody, slackRequestKind } from './request-kind.js';
import { normaliseSlackApiUrl } from './slack-api-url.js';
import { SlackStartupError } from './slack-startup-error.js';

/** The single Request URL for commands, interactivity, options and events in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackIdentity {
  botId: string;
  botUserId: string;
  /** The app's own workspace and organisation (auth.test): everyone else is from another organisation. */
  teamId?: string;
  team?: string;
  enterpriseId?: string | undefined;
}

export interface SlackAppOptions {
  botToken: string;
  /** Set → Socket Mode; unset → HTTP mode (needs `signingSecret`). */
  appToken?: string;
  signingSecret?: string;
  /** Web API base (GovSlack, tests). A trailing slash is added when missing. */
  slackApiUrl?: string;
  /** HTTP mode: the port for /slack/events and the ops routes (0 = random). Socket Mode: the port for the
   *  ops routes only; omit it to serve no HTTP at all. Default 3000 in HTTP mode. */
  port?: number;
  logger: Logger;
  metrics: Metrics;
  readiness?: Readiness;
  /** From `checkSlackConnection`; passing it stops Bolt from calling auth.test itself. */
  identity: SlackIdentity;
  /** Web API client tuning. Defaults: 2 quick retries (429s honour Retry-After), 10 s timeout. */
  webClient?: Pick<webApi.WebClientOptions, 'retryConfig' | 'rejectRateLimitedCalls' | 'timeout'>;
  /** Socket Mode: give up connecting after this long. Default 20 s. */
  socketStartTimeoutMs?: number;
}

export interface SlackApp {
  app: App;
  mode: 'socket' | 'http';
  /** Resolves once Slack traffic can arrive. `port` is the HTTP port (0 in Socket Mode without one). */
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { logger, metrics } = options;
  const log = logger.child({ component: 'slack' });
  const bolt = boltLogger(logger);
  const opsRouteOptions = { metrics, logger: log, readiness: options.readiness };
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
    timeout: 10_000,
    ...options.webClient,
    ...(options.slackApiUrl ? { slackApiUrl: normaliseSlackApiUrl(options.slackApiUrl) } : {}),
  };
  const mode = options.appToken ? 'socket' : 'http';

  let httpReceiver: HTTPReceiver | undefined;
  let socketReceiver: SocketModeReceiver | undefined;
  if (options.appToken) {
    socketReceiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: bolt,
      installerOptions: { clientOptions },
    });
  } else {
    if (!options.signingSecret) {
      throw new SlackStartupError(
        'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode): ' +
          'copy it from Basic Information → App Credentials → Signing Secret.',
        'missing_signing_secret',
      );
    }
    httpReceiver = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      processBeforeResponse: false,
      customRoutes: opsCustomRoutes(opsRouteOptions),
      logger: bolt,
    });
    measureHttpAcks(httpReceiver, metrics);
  }

  const app = new App({
    receiver: httpReceiver ?? socketReceiver,
    token: options.botToken,
    botId: options.identity.botId,
    botUserId: options.identity.botUserId,
    logger: bolt,
    logLevel: bolt.getLevel(),
    clientOptions,
    extendedErrorHandler: true,
  });
  if (socketReceiver) measureProcessedAcks(app, metrics);

  // Parameters<> picks the last overload: the extended handler (we set extendedErrorHandler: true).
  const onError: Parameters<App['error']>[0] = async ({ error, body }) => {
    // Logged, never rethrown: one failing listener must not take the process down.
    log.error(
      { error: describeSlackError(error), kind: slackRequestKind(body), ...requestFields(body) },
      'Slack listener failed',
    );
  };
  app.error(onError);

  let started = false;
  let opsServer: Server | undefined;

  async function startSocket(): Promise<{ port: number }> {
    if (options.port !== undefined)
      opsServer = await listen(createServer(opsRequestListener(opsRouteOptions)), options.port);
    const timeoutMs = options.socketStartTimeoutMs ?? 20_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new SlackStartupError(
              `Socket Mode did not connect to Slack within ${Math.round(timeoutMs / 1000)} s: check SLACK_APP_TOKEN ` +
                '(an xapp-… token with connections:write), that Socket Mode is enabled for the app, and the network.',
              'socket_timeout',
            ),
          ),
        timeoutMs,
      );
    });
    try {
      await Promise.race([app.start(), timedOut]);
    } catch (error) {
      await app.stop().catch(() => {});
      await closeServer(opsServer);
      opsServer = undefined;
      throw error;
    } finally {
      clearTimeout(timer);
    }
    started = true;
    const port = opsServer ? (opsServer.address() as AddressInfo).port : 0;
    log.info({ mode, port, teamId: options.identity.teamId }, 'Slack app connected (Socket Mode)');
    return { port };
  }

  async function startHttp(): Promise<{ port: number }> {
    const server = (await app.start(options.port ?? 3000)) as Server;
    started = true;
    const port = (server.address() as AddressInfo).port;
    log.info({ mode, port, path: SLACK_EVENTS_PATH, teamId: options.identity.teamId }, 'Slack app listening');
    return { port };
  }

  return {
    app,
    mode,
    start: () => (mode === 'socket' ? startSocket() : startHttp()),
    async stop() {
      if (started) {
        started = false;
        await app.stop();
      }
      await closeServer(opsServer);
      opsServer = undefined;
    },
  };
}

/** HTTP mode: time from the request arriving to the response being sent, labelled by request kind. */
function measureHttpAcks(receiver: HTTPReceiver, metrics: Metrics): void {
  const handle = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && pathOf(req) === SLACK_EVENTS_PATH) {
      const arrived = process.hrtime.bigint();
      res.once('finish', () => {
        const raw = (req as IncomingMessage & { rawBody?: Buffer }).rawBody;
        const kind = raw
          ? slackRequestKind(parseRawSlackBody(raw.toString(), req.headers['content-type']))
          : 'other';
        const status = res.statusCode;
        const outcome =
          status === 401 ? 'rejected' : status === 404 ? 'unacked' : status >= 400 ? 'error' : 'acked';
        metrics.slackRequests.inc({ operation: kind, outcome });
        if (outcome === 'acked') metrics.ackLatency.observe({ kind }, seconds(arrived));
      });
    }
    return handle(req, res);
  };
}

/** Socket Mode: time from the envelope reaching Bolt to the ack being sent back. */
function measureProcessedAcks(app: App, metrics: Metrics): void {
  const process_ = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    const arrived = process.hrtime.bigint();
    const kind = slackRequestKind(event.body);
    let acked = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      const result = await event.ack(response);
      if (!acked) {
        acked = true;
        metrics.slackRequests.inc({ operation: kind, outcome: 'acked' });
        metrics.ackLatency.observe({ kind }, seconds(arrived));
      }
      return result;
    };
    try {
      await process_({ ...event, ack });
    } catch (error) {
      if (!acked) metrics.slackRequests.inc({ operation: kind, outcome: 'error' });
      throw error;
    }
  };
}

/** Ids that help find a failed request in logs; never free text or form values. */
function requestFields(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  // biome-ignore lint/suspicious/noExplicitAny: optional-chained reads of an untyped Slack payload
  const b = body as Record<string, any>;
  return {
    teamId: b.team_id ?? b.team?.id,
    userId: b.user_id ?? b.user?.id ?? b.event?.user,
    channelId: b.channel_id ?? b.channel?.id,
    command: b.command,
    actionId: b.actions?.[0]?.action_id ?? b.action_id,
    callbackId: b.view?.callback_id ?? b.callback_id,
    eventType: b.event?.type,
  };
}

function listen(server: Server, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
