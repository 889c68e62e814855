import { errorMessage } from '../messages/error-message.js';
import { usageMessage } from '../messages/usage-message.js';
import { operations } from '../operations/registry.js';
import { runRead } from '../reads/run-read.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

export async function usage({
  parsed,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'usage' }>>) {
  if (!parsed.phoneNumber)
    return reply(errorMessage('Which number? Type `/telegent usage +18015551234`.', ctx.sandbox));
  const report = await runRead(ctx, operations.usage, { phoneNumber: parsed.phoneNumber });
  if (!report.ok) return reply(errorMessage(report.error, ctx.sandbox));
  return reply(
    usageMessage({ info: report.value.info, settings: report.value.settings, sandbox: ctx.sandbox }),
  );
}
