import type { HandlerContext } from '../context.js';
import { badRequest } from '../errors.js';
import { optInt, optString, reqBool, reqString } from '../fields.js';
import { PROVISION_EMPTY_AREA_CODE } from '../magic.js';
import { matchingZips, remaining } from '../pool.js';

export function areaCodeParam(body: unknown): string | undefined {
  const areaCode = optString(body, 'AreaCode');
  if (areaCode !== undefined && !/^\d{3}$/.test(areaCode))
    throw badRequest('Area code must be a valid 3-digit code');
  return areaCode;
}

export function zipCodeParam(body: unknown): string | undefined {
  const zip = optString(body, 'ZipCode');
  if (zip !== undefined && !/^\d{5}$/.test(zip))
    throw badRequest('ZipCode must be a valid 5-digit US zip code');
  return zip;
}

/** POST /v1.0/numbers/availability: areas (not numbers) that have numbers, AreaCode first, ZipCode as fallback. */
export function availability({ core, now, body }: HandlerContext): unknown {
  const numberType = reqString(body, 'NumberType');
  if (numberType.toLowerCase() !== 'mobile') throw badRequest('NumberType must be mobile.');
  const messageEnabled = reqBool(body, 'MessageEnabled');
  const voiceEnabled = reqBool(body, 'VoiceEnabled');
  const page = optInt(body, 'PageNumber') ?? 1;
  if (page < 1) throw badRequest('PageNumber must be 1 or more.');
  const areaCode = areaCodeParam(body);
  const zipCode = zipCodeParam(body);
  const zips = areaCode === PROVISION_EMPTY_AREA_CODE ? [] : matchingZips(core.data, areaCode, zipCode);
  const open = zips.filter((z) => remaining(z) > 0);
  return {
    RequestId: `T-${core.random.digits(5)}`,
    RequestDate: new Date(now).toISOString(),
    NumberType: 'mobile',
    VoiceEnabled: voiceEnabled,
    MessageEnabled: messageEnabled,
    AreaCode: areaCode ?? '',
    ZipCode: zipCode ?? '',
    PageNumber: page,
    ResultsTotal: open.reduce((sum, z) => sum + remaining(z), 0),
    AvailableNumberAreas:
      page === 1 ? open.map((z) => ({ NGP: z.ngp, AreaCode: Number(z.areaCode), Zipcode: z.zip })) : [],
  };
}
