// What the gallery's session records: each surface as the app sent it (a Slack API call the fake Slack
// received, or a view the app answered a request with), named by the builder that made it.
import type { DrillWorld } from '../../drills/support/drill-world.js';
import type { FakeSlackCall, Json } from '../../test/support/fake-slack.js';
import type { Surface } from './block-kit-html.js';
import type { GalleryBuilder } from './gallery-builders.js';

export interface GallerySurface extends Surface {
  /** The src/messages (or src/views/modals) function that built it. */
  builder: GalleryBuilder;
}

export interface Capture {
  surfaces: GallerySurface[];
  /** Runs one step of the session; `take` then looks only at the calls the step caused. */
  step(what: string, action: () => Promise<unknown>): Promise<void>;
  /**
   * The first call of the step that matches, as a surface (a message, or the view of a views.* call);
   * `anytime`: of the whole session (what a job posts may come during an earlier step).
   */
  take(
    builder: GalleryBuilder,
    name: string,
    where: string,
    match: (call: FakeSlackCall) => boolean,
    options?: { kind?: Surface['kind']; anytime?: boolean },
  ): FakeSlackCall;
  /** A view the app answered a request with (a view_submission's `response_action: 'update'`). */
  takeAnswer(builder: GalleryBuilder, name: string, where: string, answer: Json | undefined): void;
}

export function startCapture(world: DrillWorld, log: (line: string) => void): Capture {
  const surfaces: GallerySurface[] = [];
  let mark = 0;
  const add = (surface: GallerySurface) => {
    surfaces.push(surface);
    log(`  ${surface.name}`);
  };
  return {
    surfaces,
    async step(what, action) {
      log(`▶ ${what}`);
      mark = world.fake.calls.length;
      await action();
      await new Promise((r) => setTimeout(r, 500));
    },
    take(builder, name, where, match, { kind = 'message', anytime = false } = {}) {
      const call = world.fake.calls.slice(anytime ? 0 : mark).find((c) => c.status === 200 && match(c));
      if (!call) throw new Error(`gallery: no ${name} (${builder}) in the session`);
      const isView = kind === 'modal' || kind === 'home';
      add({
        builder,
        name,
        where,
        kind,
        payload: isView ? call.body.view : call.body,
        edited: call.method === 'chat.update',
        threaded: Boolean(call.body.thread_ts),
      });
      return call;
    },
    takeAnswer(builder, name, where, answer) {
      if (answer?.response_action !== 'update' || !answer.view) {
        throw new Error(`gallery: no ${name} (${builder}): the app answered ${JSON.stringify(answer)}`);
      }
      add({ builder, name, where, kind: 'modal', payload: answer.view });
    },
  };
}
