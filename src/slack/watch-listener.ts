import type { webApi } from '@slack/bolt';
import { isWaiting } from '../messages/waiting-view.js';

/** A modal the listener showed that still says "loading…" / "working…". */
export interface WaitingView {
  viewId: string;
  title: string;
}

/**
 * What a listener did that the one error path needs to know when it fails: whether it acked (Slack's ack is
 * once only: a second one throws in HTTP mode), and which of the modals it showed still wait. The listener
 * gets an `ack` and a `client` that note both; everything else passes through untouched.
 */
export interface ListenerWatch {
  ack: (response?: unknown) => Promise<void>;
  client: webApi.WebClient;
  acked(): boolean;
  /** The modals left on a waiting view, newest first. */
  waiting(): WaitingView[];
}

type Ack = (response?: unknown) => Promise<void>;
type ViewArgs = { view?: unknown; view_id?: string };
type ViewCall = (args: ViewArgs) => Promise<{ view?: { id?: string } }>;

const titleOf = (view: unknown) =>
  String((view as { title?: { text?: unknown } } | undefined)?.title?.text ?? '');

export function watchListener(args: {
  ack?: Ack | undefined;
  client: webApi.WebClient;
  /** A view_submission's view: `response_action: 'update'` in the ack replaces this one. */
  submittedViewId?: string | undefined;
}): ListenerWatch {
  let acked = false;
  const shown = new Map<string, { waiting: boolean; title: string }>();
  const note = (viewId: string | undefined, view: unknown) => {
    if (!viewId) return;
    shown.delete(viewId); // re-inserted last: the newest view is the last entry
    shown.set(viewId, { waiting: isWaiting(view), title: titleOf(view) });
  };

  const ack: Ack = async (response) => {
    if (acked || !args.ack) return;
    acked = true;
    const answer = response as { response_action?: string; view?: unknown } | undefined;
    if (answer?.response_action === 'update') note(args.submittedViewId, answer.view);
    await args.ack(response);
  };

  const views = args.client.views;
  const watched = (
    call: ViewCall,
    idOf: (a: ViewArgs, r: { view?: { id?: string } }) => string | undefined,
  ) =>
    (async (a: ViewArgs) => {
      const result = await call(a);
      note(idOf(a, result), a.view);
      return result;
    }) as never;
  const watchedViews = {
    ...views,
    open: watched(views.open as unknown as ViewCall, (_, r) => r.view?.id),
    push: watched(views.push as unknown as ViewCall, (_, r) => r.view?.id),
    update: watched(views.update as unknown as ViewCall, (a, r) => a.view_id ?? r.view?.id),
  };
  const client = new Proxy(args.client, {
    get: (target, property) => (property === 'views' ? watchedViews : Reflect.get(target, property, target)),
  });

  return {
    ack,
    client,
    acked: () => acked,
    waiting: () =>
      [...shown.entries()]
        .filter(([, view]) => view.waiting)
        .map(([viewId, view]) => ({ viewId, title: view.title }))
        .reverse(),
  };
}
