import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics.js';

describe('createMetrics', () => {
  it('keeps each registry separate, so several apps can live in one process', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.telegentCalls.inc({ endpoint: '/numbers/order', status: '200' });
    expect(await a.render()).toMatch(
      /telegent_ops_telegent_calls_total\{endpoint="\/numbers\/order",status="200"\} 1/,
    );
    expect(await b.render()).not.toMatch(/telegent_ops_telegent_calls_total\{/);
    expect(await a.render()).toContain('telegent_ops_process_cpu_seconds_total');
  });

  it('reads open orders from the source at scrape time, and survives a failing source', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    expect(await metrics.render()).not.toMatch(/telegent_ops_open_orders\{/);

    let counts: Record<string, number> = { Pending: 3, Error: 1 };
    let fail = false;
    metrics.setOpenOrdersSource(async () => {
      if (fail) throw new Error('database down');
      return counts;
    });
    let text = await metrics.render();
    expect(text).toMatch(/telegent_ops_open_orders\{status="Pending"\} 3/);
    expect(text).toMatch(/telegent_ops_open_orders\{status="Error"\} 1/);

    counts = { Pending: 2 };
    text = await metrics.render();
    expect(text).toMatch(/telegent_ops_open_orders\{status="Pending"\} 2/);
    expect(text).not.toMatch(/status="Error"/);

    fail = true;
    text = await metrics.render();
    expect(text).toMatch(/telegent_ops_open_orders\{status="Pending"\} 2/);
  });

  it('shows the poller: reads by outcome, reads in the last minute, the stalest open order and the budget used', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.setPollerSource(async () => ({ stalestSeconds: 42.5, budgetPerMinute: 25 }));
    for (let i = 0; i < 4; i++) metrics.recordOrderRead('unchanged');
    metrics.recordOrderRead('changed');
    const text = await metrics.render();
    expect(text).toMatch(/telegent_ops_order_reads_total\{outcome="unchanged"\} 4/);
    expect(text).toMatch(/telegent_ops_order_reads_total\{outcome="changed"\} 1/);
    expect(text).toMatch(/telegent_ops_order_reads_per_minute 5/);
    expect(text).toMatch(/telegent_ops_order_stalest_seconds 42\.5/);
    expect(text).toMatch(/telegent_ops_order_poll_budget_per_minute 25/);
    expect(text).toMatch(/telegent_ops_order_poll_budget_used_ratio 0\.2/);
  });

  it('buckets ack latency across Slack’s 3-second window', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.ackLatency.observe({ kind: 'view' }, 0.004);
    metrics.ackLatency.observe({ kind: 'view' }, 2.5);
    const text = await metrics.render();
    expect(text).toMatch(/telegent_ops_slack_ack_seconds_bucket\{le="0\.005",kind="view"\} 1/);
    expect(text).toMatch(/telegent_ops_slack_ack_seconds_bucket\{le="3",kind="view"\} 2/);
    expect(metrics.contentType).toContain('text/plain');
  });
});
