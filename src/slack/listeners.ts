import type {
  AllMiddlewareArgs,
  App,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
} from '@slack/bolt';
import { listenerActionId } from '../messages/ids.js';
import type { ListenerKind } from './failure-answers.js';
import type { CommandArgs, OptionsArgs, ViewSubmissionArgs } from './listener-args.js';
import { type GuardOptions, guardListener, type Listener } from './listener-errors.js';

export type FunctionArgs = SlackEventMiddlewareArgs<'function_executed'> & AllMiddlewareArgs;

/** Every listener is registered through this (see createListeners). */
export interface Listeners {
  command(name: string, listener: Listener<CommandArgs>): void;
  /** A button or menu; `A` is what its listener reads (ButtonArgs, ButtonOrMenuArgs). */
  action<A extends SlackActionMiddlewareArgs & AllMiddlewareArgs>(
    actionId: string,
    listener: Listener<A>,
  ): void;
  options(actionId: string, listener: Listener<OptionsArgs>): void;
  view(callbackId: string, listener: Listener<ViewSubmissionArgs>): void;
  event<E extends string>(name: E, listener: Listener<SlackEventMiddlewareArgs<E> & AllMiddlewareArgs>): void;
  /** A Workflow Builder step (`function_executed`): a failure becomes the step's error. */
  function(callbackId: string, listener: Listener<FunctionArgs>): void;
  /** The ids registered for a kind, in order. */
  registered(kind: ListenerKind): readonly string[];
}

/**
 * Where every listener is registered: each one runs inside the one error path (listener-errors.ts), and every
 * id is kept, so a test can walk them all. Bolt's `app.command/action/options/view/event/function` are called
 * from here only.
 *
 * Buttons, pickers and forms reach their listener through one Bolt listener per kind that looks the id up in a
 * map. Bolt tries every registered listener's matching middleware on every request (a chain of promises each),
 * so forty `app.action(id)` registrations cost each slash command and click about half a millisecond before its
 * ack; under a burst of a hundred that was the difference between our acks and a bare Bolt app's.
 */
export function createListeners(app: App, options: GuardOptions): Listeners {
  const ids: Record<ListenerKind, string[]> = {
    command: [],
    action: [],
    options: [],
    view: [],
    event: [],
    function: [],
  };
  // biome-ignore lint/suspicious/noExplicitAny: one guard serves every kind's argument type
  type Guarded = Middleware<any>;
  const guarded = <A>(kind: ListenerKind, id: string, listener: Listener<A>): Guarded => {
    if (ids[kind].includes(id)) throw new Error(`${kind} listener '${id}' is registered twice`);
    ids[kind].push(id);
    // Bolt types each registration's arguments precisely; the guard hands the listener exactly what Bolt gave.
    return guardListener(kind, id, listener, options) as Guarded;
  };

  /** One Bolt listener for a kind; `idOf` reads the request's id, an id nobody registered is left unanswered. */
  const routed = (register: (dispatch: Guarded) => void, idOf: (args: Parameters<Guarded>[0]) => unknown) => {
    const byId = new Map<string, Guarded>();
    let registered = false;
    return (id: string, listener: Guarded) => {
      byId.set(id, listener);
      if (registered) return;
      registered = true;
      register(async (args) => {
        const id = idOf(args);
        const listener = typeof id === 'string' ? byId.get(listenerActionId(id)) : undefined;
        if (listener) await listener(args);
      });
    };
  };
  const onAction = routed(
    (dispatch) => app.action({ type: 'block_actions' }, dispatch),
    (args) => args.payload?.action_id,
  );
  const onOptions = routed(
    (dispatch) => app.options({ type: 'block_suggestion' }, dispatch),
    (args) => args.payload?.action_id,
  );
  const onView = routed(
    (dispatch) => app.view({ type: 'view_submission' }, dispatch),
    (args) => args.body?.view?.callback_id,
  );

  return {
    command: (name, listener) => app.command(name, guarded('command', name, listener)),
    action: (actionId, listener) => onAction(actionId, guarded('action', actionId, listener)),
    options: (actionId, listener) => onOptions(actionId, guarded('options', actionId, listener)),
    view: (callbackId, listener) => onView(callbackId, guarded('view', callbackId, listener)),
    event: (name, listener) => app.event(name, guarded('event', name, listener)),
    function: (callbackId, listener) => {
      app.function(callbackId, guarded('function', callbackId, listener));
    },
    registered: (kind) => [...ids[kind]],
  };
}
