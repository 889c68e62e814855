import type { PreconditionContext } from './operation.js';
import { portIn } from './portin-submit.js';
import { portOut } from './portout-pin.js';

/** Kinds that change a line (status, SIM, owner): one of them at a time per number. */
const LINE_CHANGE_KINDS = new Set<string>();

/** Called by each definition that changes a line, when it is made. */
export function guardTheLine(kind: string): void {
  LINE_CHANGE_KINDS.add(kind);
}

/**
 * The guide: never suspend or change a line while a port-out of it is open (the customer is leaving
 * with it), nor while its port-in has not finished (it is not ours yet). And one change of a line at a
 * time: a second swap or cancel filed from another card waits until the first is decided and done.
 */
export async function lineIsFree(
  ctx: PreconditionContext,
  phoneNumber: string,
): Promise<{ phoneNumber: string } | null> {
  const open = await ctx.orders.listOpenForNumber(phoneNumber);
  const port = open.find((o) => o.kind === portOut.kind || o.kind === portIn.kind);
  if (port) {
    const why =
      port.kind === portOut.kind
        ? "a port-out of it is open: Telegent's guide says not to suspend or change service until the port-out completes"
        : 'its port-in has not finished: the line is not on the account yet';
    return {
      phoneNumber: `Phone number: ${phoneNumber} cannot be changed now, ${why} (order ${port.orderId}, ${port.status}). Check \`/telegent status ${port.orderId}\`.`,
    };
  }
  const change = open.find((o) => LINE_CHANGE_KINDS.has(o.kind));
  if (change) {
    return {
      phoneNumber: `Phone number: ${phoneNumber} has a change under way (order ${change.orderId}, ${change.status}); wait for it to finish, then look at \`/telegent number ${phoneNumber}\`.`,
    };
  }
  const requests = await ctx.requests.listOpenForNumber(phoneNumber);
  const filed = requests.find((r) => LINE_CHANGE_KINDS.has(r.kind) && r.id !== ctx.currentRequestId);
  if (filed) {
    return {
      phoneNumber: `Phone number: ${phoneNumber} already has a request to change it (${filed.id}, ${filed.status.replaceAll('_', ' ')}); decide or withdraw that one first.`,
    };
  }
  return null;
}
