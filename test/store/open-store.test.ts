import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../../src/store/data-dir-lock.js';
import { openStore } from '../../src/store/open-store.js';
import { capturedLogger } from '../support/captured-log.js';
import { createTestDatabase } from '../support/test-db.js';

describe('openStore with the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tg-datadir-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('persists rows across reopen, refuses a second opener, and keeps its generated key', async () => {
    const log = capturedLogger();
    const first = await openStore({ dataDir, logger: log.logger });
    try {
      expect(first.db.kind).toBe('pglite');
      await first.requests.insert({
        id: 'req_persisted',
        kind: 'portout',
        input: { number: '+18015551234' },
        secrets: { portOutPin: '4321' },
        requestedBy: 'U1',
        channelId: 'C1',
      });
      await expect(openStore({ dataDir, logger: log.logger })).rejects.toThrow(DataDirLockedError);
      await expect(openStore({ dataDir, logger: log.logger })).rejects.toThrow(
        `DATA_DIR ${dataDir} is already open in this process (pid ${process.pid})`,
      );
    } finally {
      await first.close();
    }
    expect(log.text()).toContain('store opened');
    expect(log.text()).toContain('generated a key');

    const keyFile = join(dataDir, 'encryption.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const again = capturedLogger();
    const second = await openStore({ dataDir, logger: again.logger });
    try {
      expect((await second.requests.get('req_persisted'))?.input).toEqual({ number: '+18015551234' });
      // Decrypting with the reused key proves it is the same key.
      expect(await second.requests.getSecrets('req_persisted')).toEqual({ portOutPin: '4321' });
      expect(again.text()).not.toContain('generated a key');
    } finally {
      await second.close();
    }
  });
});

describe('openStore with a Postgres server', () => {
  it('refuses to start without ENCRYPTION_KEY, saying how to make one', async () => {
    const { logger } = capturedLogger();
    await expect(
      openStore({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', dataDir: tmpdir(), logger }),
    ).rejects.toThrow(/ENCRYPTION_KEY is not set.*openssl rand -base64 32/);
  });

  it('names the server it could not reach', async () => {
    const { logger } = capturedLogger();
    const encryptionKey = Buffer.alloc(32, 1).toString('base64');
    await expect(
      openStore({
        databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
        dataDir: tmpdir(),
        encryptionKey,
        logger,
      }),
    ).rejects.toThrow(/Could not open the Postgres database at 127\.0\.0\.1:1\/none: .*Check DATABASE_URL/);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'migrates and serves the repositories (needs TEST_DATABASE_URL; skipped without it)',
    async () => {
      const database = await createTestDatabase();
      const { logger, text } = capturedLogger();
      const encryptionKey = Buffer.alloc(32, 7).toString('base64');
      const store = await openStore({ databaseUrl: database.url, dataDir: tmpdir(), encryptionKey, logger });
      try {
        expect(store.db.kind).toBe('postgres');
        expect(await store.digests.claimRun('C1', '2030-01-01')).toBe(1);
        expect(text()).toMatch(/"store":"postgres".*store opened/);
        expect(text()).not.toContain(encryptionKey);
      } finally {
        await store.close();
        await store.close();
        await database.drop();
      }
    },
  );
});
