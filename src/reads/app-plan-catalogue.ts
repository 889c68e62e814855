import type { AppContext } from '../app-context.js';
import { createPlanCatalogue, type PlanCatalogue } from './plan-catalogue.js';

/**
 * One plan catalogue per Telegent client (so per app, and shared by an app's listeners): made on first use, so the
 * app context needs no field for it (AppContext may not name reads/: reads import it).
 */
const catalogues = new WeakMap<object, PlanCatalogue>();

export function planCatalogueOf(ctx: Pick<AppContext, 'telegent' | 'logger'>): PlanCatalogue {
  let catalogue = catalogues.get(ctx.telegent);
  if (!catalogue) {
    catalogue = createPlanCatalogue({ telegent: ctx.telegent, logger: ctx.logger });
    catalogues.set(ctx.telegent, catalogue);
  }
  return catalogue;
}
