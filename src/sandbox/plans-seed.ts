import type {
  PlanPackage,
  PlanPackageItem,
  PlanProduct,
  PlansData,
  SubscriptionRecord,
} from './plans-state.js';
import type { NumberRecord } from './state.js';

/** Fixed plan ids, so tests and drills can name them. */
export const SEED_PACKAGES = {
  unlimitedPlus: 'PID-4e05843f-9018-4e7f-b8a0-2d1f038d58b2',
  basic: 'PID-3d01f5f8-6ef7-4421-b20b-ff5ae493b854',
  iot: 'PID-7cb95956-ace6-407e-ab97-5cf927dee9d6',
  activation: 'PID-b7cf8480-2391-4469-8ba1-a447b4440929',
  /** Inactive: never offered, refused on create. */
  legacy: 'PID-88e74df1-c806-4a29-baff-5aa9011b0e38',
  /** Made for one subscriber (SubscriberId set): hidden from everyone else's picker. */
  custom: 'PID-63d13f5f-d879-4f3c-a375-1d717117d5f6',
} as const;

export const SEED_PRODUCTS = {
  unlimitedTalkText: 'PRID-89B9C6CA-601F-43CD-881C-A98B54A5EDB3',
  unlimited5g: 'PRID-B5696535-0B4E-4710-B844-96251229BD08',
  talkText: 'PRID-C7DFC4D4-0215-4E6D-A46F-BE7F1717FFF7',
  iotData: 'PRID-1199E87E-6E30-4E54-8A0A-CCA2D34D4E98',
  activation: 'PRID-A04AF9F3-822D-44C7-87AE-E5E6BDF49C72',
  legacy3g: 'PRID-F7F92F5B-2B47-4916-A5E9-5479020929A3',
} as const;

/** Subscriptions seeded on the first seeded numbers (index into SEED_NUMBERS). */
export const SEED_SUBSCRIPTIONS = {
  /** SEED_NUMBERS[0] on Unlimited Plus, TNID as provision's `NID-`. */
  unlimited: { id: 'SUB-3402fb20-91f7-46eb-a006-b27222469752', numberIndex: 0 },
  /** SEED_NUMBERS[1] on Basic, TNID as the number record's `TNID-`, Type "Mvno" (REF's casing). */
  basic: { id: 'SUB-f4b41fc2-f170-4819-b0cd-782b1648d968', numberIndex: 1 },
  /** SEED_NUMBERS[4] (IoT) on IoT Data 1 GB. */
  iot: { id: 'SUB-e7306ec6-ecdf-4dbd-ae0c-34c9349615f2', numberIndex: 4 },
  /** SEED_NUMBERS[5]: an `Active:false` subscription (§1.6: they exist in data); the line has no live plan. */
  inactive: { id: 'SUB-7bbbc91c-64c2-47be-bfa3-2e644ff5c21c', numberIndex: 5 },
} as const;

const product = (
  ProductId: string,
  SKU: string,
  Description: string,
  Type: string,
  Cost: number,
  BillingFrequency: 'MRC' | 'NRC' = 'MRC',
): PlanProduct => ({
  ProductId,
  SKU,
  Description,
  Type,
  SubType: 'mvno',
  Cost,
  BillingFrequency,
  Active: true,
});

const pkg = (
  PackageId: string,
  PackageName: string,
  Price: number,
  Monthly: boolean,
  extra: Partial<PlanPackage> = {},
): PlanPackage => ({
  PackageId,
  PackageName,
  Type: 'Retail',
  SubscriberId: null,
  Price,
  Monthly,
  Active: true,
  ...extra,
});

