import type { AppContext } from '../app-context.js';
import { sentenceMessage } from '../messages/blocks.js';
import { tellClicker } from '../notify/tell-clicker.js';
import { orderTraits } from '../operations/registry.js';
import { type ButtonOrMenuArgs, clickedValue } from '../slack/listener-args.js';
import { openPortinCancelAllForm } from '../views/forms/open-portin-cancel-all-form.js';

/**
 * Cancel all… on a batch's story (value: the request id): the form listing its open port-ins. Submitting it files
 * one cancel request over them like every other form (views/submissions/request-forms.ts); a batch whose port-ins
 * have all finished since its message was drawn says so instead.
 */
export function batchCancelAllButton(ctx: AppContext) {
  return async function onBatchCancelAll({
    ack,
    body,
    action,
    client,
    respond,
  }: ButtonOrMenuArgs): Promise<void> {
    await ack();
    const requestId = clickedValue(action);
    const request = requestId ? await ctx.store.requests.get(requestId) : null;
    const portIns = request
      ? (await ctx.store.orders.listByRequests([request.id])).filter((o) => orderTraits(o.kind).portIn)
      : [];
    if (!request || !portIns.some((o) => !o.closedAt)) {
      const sentence = request
        ? 'Every port-in of this batch has finished: there is nothing left to cancel.'
        : 'This batch is not known here any more: `/telegent orders` lists the open port-ins.';
      return tellClicker(ctx.notify, body, sentenceMessage(sentence), ctx.logger, respond);
    }
    await openPortinCancelAllForm(client, ctx, body.trigger_id, { request, portIns });
  };
}
