import { type FieldResult, fail, ok, parsedString } from './result.js';

export const PRODUCT_TYPES = ['Sms-Only', 'Data-Only', 'Sms+Data', 'Sms+Data+Voice'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];
export const PRODUCT_TYPE_HINT = `one of ${PRODUCT_TYPES.join(', ')}`;

/** Any casing in, Telegent's canonical casing out ("only these four are processed correctly"). */
export function parseProductType(raw: string): FieldResult<ProductType> {
  const value = raw.trim().toLowerCase().replace(/\s+/g, '');
  const match = PRODUCT_TYPES.find((p) => p.toLowerCase() === value);
  return match
    ? ok(match)
    : fail(`"${raw.trim().slice(0, 30)}" is not a product type; use ${PRODUCT_TYPE_HINT}`);
}

export const productTypeSchema = parsedString(parseProductType, PRODUCT_TYPE_HINT);

/** The features a product type includes. */
export function productFeatures(product: ProductType): { sms: boolean; data: boolean; voice: boolean } {
  return {
    sms: product.startsWith('Sms'),
    data: product.includes('Data'),
    voice: product.endsWith('Voice'),
  };
}
