/**
 * A fleet of open orders for the poller drills (crash mid-sweep, Slack weather): real port-ins created in
 * the drill's sandbox through the typed client, a root message per order posted to the fake Slack (so the
 * app's status posts have a thread), and the order rows inserted into the app's own database.
 *
 * `withDrillStore` opens that database from the drill process. With PGlite (one process at a time) call it
 * only while no app process runs; a killed process's DATA_DIR lock is taken over (the store does that).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { createTelegentClient } from '../../src/telegent/client.js';
import type { DrillWorld } from './drill-world.js';

export interface FleetOrder {
  orderId: string;
  number: string;
  channelId: string;
  /** The root message's ts in the fake Slack (orders.thread_ts). */
  rootTs: string;
}

/** Opens the world's store (server database or PGlite DATA_DIR), runs `fn`, closes it. */
export async function withDrillStore<T>(world: DrillWorld, fn: (store: Store) => Promise<T>): Promise<T> {
  const scratch = world.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'telegent-drill-scratch-'));
  const store = await openStore({
    databaseUrl: world.database?.url,
    dataDir: world.dataDir ?? scratch!,
    encryptionKey: world.database?.encryptionKey,
    logger: silentLogger,
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

export const FLEET_ADDRESS = { Street1: '1 Main St', City: 'Austin', State: 'TX', Zip: '78701' };

/** Text of the drill's own root messages (so post counts can leave them out). */
export const FLEET_ROOT_TEXT = 'drill fleet root';

/**
 * `count` port-ins spread over `channels` channels (`C0FLEET000`, …), each with a root message, inserted
 * as open orders with status Pending, due now.
 */
export async function seedOrderFleet(
  world: DrillWorld,
  options: { count: number; channels: number; requestedBy: string },
): Promise<FleetOrder[]> {
  const { sandbox } = world.telegent;
  const client = createTelegentClient({
    baseUrl: sandbox.url,
    accountKey: sandbox.accountKey,
    accountSecret: sandbox.accountSecret,
    rateLimitPerMinute: 100_000,
  });
  const fleet: FleetOrder[] = [];
  try {
    for (let i = 0; i < options.count; i++) {
      const number = `+1512555${String(3000 + i).padStart(4, '0')}`;
      const created = await client.submitPortIn({
        PortInNumber: number,
        CurrentCarrierName: 'AT&T',
        CurrentAccountNumber: '123456789',
        CurrentAccountPassword: '8642',
        CurrentBillingAddress: FLEET_ADDRESS,
      });
      const channelId = `C0FLEET${String(i % options.channels).padStart(3, '0')}`;
      const response = await fetch(`${world.fake.url}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${world.botToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: channelId, text: `${FLEET_ROOT_TEXT} ${created.OrderId}` }),
      });
      const posted = (await response.json()) as { ok: boolean; ts?: string };
      if (!posted.ok || !posted.ts) throw new Error(`fake Slack did not take the root message of ${number}`);
      fleet.push({ orderId: created.OrderId, number, channelId, rootTs: posted.ts });
    }
  } finally {
    await client.close();
  }
  await withDrillStore(world, async (store) => {
    const now = new Date();
    for (const order of fleet) {
      await store.orders.insert({
        orderId: order.orderId,
        kind: 'portin',
        numbers: [order.number],
        status: 'Pending',
        channelId: order.channelId,
        threadTs: order.rootTs,
        requestedBy: options.requestedBy,
        nextCheckAt: now,
      });
    }
  });
  return fleet;
}
