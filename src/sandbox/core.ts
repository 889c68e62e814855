import { randomBytes } from 'node:crypto';
import { type Logger, silentLogger } from '../log.js';
import { ScaledClock } from './clock.js';
import { Faults } from './faults.js';
import { Journal } from './journal.js';
import { settleOrders } from './lifecycle.js';
import { SeededRandom } from './random.js';
import { RateLimiter } from './rate-limit.js';
import { seedData } from './seed.js';
import type { SandboxData } from './state.js';
import type { SandboxOptions } from './types.js';

/** Everything one sandbox instance holds; handlers receive it. */
export class SandboxCore {
  readonly clock: ScaledClock;
  readonly random: SeededRandom;
  readonly data: SandboxData;
  readonly journal = new Journal();
  readonly faults: Faults;
  readonly rateLimiter: RateLimiter;
  /** HS256 key for this instance: tokens from another instance are garbage here. */
  readonly signingKey = randomBytes(32);
  readonly logger: Logger;
  readonly accountKey: string;
  readonly accountSecret: string;
  tokenTtlSeconds: number;

  constructor(options: SandboxOptions) {
    this.clock = new ScaledClock(options.startTime ?? new Date(), options.speed);
    this.random = new SeededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
    this.faults = new Faults(this.random);
    this.rateLimiter = new RateLimiter(options.rateLimitPerMinute);
    this.data = seedData(this.clock.now());
    this.logger = options.logger ?? silentLogger;
    this.accountKey = options.accountKey;
    this.accountSecret = options.accountSecret;
    this.tokenTtlSeconds = options.tokenTtlSeconds;
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  newId(prefix: string): string {
    return `${prefix}-${this.random.uuid()}`;
  }

  /** Applies order side effects that became due on the sandbox clock (lazy, so time jumps are exact). */
  settle(): void {
    settleOrders(this, this.nowMs());
  }
}
