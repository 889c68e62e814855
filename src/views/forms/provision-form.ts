import type { webApi } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { AppContext } from '../../app-context.js';
import { withinAckDeadline } from '../../slack/within-ack-deadline.js';
import type { PickerKind } from '../../telegent/picker-source.js';
import type { Choice } from '../inputs.js';
import { writeModalMetadata } from '../modal-metadata.js';
import { type OnlyRoutes, provisionModal } from '../modals/provision-modal.js';
import { openModal } from '../open-modal.js';
import { planFieldFor, planPreset } from './plan-field.js';

/**
 * How long opening the form may wait for the route lists: usually cached (60 s), and a slow Telegent should not
 * hold the form back (a trigger_id lives ~3 s; the pickers load the lists anyway).
 */
const ROUTE_LOOKUP_MAX_MS = 500;

/** The list's one usable option, when it has exactly one; a list not loaded in time counts as several. */
async function onlyOption(
  ctx: AppContext,
  kind: PickerKind,
  accountId: string | undefined,
  timeLeftMs: number,
): Promise<Choice | undefined> {
  const options = await withinAckDeadline(
    ctx.pickers.search(kind, '', accountId).catch(() => []),
    [],
    timeLeftMs,
  );
  // A disabled route is no choice: preselecting it would only fail at Telegent after approval.
  const usable = options.filter((option) => !option.disabled);
  const [one] = usable;
  return usable.length === 1 && one ? { text: one.label, value: one.value } : undefined;
}

/** The routes the channel's account has only one of (a distributor-bound channel picks from its account's). */
async function onlyRoutes(
  ctx: AppContext,
  accountId: string | undefined,
  timeLeftMs: number,
): Promise<OnlyRoutes> {
  const budget = Math.min(timeLeftMs, ROUTE_LOOKUP_MAX_MS);
  const [messageRoute, voiceRoute] = await Promise.all([
    onlyOption(ctx, 'messageRoute', accountId, budget),
    onlyOption(ctx, 'voiceRoute', accountId, budget),
  ]);
  return { messageRoute, voiceRoute };
}

export interface ProvisionFormArgs {
  channelId: string;
  prefill?:
    | { areaCode?: string | undefined; zipCode?: string | undefined; subscriber?: Choice | undefined }
    | undefined;
  moreOptions?: boolean | undefined;
  timeLeftMs: number;
}

/**
 * The provision form with the account's single routes preselected. Folded, their ids ride in the metadata as
 * presets (with the account they came from); unfolded, the route inputs show them and carry them themselves.
 */
export async function provisionFormView(ctx: AppContext, args: ProvisionFormArgs): Promise<ModalView> {
  const accountId = (await ctx.store.channelAccounts.get(args.channelId))?.accountId;
  const [only, plan] = await Promise.all([
    onlyRoutes(ctx, accountId, args.timeLeftMs),
    planFieldFor(ctx, Math.min(args.timeLeftMs, ROUTE_LOOKUP_MAX_MS)),
  ]);
  const presets = {
    ...(only.messageRoute ? { messageRouteId: only.messageRoute.value } : {}),
    ...(only.voiceRoute ? { voiceRouteId: only.voiceRoute.value } : {}),
    ...planPreset(plan),
  };
  const folded = !args.moreOptions && Object.keys(presets).length > 0;
  return provisionModal({
    prefill: args.prefill,
    onlyRoutes: only,
    plan,
    moreOptions: args.moreOptions,
    metadata: writeModalMetadata({
      channelId: args.channelId,
      ...(folded ? { presets, presetsAccountId: accountId ?? null } : {}),
    }),
    sandbox: ctx.sandbox,
  });
}

/** `/telegent provision` and search results' "Provision…": the form, opened inside the trigger_id's life. */
export async function openProvisionForm(
  ctx: AppContext,
  client: webApi.WebClient,
  at: { triggerId: string } & Omit<ProvisionFormArgs, 'moreOptions'>,
): Promise<void> {
  ctx.pickers.warm();
  await openModal(client, at.triggerId, await provisionFormView(ctx, at));
}
