import { parseDigestCommand } from '../jobs/digest-command.js';
import { sentenceMessage } from '../messages/blocks.js';
import { errorMessage } from '../messages/error-message.js';
import type { CommandContext } from './command-context.js';
import type { TelegentCommand } from './parse-command.js';

/** `/telegent digest on [HH:MM] [tz] | off` for this channel; the zone defaults to the user's Slack zone. */
export async function digest({
  parsed,
  slash,
  ctx,
  reply,
}: CommandContext<Extract<TelegentCommand, { name: 'digest' }>>) {
  // The person's Slack zone (cached users.info); without it, the default zone.
  const userTimeZone = /\bon\b/i.test(parsed.args)
    ? await ctx.slackUsers(slash.user_id).then(
        (u) => u.timeZone,
        () => undefined,
      )
    : undefined;
  const command = parseDigestCommand(parsed.args, {
    ...ctx.digestDefaults,
    ...(userTimeZone ? { userTimeZone } : {}),
  });
  if ('error' in command) return reply(errorMessage(command.error, ctx.sandbox));
  if (command.action === 'off') {
    const removed = await ctx.store.digests.unsubscribe(slash.channel_id);
    await ctx.store.audit.append({
      actor: slash.user_id,
      action: 'digest_off',
      details: { channelId: slash.channel_id },
    });
    const text = removed
      ? 'The daily port-in digest is off for this channel.'
      : 'This channel had no daily digest.';
    return reply(sentenceMessage(text));
  }
  await ctx.store.digests.subscribe({
    channelId: slash.channel_id,
    localTime: command.localTime,
    timeZone: command.timeZone,
    createdBy: slash.user_id,
  });
  await ctx.store.audit.append({
    actor: slash.user_id,
    action: 'digest_on',
    details: { channelId: slash.channel_id, ...command },
  });
  const text = `The daily port-in digest will be posted here at ${command.localTime} (${command.timeZone}) every day.`;
  return reply(sentenceMessage(text));
}
