import type { Logger } from '../log.js';
import type { CallOptions } from './caller.js';
import type { TelegentClient } from './client.js';
import { isTelegentError } from './errors.js';
import type { Package } from './plans-api.js';
import { isPlansNotEnabled, PLANS_NOT_ENABLED } from './plans-availability.js';

// In telegent/ beside picker-source.ts: one cache per process, held by the app context (which reads/ imports).

/** A package as the app offers it: what a person picks and reads on a card. */
export interface Plan {
  packageId: string;
  name: string;
  price: number | null;
  monthly: boolean | null;
  /** What the plan contains: its items' product descriptions. */
  contents: string[];
}

export type PlanCatalogueResult = { enabled: true; plans: Plan[] } | { enabled: false; reason: string };

export interface PlanCatalogue {
  /**
   * The account's active packages, not those made for one subscriber. Read at most every `ttlMs` (one read at a
   * time); an older list is answered at once while a fresh one is read. `fresh` waits for a new read.
   */
  list(options?: CallOptions & { fresh?: boolean }): Promise<PlanCatalogueResult>;
  /** One package by id (any casing), inactive and one-subscriber ones too (a line may be on one); undefined if unknown. */
  get(packageId: string, options?: CallOptions): Promise<Plan | undefined>;
}

export interface PlanCatalogueDeps {
  telegent: Pick<TelegentClient, 'plans'>;
  logger: Logger;
  /** How long a list is fresh (default 5 min). */
  ttlMs?: number;
  /** How long a product's description is kept (default 1 h: products rarely change). */
  productTtlMs?: number;
  now?: () => number;
}

interface Timed<T> {
  at: number;
  value: Promise<T>;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function createPlanCatalogue(deps: PlanCatalogueDeps): PlanCatalogue {
  const { telegent, logger } = deps;
  const ttlMs = deps.ttlMs ?? 5 * 60_000;
  const productTtlMs = deps.productTtlMs ?? 60 * 60_000;
  const now = deps.now ?? Date.now;
  const products = new Map<string, Timed<string | undefined>>();
  const packages = new Map<string, Timed<Plan | undefined>>();
  let last: { at: number; result: PlanCatalogueResult } | undefined;
  let reading: Promise<PlanCatalogueResult> | undefined;
  let saidNotEnabled = false;

  /** Cached per key with a lifetime; a failed read is forgotten at once. */
  function cached<T>(map: Map<string, Timed<T>>, key: string, life: number, read: () => Promise<T>) {
    const hit = map.get(key);
    if (hit && now() - hit.at < life) return hit.value;
    const value = read();
    map.set(key, { at: now(), value });
    value.catch(() => map.delete(key));
    return value;
  }

  const description = (productId: string, options?: CallOptions) =>
    cached(products, productId.toLowerCase(), productTtlMs, async () => {
      const product = await telegent.plans.getProduct(productId, options);
      return product.Description ?? product.SKU ?? undefined;
    });

  async function contents(packageId: string, options?: CallOptions): Promise<string[]> {
    try {
      const items = await telegent.plans.listPackageItems(packageId, options);
      const words = await Promise.all(
        items.filter((i) => i.Active).map((i) => description(i.ProductId, options)),
      );
      return [...new Set(words.filter((w): w is string => !!w))];
    } catch (error) {
      if (isPlansNotEnabled(error)) throw error;
      // The plan can still be named and priced; what it contains is shown again at the next read.
      logger.warn({ err: error, packageId }, 'plan contents could not be read');
      return [];
    }
  }

  const toPlan = async (p: Package, options?: CallOptions): Promise<Plan> => ({
    packageId: p.PackageId,
    name: p.PackageName?.trim() || p.PackageId,
    price: p.Price ?? null,
    monthly: p.Monthly ?? null,
    contents: await contents(p.PackageId, options),
  });

  function notEnabled(error: unknown): PlanCatalogueResult {
    if (!saidNotEnabled) {
      saidNotEnabled = true;
      logger.warn(
        { err: error },
        `${PLANS_NOT_ENABLED}: plan fields are hidden and no line is put on a plan`,
      );
    }
    return { enabled: false, reason: PLANS_NOT_ENABLED };
  }

  async function read(options?: CallOptions): Promise<PlanCatalogueResult> {
    try {
      const list = await telegent.plans.listAccountPackages({ Filter: 'Active' }, options);
      // Packages made for one subscriber are not offered to everyone (reference §2, picker flow step 5).
      const offered = list.Results.filter((p) => p.Active && !p.SubscriberId);
      return { enabled: true, plans: await Promise.all(offered.map((p) => toPlan(p, options))) };
    } catch (error) {
      if (isPlansNotEnabled(error)) return notEnabled(error);
      throw error;
    }
  }

  function refresh(options?: CallOptions): Promise<PlanCatalogueResult> {
    if (reading) return reading;
    const started = now();
    const current = read(options).then((result) => {
      last = { at: started, result };
      return result;
    });
    reading = current;
    void current.then(
      () => {
        reading = undefined;
      },
      () => {
        reading = undefined;
      },
    );
    return current;
  }

  async function list(options: CallOptions & { fresh?: boolean } = {}): Promise<PlanCatalogueResult> {
    const { fresh, ...call } = options;
    if (!last || fresh) return refresh(call);
    if (now() - last.at >= ttlMs)
      refresh({ ...call, priority: 'background' }).catch((error: unknown) =>
        logger.warn({ err: error }, 'plan list could not be read again; the last one is shown'),
      );
    return last.result;
  }

  async function get(packageId: string, options?: CallOptions): Promise<Plan | undefined> {
    const listed = await list(options).catch(() => undefined);
    if (listed && !listed.enabled) return undefined;
    const hit = listed?.plans.find((p) => same(p.packageId, packageId));
    if (hit) return hit;
    // Not offered (inactive, made for one subscriber) but a line may be on it: read it by id.
    return cached(packages, packageId.toLowerCase(), ttlMs, async () => {
      try {
        return await toPlan(await telegent.plans.getPackage(packageId, options), options);
      } catch (error) {
        if (isPlansNotEnabled(error) || (isTelegentError(error) && error.status === 404)) return undefined;
        throw error;
      }
    });
  }

  return { list, get };
}
