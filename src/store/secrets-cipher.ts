import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretsCipher {
  /** JSON-serialises `value` and encrypts it: `v1:` + base64(iv | tag | ciphertext). */
  encrypt(value: unknown): string;
  /** Reverses `encrypt`; throws if the text was tampered with or encrypted under another key. */
  decrypt<T = Record<string, unknown>>(text: string): T;
}

export class SecretsDecryptError extends Error {
  override name = 'SecretsDecryptError';
}

/** AES-256-GCM field encryption for secrets at rest. */
export function createSecretsCipher(key: Buffer): SecretsCipher {
  if (key.length !== 32) throw new Error(`The encryption key must be 32 bytes, got ${key.length}.`);
  return {
    encrypt(value) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
    },
    decrypt<T>(text: string): T {
      const [version, payload] = text.split(':', 2);
      if (version !== VERSION || !payload) {
        throw new SecretsDecryptError(`Unknown secrets format (expected ${VERSION}:…).`);
      }
      const raw = Buffer.from(payload, 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES)
        throw new SecretsDecryptError('Encrypted secrets are truncated.');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
        return JSON.parse(plain.toString('utf8')) as T;
      } catch (error) {
        throw new SecretsDecryptError(
          'Stored secrets could not be decrypted: ENCRYPTION_KEY differs from the key they were written with.',
          { cause: error },
        );
      }
    },
  };
}
