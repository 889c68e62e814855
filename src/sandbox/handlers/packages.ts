import type { HandlerContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { queryParam, requiredMessage } from '../fields.js';
import type { PlanPackage, PlanPackageItem, PlanProduct } from '../plans-state.js';
import { checkAccountId } from './lookups.js';

/** The sandbox's aggregator (every plan object names one, §2). */
export const SANDBOX_AGGREGATOR_ID = 'AGID-2b7e4c91-5d3a-4f86-b0e2-9c1a7d5e3f48';

const FILTERS = ['All', 'Active', 'Inactive'] as const;
export type ListFilter = (typeof FILTERS)[number];

/** `Filter` of the plans lists: All (default), Active, Inactive, any casing; anything else is a 400. */
export function listFilter(query: URLSearchParams): ListFilter {
  const input = queryParam(query, 'Filter') ?? 'All';
  const filter = FILTERS.find((f) => f.toLowerCase() === input.toLowerCase());
  if (!filter) throw badRequest(`Filter must be one of: ${FILTERS.join(', ')}.`);
  return filter;
}

export const passes = (filter: ListFilter, active: boolean) =>
  filter === 'All' || (filter === 'Active') === active;

const sameId = (a: string | null | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();

export function requiredId(query: URLSearchParams, name: string): string {
  const value = queryParam(query, name);
  if (!value) throw badRequest(requiredMessage(name));
  return value;
}

export function findPackage(core: HandlerContext['core'], id: string): PlanPackage | undefined {
  return core.data.plans.packages.find((p) => sameId(p.PackageId, id));
}

const packageView = (core: HandlerContext['core'], p: PlanPackage) => ({
  PackageId: p.PackageId,
  PackageName: p.PackageName,
  DistributorId: core.accountKey,
  AggregatorId: SANDBOX_AGGREGATOR_ID,
  SubscriberId: p.SubscriberId,
  Type: p.Type,
  Price: p.Price,
  Monthly: p.Monthly,
  Active: p.Active,
});

/**
 * Package item `Price` is written as a string (item add takes `"1.12"`, §2); the sandbox answers it the way it
 * was written, so clients must read prices leniently (§6.6).
 */
const itemView = (core: HandlerContext['core'], item: PlanPackageItem) => ({
  PackageItemId: item.PackageItemId,
  PackageId: item.PackageId,
  ProductId: item.ProductId,
  AggregatorId: SANDBOX_AGGREGATOR_ID,
  DistributorId: core.accountKey,
  Type: item.Type,
  Price: item.Price.toFixed(2),
  Monthly: item.Monthly,
  Active: item.Active,
});

const productView = (p: PlanProduct) => ({
  ProductId: p.ProductId,
  SKU: p.SKU,
  Description: p.Description,
  AggregatorId: SANDBOX_AGGREGATOR_ID,
  DistributorId: null,
  Type: p.Type,
  SubType: p.SubType,
  Cost: p.Cost,
  BillingFrequency: p.BillingFrequency,
  Active: p.Active,
});

/** GET /v1.0/account/packages?Filter=&AccountId=: shape INFERRED (§7), like account/products. */
export function accountPackages({ core, query }: HandlerContext): unknown {
  checkAccountId(core, queryParam(query, 'AccountId'));
  const filter = listFilter(query);
  const results = core.data.plans.packages.filter((p) => passes(filter, p.Active));
  return {
    AccountId: core.data.accountId,
    TotalPackages: results.length,
    Filter: filter,
    Results: results.map((p) => packageView(core, p)),
  };
}

/** GET /v1.0/packages?PackageId= (the spec marks it optional; the sandbox requires it: INFERRED). */
export function packageDetails({ core, query }: HandlerContext): unknown {
  const found = findPackage(core, requiredId(query, 'PackageId'));
  if (!found) throw notFound('Package not found');
  return packageView(core, found);
}

/** GET /v1.0/packages/items?PackageId=: a bare array, as the example shows (the schema says object). */
export function packageItems({ core, query }: HandlerContext): unknown {
  const found = findPackage(core, requiredId(query, 'PackageId'));
  if (!found) throw notFound('Package not found');
  return core.data.plans.items
    .filter((item) => sameId(item.PackageId, found.PackageId))
    .map((item) => itemView(core, item));
}

/** GET /v1.0/products?ProductId= */
export function productDetails({ core, query }: HandlerContext): unknown {
  const id = requiredId(query, 'ProductId');
  const found = core.data.plans.products.find((p) => sameId(p.ProductId, id));
  if (!found) throw notFound('Product not found');
  return productView(found);
}

/** GET /v1.0/account/products?Filter=: `{DistributorId, TotalProducts, Filter, Results[]}` (S0). */
export function accountProducts({ core, query }: HandlerContext): unknown {
  checkAccountId(core, queryParam(query, 'AccountId'));
  const filter = listFilter(query);
  const results = core.data.plans.products.filter((p) => passes(filter, p.Active));
  return {
    DistributorId: core.accountKey,
    TotalProducts: results.length,
    Filter: filter,
    Results: results.map(productView),
  };
}
