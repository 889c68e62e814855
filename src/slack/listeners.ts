import type {
  AllMiddlewareArgs,
  App,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
} from '@slack/bolt';
import type { ListenerKind } from './failure-answers.js';
import type { CommandArgs, OptionsArgs, ViewSubmissionArgs } from './listener-args.js';
import { type GuardOptions, guardListener, type Listener } from './listener-errors.js';

export type FunctionArgs = SlackEventMiddlewareArgs<'function_executed'> & AllMiddlewareArgs;

/**
 * Where every listener is registered: each one runs inside the one error path (listener-errors.ts), and every
 * id is kept, so a test can walk them all. Bolt's `app.command/action/options/view/event/function` are called
 * from here only.
 */
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

export function createListeners(app: App, options: GuardOptions): Listeners {
  const ids: Record<ListenerKind, string[]> = {
    command: [],
    action: [],
    options: [],
    view: [],
    event: [],
    function: [],
  };
  const guarded = <A>(kind: ListenerKind, id: string, listener: Listener<A>) => {
    ids[kind].push(id);
    // Bolt types each registration's arguments precisely; the guard hands the listener exactly what Bolt gave.
    // biome-ignore lint/suspicious/noExplicitAny: one guard serves every kind's argument type
    return guardListener(kind, id, listener, options) as Middleware<any>;
  };
  return {
    command: (name, listener) => app.command(name, guarded('command', name, listener)),
    action: (actionId, listener) => app.action(actionId, guarded('action', actionId, listener)),
    options: (actionId, listener) => app.options(actionId, guarded('options', actionId, listener)),
    view: (callbackId, listener) => app.view(callbackId, guarded('view', callbackId, listener)),
    event: (name, listener) => app.event(name, guarded('event', name, listener)),
    function: (callbackId, listener) => {
      app.function(callbackId, guarded('function', callbackId, listener));
    },
    registered: (kind) => [...ids[kind]],
  };
}
