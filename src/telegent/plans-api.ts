import { z } from 'zod';
import type { Caller, CallOptions } from './caller.js';
import { TELEGENT_ENDPOINTS } from './endpoints.js';
import { validateRequest } from './request-validation.js';
import { looseArray, looseBoolean, looseString, optBoolean, optNumber, optString } from './tolerant.js';

// Packages, products and subscriptions (plans-guardian reference §1–2). Ids are opaque (PID-/PKID-, SUB-,
// TSUID-/SID-, NID-): routed by field name, never checked by prefix. Prices come as numbers or strings.

export const PackageSchema = z.object({
  PackageId: looseString,
  PackageName: optString,
  Type: optString,
  /** Set when the package was made for one subscriber (hide it from everyone else's picker). */
  SubscriberId: optString,
  Price: optNumber,
  Monthly: optBoolean,
  Active: looseBoolean.nullish().transform((v) => v ?? true),
});
export type Package = z.output<typeof PackageSchema>;

/** `account/packages` is not in the stored material (§7): a bare array or `{Results|Packages}` are accepted. */
export const PackageListSchema = z.preprocess(
  (value) =>
    Array.isArray(value)
      ? { Results: value }
      : value && typeof value === 'object' && 'Packages' in value && !('Results' in value)
        ? { ...value, Results: (value as { Packages: unknown }).Packages }
        : value,
  z.object({ Filter: optString, TotalPackages: optNumber, Results: looseArray(PackageSchema) }),
);
export type PackageList = z.output<typeof PackageListSchema>;

export const PackageItemSchema = z.object({
  PackageItemId: optString,
  PackageId: optString,
  ProductId: looseString,
  Type: optString,
  Price: optNumber,
  Monthly: optBoolean,
  Active: looseBoolean.nullish().transform((v) => v ?? true),
});
export type PackageItem = z.output<typeof PackageItemSchema>;

/** The schema says object, the example is a bare array (§2): both become an array. */
export const PackageItemListSchema = z.preprocess(
  (value) =>
    Array.isArray(value)
      ? value
      : value && typeof value === 'object'
        ? ((value as { Results?: unknown; PackageItems?: unknown }).Results ??
          (value as { PackageItems?: unknown }).PackageItems ??
          [])
        : value,
  looseArray(PackageItemSchema),
);

export const ProductSchema = z.object({
  ProductId: looseString,
  SKU: optString,
  Description: optString,
  Type: optString,
  SubType: optString,
  Cost: optNumber,
  /** `MRC` / `NRC` on create, `"1"` in the list example (§6.6): shown raw. */
  BillingFrequency: optString,
  Active: looseBoolean.nullish().transform((v) => v ?? true),
});
export type Product = z.output<typeof ProductSchema>;

export const ProductListSchema = z.object({
  Filter: optString,
  TotalProducts: optNumber,
  Results: looseArray(ProductSchema),
});
export type ProductList = z.output<typeof ProductListSchema>;

export const SubscriptionSchema = z.object({
  SubscriptionId: looseString,
  SubscriberId: optString,
  /** The number's `NID-` (provision's `PhoneNumberId`); absent on a subscription with no number. */
  TNID: optString,
  ICCID: optString,
  PackageId: optString,
  /** `mvno`, `Mvno`, `Voip 1`… (§6.2): compare case-insensitively, show raw. */
  Type: optString,
  Active: looseBoolean.nullish().transform((v) => v ?? true),
});
export type Subscription = z.output<typeof SubscriptionSchema>;

export const SubscriptionListSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { Results: value } : value),
  z.object({
    Filter: optString,
    TotalSubscriptions: optNumber,
    Results: looseArray(SubscriptionSchema),
  }),
);
export type SubscriptionList = z.output<typeof SubscriptionListSchema>;

export const SubscriptionDeletedSchema = z.object({
  SubscriptionId: looseString,
  SubscriptionStatus: optString,
});
export type SubscriptionDeleted = z.output<typeof SubscriptionDeletedSchema>;

const id = z.string().min(1);
const listFilter = z.enum(['All', 'Active', 'Inactive']);

export const SubscriptionCreateRequestSchema = z.object({
  SubscriberId: id,
  PackageId: id,
  /** Lower-case `mvno` / `iot` from the number's classification (§6.2). */
  Type: id,
  TNID: id.optional(),
  ICCID: id.optional(),
});
export type SubscriptionCreateRequest = z.input<typeof SubscriptionCreateRequestSchema>;

/** Only the fields sent are changed (§1.3). */
export const SubscriptionUpdateRequestSchema = z.object({
  SubscriptionId: id,
  SubscriberId: id.optional(),
  TNID: id.optional(),
  ICCID: id.optional(),
  PackageId: id.optional(),
  Type: id.optional(),
});
export type SubscriptionUpdateRequest = z.input<typeof SubscriptionUpdateRequestSchema>;

