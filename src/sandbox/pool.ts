import { INELIGIBLE_NUMBER_SUFFIX, PORTIN_LOCKED_NUMBER_SUFFIX, WIRELINE_NUMBER_SUFFIX } from './magic.js';
import type { PoolZip, SandboxData } from './state.js';

const LAST_LINE = 9999;
const SKIPPED_SUFFIXES = [
  INELIGIBLE_NUMBER_SUFFIX,
  WIRELINE_NUMBER_SUFFIX,
  PORTIN_LOCKED_NUMBER_SUFFIX,
  '9999',
];

export const remaining = (zip: PoolZip) => Math.max(0, LAST_LINE + 1 - zip.nextLine);

/** Pool entries to offer: AreaCode first, else ZipCode, else everything. */
export function matchingZips(data: SandboxData, areaCode?: string, zipCode?: string): PoolZip[] {
  if (areaCode) return data.pool.filter((z) => z.areaCode === areaCode);
  if (zipCode) return data.pool.filter((z) => z.zip === zipCode);
  return data.pool;
}

/**
 * Takes the next free number: the AreaCode's zips (the given ZipCode first), else the ZipCode's, else any.
 * Undefined when the chosen zips are exhausted.
 */
export function takeNumber(
  data: SandboxData,
  areaCode?: string,
  zipCode?: string,
): { number: string; zip: PoolZip } | undefined {
  const byArea = areaCode ? data.pool.filter((z) => z.areaCode === areaCode) : [];
  const byZip = zipCode ? data.pool.filter((z) => z.zip === zipCode) : [];
  const candidates = byArea.length
    ? [...byArea.filter((z) => z.zip === zipCode), ...byArea]
    : byZip.length
      ? byZip
      : data.pool;
  for (const zip of candidates) {
    while (zip.nextLine <= LAST_LINE) {
      const line = String(zip.nextLine++);
      const number = `+1${zip.areaCode}${zip.exchange}${line}`;
      if (SKIPPED_SUFFIXES.includes(line) || data.numbers.has(number)) continue;
      return { number, zip };
    }
  }
  return undefined;
}
