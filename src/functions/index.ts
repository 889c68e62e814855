import type { AppContext } from '../app-context.js';
import type { StepOutputs } from '../notify/step-outcome.js';
import type { AccessPolicy } from '../requests/access-decision.js';
import type { Listeners } from '../slack/listeners.js';
import { checkPortinEligibilityStep } from './check-portin-eligibility.js';
import { lookupNumberStep } from './lookup-number.js';
import { requestPortInStep } from './request-port-in.js';
import { requestProvisionStep } from './request-provision.js';
import { type RequestStepDefinition, requestStep } from './request-step.js';
import { unknownStep } from './unknown-step.js';

/** Callback ids of the Workflow Builder steps (manifest.yml `functions:`). */
export const STEP = {
  checkPortinEligibility: 'check_portin_eligibility',
  lookupNumber: 'lookup_number',
  requestProvision: requestProvisionStep.callbackId,
  requestPortIn: requestPortInStep.callbackId,
} as const;

/** The steps that file a request for a person (their `requester` input), completed once the request is done. */
const REQUEST_STEPS: readonly RequestStepDefinition[] = [requestProvisionStep, requestPortInStep];

export const REQUEST_STEP_IDS: readonly string[] = REQUEST_STEPS.map((s) => s.callbackId);

/** A request step's outputs by its callback id (notify/step-completion.ts). */
export function requestStepOutputs(callbackId: string): StepOutputs | undefined {
  return REQUEST_STEPS.find((s) => s.callbackId === callbackId)?.outputs;
}

export interface FunctionDeps {
  policy: AccessPolicy;
  /** Completes a request step's run if its request is done (notify/step-completion.ts). */
  settle(requestId: string): Promise<void>;
}

/** Every Workflow Builder step: the read steps, and the request steps (through approval, like /telegent). */
export function registerFunctions(on: Listeners, ctx: AppContext, deps: FunctionDeps): void {
  on.function(STEP.checkPortinEligibility, checkPortinEligibilityStep(ctx));
  on.function(STEP.lookupNumber, lookupNumberStep(ctx));
  for (const step of REQUEST_STEPS) on.function(step.callbackId, requestStep(ctx, deps, step));
  on.event(
    'function_executed',
    unknownStep(ctx, (id) => on.registered('function').includes(id)),
  );
}
