import type { KnownBlock } from '@slack/types';
import type { TargetClassification } from '../operations/fields/enums.js';
import { isWireline } from '../operations/fields/port-in-date.js';
import { classificationWords, formatPhone } from '../operations/glossary.js';
import type { PortInEligibility } from '../telegent/response-schemas.js';
import type { PortinContinueValue } from './action-values.js';
import {
  actions,
  button,
  fieldsSection,
  type MessagePayload,
  message,
  sandboxBlocks,
  section,
} from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn, LIMITS, oneLine } from './limits.js';

export interface EligibilityMessageArgs {
  eligibility: PortInEligibility;
  /** The number as the user typed it, normalised (used when Telegent's answer omits it). */
  phoneNumber?: string | undefined;
  /** The classification the check was made in (the port-in will use the same). */
  targetClassification: TargetClassification;
  sandbox?: boolean | undefined;
}

/** The Continue button's value: the number and the eligibility context, within Slack's 2000 characters. */
export function portinContinueValue(
  phoneNumber: string,
  e: PortInEligibility,
  targetClassification: TargetClassification,
): string {
  const value: PortinContinueValue = {
    phoneNumber: oneLine(phoneNumber, 20),
    targetClassification,
    eligibility: {
      eligible: e.Eligible,
      ...(e.NumberType ? { numberType: oneLine(e.NumberType, 40) } : {}),
      ...(e.CurrentCarrier ? { currentCarrier: oneLine(e.CurrentCarrier, 100) } : {}),
      ...(e.Message ? { message: oneLine(e.Message, 300) } : {}),
    },
  };
  const json = JSON.stringify(value);
  // Escaped unicode can grow JSON; drop the free-text message before ever exceeding the limit.
  return json.length <= LIMITS.buttonValue
    ? json
    : JSON.stringify({ ...value, eligibility: { ...value.eligibility, message: undefined } });
}

/** `/telegent portin <number>`: Telegent's verdict; Continue only when the number is eligible. */
export function eligibilityMessage(args: EligibilityMessageArgs): MessagePayload {
  const e = args.eligibility;
  const number = e.PhoneNumber ?? args.phoneNumber ?? 'the number';
  // The headline names the number and the verdict once; the fields add only what it does not say.
  const shownNumber = formatPhone(number);
  const n = escapeMrkdwn(oneLine(shownNumber, 30));
  const as = classificationWords(args.targetClassification);
  const wireline = isWireline(e.NumberType);
  const fields: Array<[string, string]> = [
    ['Current carrier', e.CurrentCarrier ? escapeMrkdwn(oneLine(e.CurrentCarrier, 100)) : 'unknown'],
    [
      'Line type',
      `${e.NumberType ? escapeMrkdwn(oneLine(e.NumberType, 40)) : 'unknown'}${wireline ? ' (wireline: a port-in date is required)' : ''}`,
    ],
  ];
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(
      e.Eligible
        ? `:white_check_mark: *${n}* can be ported in as a ${as}.`
        : `:no_entry: *${n}* cannot be ported in as a ${as}${e.Message ? `: ${escapeMrkdwn(oneLine(e.Message, 500))}` : '.'}`,
    ),
    fieldsSection(fields),
  ];
  if (e.Eligible) {
    blocks.push(
      actions([
        button({
          text: 'Continue to port-in…',
          actionId: ACTION.portinContinue,
          style: 'primary',
          value: portinContinueValue(number, e, args.targetClassification),
        }),
      ]),
    );
  } else {
    blocks.push(
      section(
        'Nothing was submitted. Check the number with the customer, or ask the current carrier why it is not portable.',
      ),
    );
  }
  return message(
    e.Eligible ? `${shownNumber} can be ported in` : `${shownNumber} cannot be ported in`,
    blocks,
    args.sandbox,
  );
}
