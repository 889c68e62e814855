import type { HandlerContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { queryParam } from '../fields.js';
import { isE164 } from '../formats.js';
import { inventoryRecord, numberDetails } from '../views.js';

const FILTERS = ['All', 'Active', 'Inactive', 'Pending', 'Parked', 'Cancelled'] as const;

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`${name} must be a positive integer.`);
  return n;
}

/** GET /v1.0/numbers/inventory?PageNumber=&Filter=&TotalNumbersRequested= (page size default 10). */
export function inventory({ core, query }: HandlerContext): unknown {
  const page = positiveInt(queryParam(query, 'PageNumber'), 'PageNumber', 1);
  const size = positiveInt(queryParam(query, 'TotalNumbersRequested'), 'TotalNumbersRequested', 10);
  const filterInput = queryParam(query, 'Filter') ?? 'All';
  const filter = FILTERS.find((f) => f.toLowerCase() === filterInput.toLowerCase());
  if (!filter) throw badRequest(`Filter must be one of: ${FILTERS.join(', ')}.`);
  const all = [...core.data.numbers.values()].filter((r) =>
    filter === 'All' ? true : filter === 'Inactive' ? r.Status !== 'Active' : r.Status === filter,
  );
  return {
    AccountId: core.data.accountId,
    TotalResults: all.length,
    PageNumber: page,
    Filter: filter,
    PhoneNumbers: all.slice((page - 1) * size, page * size).map(inventoryRecord),
  };
}

/** GET /v1.0/numbers?Number=|PhoneNumber=|ICCID= */
export function numberLookup({ core, query }: HandlerContext): unknown {
  const number = queryParam(query, 'Number') ?? queryParam(query, 'PhoneNumber');
  const iccid = queryParam(query, 'ICCID');
  if (number) {
    if (!isE164(number)) throw badRequest('Invalid phone number format. Must be in E.164 format.');
    const record = core.data.numbers.get(number);
    if (!record) throw notFound();
    return numberDetails(record);
  }
  if (iccid) {
    const record = [...core.data.numbers.values()].find((r) => r.Iccid === iccid);
    if (!record) throw notFound();
    return numberDetails(record);
  }
  throw badRequest('One of Number, PhoneNumber or ICCID is required.');
}
