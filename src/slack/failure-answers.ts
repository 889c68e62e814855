import type { BlockAction, RespondFn } from '@slack/bolt';
import type { HomeView } from '@slack/types';
import type { MessagePayload } from '../messages/blocks.js';
import { errorMessage } from '../messages/error-message.js';
import { errorHome, errorModal } from '../messages/error-views.js';
import type { ListenerWatch } from './watch-listener.js';
import { ackTimeLeft } from './within-ack-deadline.js';

/** The kinds of Bolt listener, each registered through the one error path (slack/listeners.ts). */
export type ListenerKind = 'command' | 'action' | 'options' | 'view' | 'event' | 'function';

/** How the one error path reaches a person outside the request at hand (the notifier's, with its retries). */
export interface FailureChannels {
  sandbox: boolean;
  notify: {
    ephemeral(channelId: string, userId: string, message: MessagePayload): Promise<unknown>;
    dm(userId: string, message: MessagePayload): Promise<unknown>;
    publishHome(userId: string, view: HomeView): Promise<unknown>;
  };
  /** notify/tell-clicker.ts: the click's response_url, else an ephemeral in its channel, else a DM. */
  tellClicker(body: BlockAction, message: MessagePayload, respond?: RespondFn): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: optional-chained reads of an untyped Slack payload
type Body = Record<string, any>;

/** A listener that failed: the sentence for the person, what Bolt handed it, and what it did. */
export interface Failure {
  text: string;
  body: Body;
  // biome-ignore lint/suspicious/noExplicitAny: Bolt's arguments differ by kind; each answer reads its own
  args: Record<string, any>;
  watch: ListenerWatch;
  via: FailureChannels;
}

export interface KindAnswer {
  /** The ack for a listener that failed before acking (so Slack never shows its own timeout error). */
  ack?(failure: Failure): unknown;
  /** That ack shows the sentence itself (a form's error view): nothing more to tell. */
  ackShows?: boolean;
  /** Tells the person, when no modal of theirs was left waiting to show it. */
  tell(failure: Failure): Promise<void>;
  /** Slack wants the answer itself inside the ack: unanswered after `ms`, the listener is acked with `ack`. */
  deadline?: { ms(context: object | undefined): number; ack: unknown };
}

const titleOf = (body: Body) => String(body.view?.title?.text ?? 'Telegent Ops');

/** Where each kind of listener's failure is told: where the person acted. */
export const FAILURE_ANSWERS: Readonly<Record<ListenerKind, KindAnswer>> = {
  // /telegent: an ephemeral through the response_url; else an ephemeral in the channel.
  command: {
    ack: () => undefined,
    async tell({ text, body, args, via }) {
      const message = errorMessage(text, via.sandbox);
      try {
        await args.respond({ response_type: 'ephemeral', replace_original: false, ...message });
      } catch {
        await via.notify.ephemeral(String(body.channel_id), String(body.user_id), message);
      }
    },
  },
  // A button or menu: in a modal, a small error view on top of it (the form under it keeps what was typed);
  // elsewhere the click's response_url, an ephemeral in the channel, or a DM.
  action: {
    ack: () => undefined,
    async tell({ text, body, args, via, watch }) {
      const message = errorMessage(text, via.sandbox);
      if (body.view?.type === 'modal' && body.trigger_id) {
        try {
          await watch.client.views.push({
            trigger_id: body.trigger_id,
            view: errorModal(titleOf(body), text),
          });
          return;
        } catch {
          // The trigger lives ~3 s: after a slow failure the sentence goes by the ways below.
        }
      }
      await via.tellClicker(body as BlockAction, message, body.response_url ? args.respond : undefined);
    },
  },
  // A picker's type-ahead: no options (the person can type again); the log line has the rest.
  options: {
    ack: () => ({ options: [] }),
    tell: async () => undefined,
    // The listener's own work budget ends ~2 s after arrival (within-ack-deadline.ts); Slack gives up at 3 s.
    deadline: { ms: (context) => ackTimeLeft(context) + 700, ack: { options: [] } },
  },
  // A submitted form: the form turns into the error view; after the ack (the form already closed or answered),
  // a DM.
  view: {
    ack: ({ text, body }) => ({ response_action: 'update', view: errorModal(titleOf(body), text) }),
    ackShows: true,
    async tell({ text, body, via }) {
      await via.notify.dm(String(body.user?.id), errorMessage(text, via.sandbox));
    },
  },
  // Events carry no reply: App Home shows one line saying what failed; other events only log.
  event: {
    async tell({ text, body, via }) {
      const event = body.event;
      if (event?.type === 'app_home_opened' && event.tab === 'home' && event.user) {
        await via.notify.publishHome(String(event.user), errorHome(text));
      }
    },
  },
  // A Workflow Builder step: the workflow shows the sentence as the step's error.
  function: {
    async tell({ text, args }) {
      await args.fail({ error: text });
    },
  },
};
