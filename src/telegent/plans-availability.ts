import { TELEGENT_ENDPOINTS } from './endpoints.js';
import { isTelegentError } from './errors.js';

/** What the app says when Telegent answers the plans paths as if they were not there (see isPlansNotEnabled). */
export const PLANS_NOT_ENABLED = 'Plans are not enabled for this Telegent account';

/** The same, with what to do: for someone who asked for plans. */
export const PLANS_NOT_ENABLED_HELP = `${PLANS_NOT_ENABLED}: lines are not put on a plan from Slack, and everything else works as before. To use plans, ask Telegent to enable packages and subscriptions for the account's key.`;

const E = TELEGENT_ENDPOINTS;
const PLANS_PATHS: ReadonlySet<string> = new Set(
  [
    E.accountPackages,
    E.packageDetails,
    E.packageItems,
    E.productDetails,
    E.accountProducts,
    E.subscriptionCreate,
    E.subscriptionDetails,
    E.subscriptionUpdate,
    E.subscriptionDelete,
    E.distributorSubscriptions,
    E.accountSubscriptions,
  ].map((e) => e.path),
);

/** Lists name no id: a 404 there cannot mean "that package / subscription does not exist". */
const LIST_PATHS: ReadonlySet<string> = new Set(
  [E.accountPackages, E.accountProducts, E.distributorSubscriptions, E.accountSubscriptions].map(
    (e) => e.path,
  ),
);

/** A router's words for a path it has no route for (ASP.NET: "No HTTP resource was found that matches…"). */
const PATH_WORDS = /no http resource|request uri|not enabled|not supported|endpoint|\broute\b|\bpath\b/i;
/** Words of a handler that ran and did not find what it was asked for. */
const THING_WORDS = /subscriber|subscription|package|product|tnid|\bnid\b|number|iccid|\bsim\b|item/i;

/**
 * Telegent answered a plans path as if this account had no plans: 403 (the key may not use it; the subscription
 * ops are `x-internal` in the published spec), or a 404 that is about the path, not about an id ("Subscriber not
 * found" is an answer; "No HTTP resource was found…", an empty body or, on a list, the generic text is not).
 */
export function isPlansNotEnabled(error: unknown): boolean {
  if (!isTelegentError(error) || !PLANS_PATHS.has(error.endpoint)) return false;
  if (error.status === 403) return true;
  if (error.status !== 404) return false;
  const message = error.telegentMessage?.trim() ?? '';
  if (message === '' || PATH_WORDS.test(message)) return true;
  if (THING_WORDS.test(message)) return false;
  return LIST_PATHS.has(error.endpoint);
}
