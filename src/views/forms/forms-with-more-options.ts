import type { ModalView } from '@slack/types';
import type { AppContext } from '../../app-context.js';
import { CALLBACK } from '../../messages/ids.js';
import type { ModalMetadata } from '../modal-metadata.js';
import { isPortinFormMetadata, portinFormView } from './portin-form.js';
import { provisionFormView } from './provision-form.js';

type Unfold = (
  ctx: AppContext,
  metadata: ModalMetadata,
  timeLeftMs: number,
) => Promise<ModalView | undefined>;

/**
 * The request forms that fold fields behind "More options…", by callback id: each built again with them shown.
 * Slack keeps what was typed, since the fields keep their block and action ids.
 */
export const FORMS_WITH_MORE_OPTIONS: Readonly<Record<string, Unfold>> = {
  [CALLBACK.provisionForm]: (ctx, m, timeLeftMs) =>
    provisionFormView(ctx, { channelId: m.channelId, moreOptions: true, timeLeftMs }),
  [CALLBACK.portinForm]: async (ctx, m) =>
    isPortinFormMetadata(m) ? portinFormView(m, ctx.sandbox, true) : undefined,
};
