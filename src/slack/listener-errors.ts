import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../log.js';
import { errorModal } from '../messages/error-views.js';
import { FAILURE_ANSWERS, type FailureChannels, type ListenerKind } from './failure-answers.js';
import { userFacingError } from './user-facing-error.js';
import { type ListenerWatch, watchListener } from './watch-listener.js';

export interface GuardOptions extends FailureChannels {
  logger: Logger;
}

// biome-ignore lint/suspicious/noExplicitAny: Bolt's arguments differ by kind; the guard reads only what all carry
type Args = AnyMiddlewareArgs & AllMiddlewareArgs & Record<string, any>;
export type Listener<A> = (args: A) => Promise<void>;

/** The person who acted, for the log line (ids only, never typed text). */
function logFields(kind: ListenerKind, id: string, body: Args['body']) {
  // biome-ignore lint/suspicious/noExplicitAny: optional-chained reads of an untyped Slack payload
  const b = body as Record<string, any>;
  const subcommand =
    typeof b.command === 'string'
      ? String(b.text ?? '')
          .trim()
          .split(/\s+/)[0]
      : undefined;
  return {
    listener: kind,
    id,
    user: b.user_id ?? b.user?.id ?? b.event?.user,
    ...(subcommand ? { subcommand } : {}),
  };
}

/**
 * The one error path: every listener runs inside it. A failure (thrown, or a rejected promise) becomes one
 * sentence (`userFacingError`, which logs it with the same reference) shown where the person acted: a modal
 * the listener left on "loading…"/"working…" turns into the error; else the kind's own place (a form's error
 * view, an ephemeral, the click's response_url, a DM, App Home's line, a workflow step's error). A listener that
 * failed before its ack is acked here, so Slack never shows its own timeout error; a picker that has not
 * answered when its 3 s run out gets no options rather than a hang.
 */
export function guardListener<A>(
  kind: ListenerKind,
  id: string,
  listener: Listener<A>,
  options: GuardOptions,
): Listener<Args> {
  const answer = FAILURE_ANSWERS[kind];
  const { logger } = options;
  return async (args) => {
    const body = args.body as Args['body'] & { type?: string; view?: { id?: string } };
    const watch = watchListener({
      ack: (args as { ack?: (r?: unknown) => Promise<void> }).ack,
      client: args.client,
      submittedViewId: body.type === 'view_submission' ? body.view?.id : undefined,
    });
    const deadline = answer.deadline;
    const timer =
      deadline &&
      setTimeout(() => {
        if (watch.acked()) return;
        logger.warn(logFields(kind, id, body), 'listener did not answer in time: answered with nothing');
        watch.ack(deadline.ack).catch(() => undefined);
      }, deadline.ms(args.context));
    try {
      await listener({ ...args, ack: watch.ack, client: watch.client } as A);
    } catch (error) {
      const fields = logFields(kind, id, body);
      const text = userFacingError(error, logger, fields);
      try {
        await tell(text, args, watch, options);
      } catch (tellError) {
        logger.warn(
          { ...fields, err: { message: (tellError as Error).message } },
          'could not tell the person that their request failed',
        );
      }
    } finally {
      if (timer) clearTimeout(timer);
    }
  };

  async function tell(text: string, args: Args, watch: ListenerWatch, via: FailureChannels): Promise<void> {
    const failure = { text, body: args.body as Record<string, unknown>, args, watch, via };
    if (!watch.acked() && 'ack' in args && answer.ack) {
      await watch.ack(answer.ack(failure));
      if (answer.ackShows) return;
    }
    if (await showOnWaitingView(text, args, watch)) return;
    await answer.tell(failure);
  }

  /** A modal the listener left waiting shows the sentence instead (never left on "loading…"). */
  async function showOnWaitingView(text: string, args: Args, watch: ListenerWatch): Promise<boolean> {
    for (const waiting of watch.waiting()) {
      try {
        await args.client.views.update({ view_id: waiting.viewId, view: errorModal(waiting.title, text) });
        return true;
      } catch (error) {
        logger.warn(
          { view: waiting.viewId, err: { message: (error as Error).message } },
          'could not show the error in the waiting modal',
        );
      }
    }
    return false;
  }
}