const ITEM_IDS = [
  'PIID-76fd38fb-ce62-4c01-ba93-be0aae804d0f',
  'PIID-1e8d1292-a3a7-4464-986c-5ad38c6cbb1b',
  'PIID-e272929f-baf8-41bb-b167-74c89ca7d761',
  'PIID-80963c17-a962-42b8-b3ad-70e4f7096cb8',
  'PIID-5c0f7a2e-3b9d-4e61-8f4a-2d7c9b1e6a03',
  'PIID-9a3e6d14-7c25-4b8f-a1d0-6e2f5c8b3a71',
  'PIID-2f8b4c6d-1a3e-4d5f-9b7c-8e0a2d4f6b19',
];

export function seedPlans(numbers: Map<string, NumberRecord>, subscriberIds: readonly string[]): PlansData {
  const P = SEED_PRODUCTS;
  const K = SEED_PACKAGES;
  const products = [
    product(P.unlimitedTalkText, 'UTT-100', 'Unlimited talk & text', 'Voice', 8),
    product(P.unlimited5g, 'DATA-5GU', 'Unlimited 5G data', 'Data', 18.5),
    product(P.talkText, 'TT-1000', 'Talk & text, 1,000 minutes', 'Voice', 4),
    product(P.iotData, 'IOT-1GB', 'IoT data, 1 GB', 'Data', 1.25),
    product(P.activation, 'ACT-01', 'SIM activation', 'Fee', 2, 'NRC'),
    product(P.legacy3g, 'DATA-3G', '3G data, 2 GB', 'Data', 3),
  ];
  const packages = [
    pkg(K.unlimitedPlus, 'Unlimited Plus', 45, true),
    pkg(K.basic, 'Basic Talk & Text', 15, true),
    pkg(K.iot, 'IoT Data 1 GB', 5, true, { Type: 'IoT' }),
    pkg(K.activation, 'Activation', 10, false, { Type: 'Fee' }),
    pkg(K.legacy, 'Legacy 2019', 25, true, { Active: false }),
    pkg(K.custom, 'Custom rate (one subscriber)', 30, true, { SubscriberId: subscriberIds[0] ?? null }),
  ];
  const contents: Array<[string, string, number, boolean]> = [
    [K.unlimitedPlus, P.unlimitedTalkText, 20, true],
    [K.unlimitedPlus, P.unlimited5g, 25, true],
    [K.basic, P.talkText, 15, true],
    [K.iot, P.iotData, 5, true],
    [K.activation, P.activation, 10, false],
    [K.legacy, P.legacy3g, 25, true],
    [K.custom, P.unlimitedTalkText, 30, true],
  ];
  const items: PlanPackageItem[] = contents.map(([PackageId, ProductId, Price, Monthly], i) => ({
    PackageItemId: ITEM_IDS[i] as string,
    PackageId,
    ProductId,
    Type: 'Item',
    Price,
    Monthly,
    Active: true,
  }));
  return { products, packages, items, subscriptions: seedSubscriptions(numbers), refusal: null };
}

function seedSubscriptions(numbers: Map<string, NumberRecord>): SubscriptionRecord[] {
  const records = [...numbers.values()];
  const S = SEED_SUBSCRIPTIONS;
  const on = (
    seed: { id: string; numberIndex: number },
    PackageId: string,
    Type: string,
    tnid: (r: NumberRecord) => string,
    Active = true,
  ): SubscriptionRecord[] => {
    const record = records[seed.numberIndex];
    if (!record?.AssignedSubscriberId) return [];
    return [
      {
        SubscriptionId: seed.id,
        SubscriberId: record.AssignedSubscriberId,
        TNID: tnid(record),
        ICCID: record.Iccid,
        PackageId,
        Type,
        Active,
      },
    ];
  };
  return [
    ...on(S.unlimited, SEED_PACKAGES.unlimitedPlus, 'mvno', (r) => r.PhoneNumberId),
    ...on(S.basic, SEED_PACKAGES.basic, 'Mvno', (r) => r.Tnid),
    ...on(S.iot, SEED_PACKAGES.iot, 'iot', (r) => r.PhoneNumberId),
    ...on(S.inactive, SEED_PACKAGES.unlimitedPlus, 'mvno', (r) => r.PhoneNumberId, false),
  ];
}
