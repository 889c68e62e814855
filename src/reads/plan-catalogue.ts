// The catalogue is built once per app (AppContext.plans), so it lives below the app context, in telegent/.
export {
  createPlanCatalogue,
  type Plan,
  type PlanCatalogue,
  type PlanCatalogueDeps,
  type PlanCatalogueResult,
} from '../telegent/plan-catalogue.js';
