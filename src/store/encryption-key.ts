import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.js';

export const KEY_FILE_NAME = 'encryption.key';
const HOW_TO_GENERATE = 'Generate one with `openssl rand -base64 32`.';

export interface LoadEncryptionKeyOptions {
  /** ENCRYPTION_KEY: base64 of 32 bytes. */
  encryptionKey?: string;
  dataDir: string;
  /** True with the embedded store: a missing key is generated into DATA_DIR. */
  embedded: boolean;
  logger: Logger;
}

function decodeKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== 32) {
    throw new Error(
      `${source} must be base64 of exactly 32 bytes (got ${key.length} bytes). ${HOW_TO_GENERATE}`,
    );
  }
  return key;
}

/** The AES-256 key for secrets at rest: ENCRYPTION_KEY, or (embedded store only) a generated key file. */
export function loadEncryptionKey(options: LoadEncryptionKeyOptions): Buffer {
  if (options.encryptionKey !== undefined && options.encryptionKey !== '') {
    return decodeKey(options.encryptionKey, 'ENCRYPTION_KEY');
  }
  if (!options.embedded) {
    throw new Error(
      'ENCRYPTION_KEY is not set. With DATABASE_URL (a shared Postgres server) every replica needs the same ' +
        `key: set ENCRYPTION_KEY to base64 of 32 random bytes. ${HOW_TO_GENERATE}`,
    );
  }
  const path = join(options.dataDir, KEY_FILE_NAME);
  mkdirSync(options.dataDir, { recursive: true });
  try {
    const key = decodeKey(readFileSync(path, 'utf8'), path);
    if ((statSync(path).mode & 0o077) !== 0) {
      options.logger.warn({ path }, 'encryption key file is readable by other users; run chmod 600 on it');
    }
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  chmodSync(path, 0o600);
  options.logger.info(
    { path },
    'ENCRYPTION_KEY not set: generated a key for secrets at rest in DATA_DIR (back it up with the data)',
  );
  return key;
}
