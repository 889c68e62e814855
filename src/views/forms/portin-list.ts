import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { portinContinueValue } from '../../messages/eligibility-message.js';
import { errorModal } from '../../messages/error-views.js';
import type { TargetClassification } from '../../operations/fields/enums.js';
import { isWireline } from '../../operations/fields/port-in-date.js';
import type { LeftOut } from '../../operations/line-change-numbers.js';
import { operations } from '../../operations/registry.js';
import { runRead } from '../../reads/run-read.js';
import { userFacingError } from '../../slack/user-facing-error.js';
import type { PortInEligibility } from '../../telegent/response-schemas.js';
import { type ModalMetadata, writeModalMetadata } from '../modal-metadata.js';
import { type ListedEligibility, portinListModal } from '../modals/portin-list-modal.js';
import { loadingModal } from '../modals/status-modals.js';
import { updateModal } from '../open-modal.js';
import { PORTIN_TITLE } from './portin-eligibility.js';

/** How a number Telegent did not answer for is told (not "not eligible": nobody knows). */
const NOT_CHECKED = 'could not be checked';
/** Checks at a time: 100 numbers are checked in seconds, in the interactive share of the rate budget. */
const CHECKS_AT_ONCE = 3;
/** The progress line is edited in place, not more often than this. */
const PROGRESS_EVERY_MS = 1_000;
/** Room left in private_metadata for the left-out reasons (Slack allows 3,000 characters). */
const METADATA_BUDGET = 2_600;

export interface PortinListArgs {
  channelId: string;
  numbers: readonly string[];
  targetClassification: TargetClassification;
}

/** One number's answer; a number Telegent could not check is not eligible, with why (the rest go on). */
async function checkOne(
  ctx: AppContext,
  phoneNumber: string,
  targetClassification: TargetClassification,
): Promise<ListedEligibility & { numberType?: string | undefined }> {
  try {
    const verdict = await runRead(ctx, operations['portin-eligibility'], {
      phoneNumber,
      targetClassification,
    });
    if (!verdict.ok) return { phoneNumber, eligible: false, message: verdict.error };
    const e: PortInEligibility = verdict.value;
    return {
      phoneNumber,
      eligible: e.Eligible === true,
      currentCarrier: e.CurrentCarrier ?? undefined,
      message: e.Message ?? undefined,
      numberType: e.NumberType ?? undefined,
    };
  } catch (error) {
    return {
      phoneNumber,
      eligible: false,
      message: `${NOT_CHECKED}: ${userFacingError(error, ctx.logger, { phoneNumber })}`,
    };
  }
}

/** The carrier most of them are with: the form's pre-filled carrier name (one account ports them all). */
function mostCommon(values: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The form's metadata with as much of the left-out list as fits Slack's 3,000 characters beside the numbers (and
 * the plan the form adds later): reasons cut first, then the last numbers dropped (the summary showed them all).
 */
export function listFormMetadata(base: ModalMetadata, leftOut: readonly LeftOut[]): string {
  const plain = writeModalMetadata(base);
  if (leftOut.length === 0) return plain;
  const room = METADATA_BUDGET - plain.length;
  const perReason = Math.max(0, Math.floor(room / leftOut.length) - 40);
  let kept = leftOut.map((l) => ({
    number: l.number,
    // Cut to fit: a reason too long for the room left keeps what kind of reason it was, never a false one.
    reason:
      perReason >= 20
        ? l.reason.slice(0, Math.min(300, perReason))
        : l.reason.startsWith(NOT_CHECKED)
          ? NOT_CHECKED
          : 'not eligible',
  }));
  let written = writeModalMetadata({ ...base, leftOut: kept });
  while (written.length > METADATA_BUDGET && kept.length > 0) {
    kept = kept.slice(0, -1);
    written = writeModalMetadata(kept.length ? { ...base, leftOut: kept } : base);
  }
  return written;
}

/**
 * `/telegent portin n1 n2 …`, in a modal already open on a loading view: every number's eligibility in the
 * chosen classification (a progress line edited in place), then one summary with Continue to one form for the
 * eligible numbers; the others are left out with their reason. Only when nothing could be checked at all does
 * the modal turn into the error.
 */
export async function showPortinListEligibility(
  ctx: AppContext,
  client: webApi.WebClient,
  viewId: string,
  args: PortinListArgs,
): Promise<void> {
  const { numbers, targetClassification } = args;
  const results: Array<Awaited<ReturnType<typeof checkOne>>> = new Array(numbers.length);
  let next = 0;
  let checked = 0;
  let shownAt = Date.now();
  let drawing: Promise<void> = Promise.resolve();
  const worker = async () => {
    while (next < numbers.length) {
      const at = next++;
      results[at] = await checkOne(ctx, numbers[at] as string, targetClassification);
      checked += 1;
      if (checked < numbers.length && Date.now() - shownAt >= PROGRESS_EVERY_MS) {
        shownAt = Date.now();
        const text = `Checked ${checked} of ${numbers.length}…`;
        // Not awaited by the checks: a slow views.update must not hold them up (one redraw at a time).
        drawing = drawing
          .then(() => updateModal(client, viewId, loadingModal(PORTIN_TITLE, text)))
          .catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CHECKS_AT_ONCE, numbers.length) }, worker));
  await drawing;
  const unchecked = results.filter((r) => r.message?.startsWith(NOT_CHECKED));
  if (unchecked.length === results.length) {
    return updateModal(
      client,
      viewId,
      errorModal(PORTIN_TITLE, unchecked[0]?.message ?? 'Nothing was checked.'),
    );
  }
  const eligible = results.filter((r) => r.eligible);
  const leftOut: LeftOut[] = results
    .filter((r) => !r.eligible)
    .map((r) => ({ number: r.phoneNumber, reason: r.message ?? 'not eligible' }));
  const first = eligible[0];
  // What the form's rules need from the answers: a wireline among them makes the port date required.
  const wireline = eligible.find((r) => isWireline(r.numberType));
  const eligibility: PortInEligibility = {
    Eligible: true,
    PhoneNumber: first?.phoneNumber ?? numbers[0]!,
    NumberType: (wireline ?? first)?.numberType,
    CurrentCarrier: mostCommon(eligible.map((r) => r.currentCarrier)),
  };
  const base = {
    channelId: args.channelId,
    phoneNumber: first?.phoneNumber,
    ...(eligible.length > 1 ? { phoneNumbers: eligible.map((r) => r.phoneNumber) } : {}),
    targetClassification,
    eligibility: {
      eligible: true,
      numberType: eligibility.NumberType ?? undefined,
      currentCarrier: eligibility.CurrentCarrier ?? undefined,
    },
  };
  const metadata = listFormMetadata(base, leftOut);
  await updateModal(
    client,
    viewId,
    portinListModal({
      checked: results,
      targetClassification,
      continueValue: first
        ? portinContinueValue(first.phoneNumber, eligibility, targetClassification)
        : undefined,
      metadata,
      sandbox: ctx.sandbox,
    }),
  );
}
