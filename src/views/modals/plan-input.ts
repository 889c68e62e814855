import type { KnownBlock } from '@slack/types';
import { ACTION } from '../../messages/ids.js';
import { type Choice, externalSelectInput, selectInput } from '../inputs.js';

/**
 * What a provision or port-in form asks about the plan, from the plan list as the form found it:
 * - `none`: plans are not enabled for the account, or it has no active plan: no field;
 * - `only`: one active plan: chosen for the person, folded behind "More options…" (said in the defaults line);
 * - `choose`: several: a required list;
 * - `search`: the list was not read in time to open the form: a picker that lists the plans once they are read
 *   (the submission then says whether a plan is required).
 */
export type PlanField =
  | { ask: 'none' }
  | { ask: 'only'; plan: Choice }
  | { ask: 'choose'; plans: Choice[] }
  | { ask: 'search' };

const HINT = 'What the line is billed on, from the account’s plans';

/** The Plan input's blocks: among the main fields, among the folded ones, and the defaults line's words. */
export function planInputBlocks(field: PlanField | undefined): {
  main: KnownBlock[];
  folded: KnownBlock[];
  defaults: string[];
} {
  switch (field?.ask) {
    case 'only':
      return {
        main: [],
        folded: [
          selectInput({ field: 'packageId', choices: [field.plan], initial: field.plan.value, hint: HINT }),
        ],
        defaults: [`plan ${field.plan.text} (the only one)`],
      };
    case 'choose':
      return {
        main: [
          selectInput({
            field: 'packageId',
            choices: field.plans,
            hint: HINT,
            placeholder: 'Choose a plan…',
          }),
        ],
        folded: [],
        defaults: [],
      };
    case 'search':
      return {
        main: [
          externalSelectInput({
            field: 'packageId',
            actionId: ACTION.planPicker,
            optional: true,
            hint: `${HINT} (required when the account has plans)`,
            placeholder: 'Choose a plan…',
          }),
        ],
        folded: [],
        defaults: [],
      };
    default:
      return { main: [], folded: [], defaults: [] };
  }
}
