import type { OpContext, Reconciliation } from './operation.js';
import type { ProvisionInput } from './provision.js';

function usDate(now: Date): string {
  const [year, month, day] = now.toISOString().slice(0, 10).split('-');
  return `${month}/${day}/${year}`;
}

/**
 * After an ambiguous provision: a number bought today for the same subscriber (and area code) in the
 * inventory means it probably went through. Telegent cannot list provisions, so this never resolves the
 * request on its own: a person confirms with Telegent.
 */
export async function readBackProvision(ctx: OpContext, input: ProvisionInput): Promise<Reconciliation> {
  const page = await ctx.telegent.listInventory(
    { Filter: 'All', PageNumber: 1, TotalNumbersRequested: 500 },
    ctx.callOptions,
  );
  const today = usDate(ctx.now());
  const candidates = page.PhoneNumbers.filter(
    (record) =>
      record.AssignedSubscriberId === input.assignedSubscriberId &&
      record.OriginalDatePurchased === today &&
      (!input.areaCode || record.Number.startsWith(`+1${input.areaCode}`)) &&
      // A batch's other items already got these: not this item's number.
      !ctx.settledNumbers?.includes(record.Number),
  );
  const [first] = candidates;
  if (!first) {
    return {
      checked: 'inventory',
      found: false,
      detail: `No number bought today for ${input.assignedSubscriberId} is in the inventory yet: the provision probably did not happen. Check again before retrying.`,
    };
  }
  return {
    checked: 'inventory',
    found: true,
    number: first.Number,
    detail: `${candidates.length === 1 ? first.Number : `${candidates.length} numbers, e.g. ${first.Number},`} bought today for ${input.assignedSubscriberId} appear in the inventory: the provision probably went through. Do not retry; confirm with Telegent.`,
  };
}