export const ListQuerySchema = z.object({ Filter: listFilter.optional(), AccountId: id.optional() });
export type ListQuery = z.input<typeof ListQuerySchema>;

/** Plans: `telegent.plans.*`. Mutations resolve with Telegent's answer or throw a `TelegentError`. */
export interface PlansApi {
  listAccountPackages(query?: ListQuery, options?: CallOptions): Promise<PackageList>;
  getPackage(packageId: string, options?: CallOptions): Promise<Package>;
  listPackageItems(packageId: string, options?: CallOptions): Promise<PackageItem[]>;
  getProduct(productId: string, options?: CallOptions): Promise<Product>;
  listAccountProducts(query?: ListQuery, options?: CallOptions): Promise<ProductList>;
  /** Mutation (no idempotency key exists: callers claim before sending and look up after a crash). */
  createSubscription(request: SubscriptionCreateRequest, options?: CallOptions): Promise<Subscription>;
  getSubscription(subscriptionId: string, options?: CallOptions): Promise<Subscription>;
  /** Mutation: only the fields sent change (a plan change sends SubscriptionId + PackageId). */
  updateSubscription(request: SubscriptionUpdateRequest, options?: CallOptions): Promise<Subscription>;
  /** Mutation, irreversible: the subscriber and number stay, the plan ends. */
  deleteSubscription(subscriptionId: string, options?: CallOptions): Promise<SubscriptionDeleted>;
  /** Every subscription of the distributor (no paging, no filter by number: §1.5). */
  listDistributorSubscriptions(query?: ListQuery, options?: CallOptions): Promise<SubscriptionList>;
  listAccountSubscriptions(query?: ListQuery, options?: CallOptions): Promise<SubscriptionList>;
}

export function createPlansApi(caller: Caller, accountId: string | undefined): PlansApi {
  const E = TELEGENT_ENDPOINTS;
  const byId = (path: string, name: string, value: string) => ({
    query: { [name]: validateRequest(path, id, value) },
  });
  const listQuery = (path: string, query: ListQuery, withAccount: boolean) => {
    const q = validateRequest(path, ListQuerySchema, query);
    const account = q.AccountId ?? (withAccount ? accountId : undefined);
    return { query: { Filter: q.Filter, AccountId: account } };
  };
  return {
    listAccountPackages: async (query = {}, opts) =>
      caller.call(E.accountPackages, listQuery(E.accountPackages.path, query, true), PackageListSchema, opts),
    getPackage: async (packageId, opts) =>
      caller.call(E.packageDetails, byId(E.packageDetails.path, 'PackageId', packageId), PackageSchema, opts),
    listPackageItems: async (packageId, opts) =>
      caller.call(
        E.packageItems,
        byId(E.packageItems.path, 'PackageId', packageId),
        PackageItemListSchema,
        opts,
      ),
    getProduct: async (productId, opts) =>
      caller.call(E.productDetails, byId(E.productDetails.path, 'ProductId', productId), ProductSchema, opts),
    listAccountProducts: async (query = {}, opts) =>
      caller.call(E.accountProducts, listQuery(E.accountProducts.path, query, true), ProductListSchema, opts),
    createSubscription: async (request, opts) =>
      caller.call(
        E.subscriptionCreate,
        { body: validateRequest(E.subscriptionCreate.path, SubscriptionCreateRequestSchema, request) },
        SubscriptionSchema,
        opts,
      ),
    getSubscription: async (subscriptionId, opts) =>
      caller.call(
        E.subscriptionDetails,
        byId(E.subscriptionDetails.path, 'SubscriptionId', subscriptionId),
        SubscriptionSchema,
        opts,
      ),
    updateSubscription: async (request, opts) =>
      caller.call(
        E.subscriptionUpdate,
        { body: validateRequest(E.subscriptionUpdate.path, SubscriptionUpdateRequestSchema, request) },
        SubscriptionSchema,
        opts,
      ),
    deleteSubscription: async (subscriptionId, opts) =>
      caller.call(
        E.subscriptionDelete,
        { body: { SubscriptionId: validateRequest(E.subscriptionDelete.path, id, subscriptionId) } },
        SubscriptionDeletedSchema,
        opts,
      ),
    listDistributorSubscriptions: async (query = {}, opts) =>
      caller.call(
        E.distributorSubscriptions,
        listQuery(E.distributorSubscriptions.path, query, false),
        SubscriptionListSchema,
        opts,
      ),
    listAccountSubscriptions: async (query = {}, opts) =>
      caller.call(
        E.accountSubscriptions,
        listQuery(E.accountSubscriptions.path, query, true),
        SubscriptionListSchema,
        opts,
      ),
  };
}
