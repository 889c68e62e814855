import type { KnownBlock } from '@slack/types';
import type { Plan, PlanCatalogueResult } from '../telegent/plan-catalogue.js';
import { PLANS_NOT_ENABLED_HELP } from '../telegent/plans-availability.js';
import { context, header, type MessagePayload, message, sandboxBlocks, section } from './blocks.js';
import { escapeMrkdwn, fitItems, LIMITS } from './limits.js';
import { planPriceWords } from './plan-words.js';

function planBlock(plan: Plan): KnownBlock {
  const contents = plan.contents.length > 0 ? plan.contents.join(' · ') : 'contents not listed by Telegent';
  return section(
    `*${escapeMrkdwn(plan.name)}* — ${escapeMrkdwn(planPriceWords(plan))}\n${escapeMrkdwn(contents)}`,
  );
}

/**
 * `/telegent plans`: the account's active plans, each with its price and what it contains; or why there are
 * none (not enabled for the account, or none set up), with what to do.
 */
export function plansMessage(args: {
  result: PlanCatalogueResult;
  sandbox?: boolean | undefined;
}): MessagePayload {
  const head: KnownBlock[] = [...sandboxBlocks(args.sandbox), header('Plans on this Telegent account')];
  const { result } = args;
  if (!result.enabled)
    return message(result.reason, [...head, section(escapeMrkdwn(PLANS_NOT_ENABLED_HELP))], args.sandbox);
  if (result.plans.length === 0) {
    const none = 'This Telegent account has no active plans.';
    return message(
      none,
      [
        ...head,
        section(`${none} Plans (packages) are set up in the Telegent portal; ask whoever runs the account.`),
      ],
      args.sandbox,
    );
  }
  const foot = context('Only active plans are shown. Prices are what the customer pays.');
  const body = fitItems(
    result.plans,
    (plan) => [planBlock(plan)],
    { maxBlocks: LIMITS.messageBlocks - head.length - 1, maxChars: LIMITS.messageTextBudget },
    (hidden) => context(`…and ${hidden} more plan(s) not shown here.`),
  );
  return message(`${result.plans.length} active plan(s)`, [...head, ...body, foot], args.sandbox);
}
