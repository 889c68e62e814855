import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEncryptionKey } from '../../src/store/encryption-key.js';
import { createSecretsCipher, SecretsDecryptError } from '../../src/store/secrets-cipher.js';
import { capturedLogger } from '../support/captured-log.js';

describe('secrets cipher', () => {
  const cipher = createSecretsCipher(randomBytes(32));

  it('round-trips, with a fresh IV each time and no plaintext in the output', () => {
    const secrets = { portOutPin: '123456', password: 'p@ss' };
    const a = cipher.encrypt(secrets);
    const b = cipher.encrypt(secrets);
    expect(a).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice(3), 'base64').toString('latin1')).not.toContain('123456');
    expect(cipher.decrypt(a)).toEqual(secrets);
  });

  it('refuses tampered text and another key', () => {
    const text = cipher.encrypt({ pin: '1' });
    const raw = Buffer.from(text.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`)).toThrow(SecretsDecryptError);
    expect(() => createSecretsCipher(randomBytes(32)).decrypt(text)).toThrow(/ENCRYPTION_KEY differs/);
    expect(() => cipher.decrypt('v9:abc')).toThrow(/Unknown secrets format/);
  });
});

describe('encryption key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses ENCRYPTION_KEY when set and explains a malformed one', () => {
    const { logger } = capturedLogger();
    const key = randomBytes(32);
    expect(
      loadEncryptionKey({ encryptionKey: key.toString('base64'), dataDir: dir, embedded: false, logger }),
    ).toEqual(key);
    expect(() =>
      loadEncryptionKey({
        encryptionKey: randomBytes(16).toString('base64'),
        dataDir: dir,
        embedded: true,
        logger,
      }),
    ).toThrow(/ENCRYPTION_KEY must be base64 of exactly 32 bytes \(got 16 bytes\).*openssl rand -base64 32/);
    expect(() =>
      loadEncryptionKey({ encryptionKey: 'not base64!', dataDir: dir, embedded: true, logger }),
    ).toThrow(/ENCRYPTION_KEY must be base64/);
  });

  it('generates a 0600 key file once for the embedded store, logs that without the key, and reuses it', () => {
    const sub = join(dir, 'data');
    const log = capturedLogger();
    const key = loadEncryptionKey({ dataDir: sub, embedded: true, logger: log.logger });
    expect(key).toHaveLength(32);
    expect(statSync(join(sub, 'encryption.key')).mode & 0o777).toBe(0o600);
    expect(log.text()).toContain('generated a key');
    expect(log.text()).not.toContain(key.toString('base64'));
    const again = capturedLogger();
    expect(loadEncryptionKey({ dataDir: sub, embedded: true, logger: again.logger })).toEqual(key);
    expect(again.lines).toHaveLength(0);
  });

  it('refuses a corrupt key file instead of replacing it', () => {
    const sub = join(dir, 'corrupt');
    loadEncryptionKey({ dataDir: sub, embedded: true, logger: capturedLogger().logger });
    writeFileSync(join(sub, 'encryption.key'), 'short\n');
    expect(() =>
      loadEncryptionKey({ dataDir: sub, embedded: true, logger: capturedLogger().logger }),
    ).toThrow(/encryption\.key must be base64 of exactly 32 bytes/);
  });

  it('tells the operator to set ENCRYPTION_KEY with a server', () => {
    expect(() =>
      loadEncryptionKey({ dataDir: dir, embedded: false, logger: capturedLogger().logger }),
    ).toThrow('ENCRYPTION_KEY is not set');
  });
});
