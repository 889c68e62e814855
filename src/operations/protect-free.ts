import type { PreconditionContext } from './operation.js';

/**
 * One protect change of a line at a time: two running together would both read "no filter" and both create one
 * (one filter per (subscriber, line), §6.13), or an Allow… that sends the whole filter as read (an update
 * replaces, §3.3) would erase a block added meanwhile. Checked when filed and again just before sending.
 */
export async function protectIsFree(
  ctx: PreconditionContext,
  phoneNumber: string,
): Promise<{ phoneNumber: string } | null> {
  const requests = await ctx.requests.listOpenForNumber(phoneNumber);
  const filed = requests.find((r) => r.kind === 'protect' && r.id !== ctx.currentRequestId);
  if (!filed) return null;
  return {
    phoneNumber: `Phone number: ${phoneNumber} already has a protection change on its way (${filed.id}, ${filed.status.replaceAll('_', ' ')}); decide or withdraw that one first, then open its protection card again.`,
  };
}
