import type { AppContext } from '../app-context.js';
import { parseEmail } from '../operations/fields/email.js';
import { ID_KINDS, parseTelegentId } from '../operations/fields/telegent-ids.js';
import { nameInSubscriberLabel } from '../telegent/picker-source.js';
import { planFromCatalogue } from '../views/submissions/plan-from-catalogue.js';

/** A subscriber as the step was given it: a TSUID as is, an email looked up (as the form's picker does). */
export async function subscriberFromInput(
  ctx: Pick<AppContext, 'pickers'>,
  typed: string | undefined,
): Promise<{ id: string; name?: string | undefined } | { error: string }> {
  const hint = 'give the customer’s email or Telegent subscriber id (TSUID-…)';
  if (!typed) return { error: `Subscriber: required; ${hint}.` };
  if (typed.includes('@')) {
    const email = parseEmail(typed);
    if (!email.ok) return { error: `Subscriber: ${email.message}.` };
    const found = await ctx.pickers.findSubscriberByEmail(email.value);
    if (!found) {
      return {
        error: `Subscriber: no Telegent subscriber has the email ${email.value}. Create them first (/telegent subscriber new), or give their TSUID.`,
      };
    }
    return { id: found.value, name: nameInSubscriberLabel(found.label) };
  }
  const id = parseTelegentId(typed, ID_KINDS.subscriber);
  if (!id.ok) return { error: `Subscriber: ${id.message}; or give the customer’s email.` };
  const listed = (await ctx.pickers.list('subscriber').catch(() => [])).find(
    (option) => option.value.toLowerCase() === id.value.toLowerCase(),
  );
  return { id: id.value, name: nameInSubscriberLabel(listed?.label) };
}

/**
 * The plan as the step was given it (a plan's id or its name, any casing), checked as the forms check it
 * (planFromCatalogue): required when the account has active plans, one of them, named and priced for the card.
 */
export async function planFromInput(
  ctx: Pick<AppContext, 'plans'>,
  raw: Record<string, unknown>,
  typed: string | undefined,
): Promise<{ values: Record<string, unknown> } | { error: string }> {
  let packageId = typed;
  if (typed) {
    const listing = await ctx.plans.list().catch(() => undefined);
    const byName =
      listing?.enabled === true
        ? listing.plans.find((p) => p.name.trim().toLowerCase() === typed.toLowerCase())
        : undefined;
    packageId = byName?.packageId ?? typed;
  }
  // No ack is waiting: the list may take as long as a read takes.
  const checked = await planFromCatalogue({ ...raw, ...(packageId ? { packageId } : {}) }, ctx, 10_000, [
    'packageId',
  ]);
  if ('errors' in checked) return { error: Object.values(checked.errors).join('; ') };
  return checked;
}
