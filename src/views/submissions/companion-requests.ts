import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../../app-context.js';
import { section } from '../../messages/blocks.js';
import { escapeMrkdwn } from '../../messages/limits.js';
import { getOperation, type OperationKind } from '../../operations/registry.js';
import { formatFieldErrors } from '../../operations/validation-errors.js';
import type { SubmitArgs } from '../../requests/index.js';

/** A request a form files beside its own, as its own step (Cancel line…'s "also end the plan"). */
export interface CompanionRequest {
  kind: OperationKind;
  raw: Record<string, unknown>;
}

/**
 * Files each companion as a request of its own (its own approval card, story and audit trail: never a side effect
 * of the main one), once per form (the key is the form's and the kind's), and says in the form's result how each
 * went. Only called once the main request was accepted.
 */
export async function fileCompanions(
  ctx: AppContext,
  main: Omit<SubmitArgs, 'kind' | 'raw'> & { idempotencyKey: string },
  filedWith: { id: string; title: string },
  companions: readonly CompanionRequest[],
): Promise<KnownBlock[]> {
  const said: KnownBlock[] = [];
  for (const companion of companions) {
    const title = getOperation(companion.kind).title;
    const outcome = await ctx.workflow.submit({
      ...main,
      kind: companion.kind,
      // The approver of the companion sees which request it was filed with (a schema that does not ask drops it).
      raw: { ...companion.raw, filedWith: `${filedWith.title} (${filedWith.id})`, filedWithId: filedWith.id },
      idempotencyKey: `${main.idempotencyKey}:${companion.kind}`,
    });
    switch (outcome.status) {
      case 'invalid':
        said.push(
          section(
            `:warning: *${escapeMrkdwn(title)}* was not filed: ${escapeMrkdwn(formatFieldErrors(outcome.errors))}`,
          ),
        );
        break;
      case 'pending_approval':
        await ctx.messages.sync(outcome.request.id);
        said.push(
          section(
            `*${escapeMrkdwn(title)}* is its own request, waiting for its own approval (${escapeMrkdwn(outcome.request.id)}).`,
          ),
        );
        break;
      case 'executed':
        await ctx.afterExecution(outcome.execution);
        said.push(section(`*${escapeMrkdwn(title)}* is its own request: ${outcome.execution.status}.`));
        break;
      case 'duplicate':
        break;
    }
  }
  return said;
}
