/** Plans in the sandbox (plans-guardian reference §1–2): products → package items → packages → subscriptions. */

export interface PlanProduct {
  ProductId: string;
  SKU: string;
  Description: string;
  Type: string;
  SubType: string;
  Cost: number;
  BillingFrequency: 'MRC' | 'NRC';
  Active: boolean;
}

export interface PlanPackage {
  PackageId: string;
  PackageName: string;
  Type: string;
  /** Set when the package was made for one subscriber (reference §2). */
  SubscriberId: string | null;
  Price: number;
  Monthly: boolean;
  Active: boolean;
}

export interface PlanPackageItem {
  PackageItemId: string;
  PackageId: string;
  ProductId: string;
  Type: string;
  Price: number;
  Monthly: boolean;
  Active: boolean;
}

export interface SubscriptionRecord {
  SubscriptionId: string;
  SubscriberId: string;
  /** As sent: the number's `NID-` (provision's PhoneNumberId) or its `TNID-` (KB: used interchangeably). */
  TNID: string | null;
  ICCID: string | null;
  PackageId: string;
  Type: string;
  Active: boolean;
}

/**
 * The "plans not enabled for this account" knob: the listed plans paths answer `status` as if the path did not
 * exist (404) or the key may not use it (403). The subscription ops are `x-internal` in the published spec (§1.0).
 */
export interface PlansRefusal {
  status: 403 | 404;
  /** Lower-case API paths; every plans path when the knob was set without paths. */
  paths: ReadonlySet<string>;
}

export interface PlansData {
  products: PlanProduct[];
  packages: PlanPackage[];
  items: PlanPackageItem[];
  subscriptions: SubscriptionRecord[];
  refusal: PlansRefusal | null;
}
