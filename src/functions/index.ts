import type { AppContext } from '../app-context.js';
import type { Listeners } from '../slack/listeners.js';
import { checkPortinEligibilityStep } from './check-portin-eligibility.js';
import { lookupNumberStep } from './lookup-number.js';
import { unknownStep } from './unknown-step.js';

/** Callback ids of the Workflow Builder steps (manifest.yml `functions:`). */
export const STEP = {
  checkPortinEligibility: 'check_portin_eligibility',
  lookupNumber: 'lookup_number',
} as const;

/** Every Workflow Builder step (read steps only: nothing here files a request). */
export function registerFunctions(on: Listeners, ctx: AppContext): void {
  on.function(STEP.checkPortinEligibility, checkPortinEligibilityStep(ctx));
  on.function(STEP.lookupNumber, lookupNumberStep(ctx));
  on.event(
    'function_executed',
    unknownStep(ctx, (id) => on.registered('function').includes(id)),
  );
}
