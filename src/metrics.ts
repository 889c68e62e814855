import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type OpenOrdersSource = () => Promise<Record<string, number>>;
/** The poller's state at scrape time: the longest any open order has gone unread, and the budget. */
export type PollerSource = () => Promise<{ stalestSeconds: number; budgetPerMinute: number }>;

export interface Metrics {
  /** Our own registry (never prom-client's global one), so tests can build several apps. */
  registry: Registry;
  /** Incoming Slack requests: operation = request kind (command/action/view/options/event/shortcut/other),
   *  outcome = acked | rejected (bad signature) | unacked (no ack within 3 s) | error. */
  slackRequests: Counter<'operation' | 'outcome'>;
  /** Time from a Slack request arriving to its HTTP response / Socket Mode ack. */
  ackLatency: Histogram<'kind'>;
  /** Requests by operation (provision, portin, …) and outcome (pending_approval, approved, succeeded,
   *  failed, unknown, rejected, expired, invalid, refused_<reason>, …). */
  requestOutcomes: Counter<'operation' | 'outcome'>;
  /** Seconds from a request being filed to its decision (approved, rejected, expired, withdrawn). */
  approvalDecisionSeconds: Histogram<'operation' | 'decision'>;
  /** Approval reminders sent: channel = thread (reply on the card) | dm. */
  remindersSent: Counter<'channel'>;
  /** Telegent API calls: endpoint (path) and status (HTTP status, or 'network' / 'timeout'). */
  telegentCalls: Counter<'endpoint' | 'status'>;
  /** Open orders by Telegent status, read at scrape time from the source set below. */
  openOrders: Gauge<'status'>;
  setOpenOrdersSource(source: OpenOrdersSource): void;
  /** Order reads by the poller: outcome = changed | unchanged | failed. */
  orderReads: Counter<'outcome'>;
  /** Counts one read (the counter and this replica's reads-per-minute window). */
  recordOrderRead(outcome: 'changed' | 'unchanged' | 'failed'): void;
  setPollerSource(source: PollerSource): void;
  /** Prometheus text exposition of everything in the registry. */
  render(): Promise<string>;
  contentType: string;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event-loop lag, …). Default true. */
  defaultMetrics?: boolean;
  prefix?: string;
}

// Slack's ack deadline is 3 s; the interesting range is a few ms up to that.
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const prefix = options.prefix ?? 'telegent_ops_';
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix });

  let openOrdersSource: OpenOrdersSource | undefined;
  let pollerSource: PollerSource | undefined;
  /** When this replica's reads of the last minute happened (epoch ms). */
  let recentReads: number[] = [];
  const readsLastMinute = () => {
    const since = Date.now() - 60_000;
    recentReads = recentReads.filter((at) => at > since);
    return recentReads.length;
  };

  const slackRequests = new Counter({
    name: `${prefix}slack_requests_total`,
    help: 'Incoming Slack requests by kind and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const ackLatency = new Histogram({
    name: `${prefix}slack_ack_seconds`,
    help: 'Time from a Slack request arriving to its acknowledgement',
    labelNames: ['kind'] as const,
    buckets: ACK_BUCKETS,
    registers: [registry],
  });
  const requestOutcomes = new Counter({
    name: `${prefix}requests_total`,
    help: 'Telegent Ops requests by operation and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const approvalDecisionSeconds = new Histogram({
    name: `${prefix}approval_decision_seconds`,
    help: 'Time from a request being filed to its approval decision, by operation and decision',
    labelNames: ['operation', 'decision'] as const,
    // A minute to a few days: reminders go at 30 min, 2 h and 8 h by default; requests expire after 24 h.
    buckets: [60, 300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600, 72 * 3600],
    registers: [registry],
  });
  const remindersSent = new Counter({
    name: `${prefix}approval_reminders_total`,
    help: 'Approval reminders sent, by channel (thread reply or DM)',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const telegentCalls = new Counter({
    name: `${prefix}telegent_calls_total`,
    help: 'Telegent API calls by endpoint and status',
    labelNames: ['endpoint', 'status'] as const,
    registers: [registry],
  });
  const openOrders = new Gauge({
    name: `${prefix}open_orders`,
    help: 'Orders not yet in a terminal status, by Telegent status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      if (!openOrdersSource) return;
      // A failing source (database down) must not break the whole scrape: keep the last values.
      const counts = await openOrdersSource().catch(() => undefined);
      if (!counts) return;
      this.reset();
      for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
    },
  });

  const orderReads = new Counter({
    name: `${prefix}order_reads_total`,
    help: 'Order reads by the poller, by outcome (changed, unchanged, failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  // Read at scrape time; a failing source keeps the last values (the scrape never breaks).
  const pollerGauge = (name: string, help: string, value: (s: Awaited<ReturnType<PollerSource>>) => number) =>
    new Gauge({
      name: `${prefix}${name}`,
      help,
      registers: [registry],
      async collect() {
        const state = await pollerSource?.().catch(() => undefined);
        if (state) this.set(value(state));
      },
    });
  pollerGauge(
    'order_stalest_seconds',
    'The longest any open order has gone unread by the poller (seconds)',
    (s) => s.stalestSeconds,
  );
  pollerGauge(
    'order_poll_budget_per_minute',
    'Order reads per minute the poller may spend, all replicas together (TELEGENT_POLL_SHARE of the limit, or more to read every order within ORDER_POLL_MAX_SECONDS)',
    (s) => s.budgetPerMinute,
  );
  new Gauge({
    name: `${prefix}order_reads_per_minute`,
    help: 'Order reads by this replica in the last 60 s',
    registers: [registry],
    collect() {
      this.set(readsLastMinute());
    },
  });
  pollerGauge(
    'order_poll_budget_used_ratio',
    "This replica's reads in the last 60 s over the budget (sum over replicas for the fleet's share used)",
    (s) => (s.budgetPerMinute > 0 ? readsLastMinute() / s.budgetPerMinute : 0),
  );

  return {
    registry,
    orderReads,
    recordOrderRead(outcome) {
      orderReads.inc({ outcome });
      recentReads.push(Date.now());
      // Pruned here too, not only when scraped: a replica nobody scrapes must not grow.
      if (recentReads.length > 1_000) readsLastMinute();
    },
    setPollerSource(source) {
      pollerSource = source;
    },
    slackRequests,
    requestOutcomes,
    ackLatency,
    approvalDecisionSeconds,
    remindersSent,
    telegentCalls,
    openOrders,
    setOpenOrdersSource(source) {
      openOrdersSource = source;
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
