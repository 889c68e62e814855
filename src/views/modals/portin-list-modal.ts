import type { KnownBlock, ModalView } from '@slack/types';
import { actions, button, context, sandboxBlocks, section } from '../../messages/blocks.js';
import { ACTION } from '../../messages/ids.js';
import { escapeMrkdwn, LIMITS, oneLine } from '../../messages/limits.js';
import type { TargetClassification } from '../../operations/fields/enums.js';
import { classificationWords, formatPhone } from '../../operations/glossary.js';
import { countWords } from '../../operations/line-change-numbers.js';
import { infoModal } from './modal.js';

/** One number's eligibility answer, as the list summary shows it. */
export interface ListedEligibility {
  phoneNumber: string;
  eligible: boolean;
  currentCarrier?: string | undefined;
  /** Telegent's message (why not), or why it could not be checked. */
  message?: string | undefined;
}

export interface PortinListModalArgs {
  checked: readonly ListedEligibility[];
  targetClassification: TargetClassification;
  /** The Continue button's value (the first eligible number's, as the single flow's). */
  continueValue?: string | undefined;
  /** The metadata the form is built from (eligible numbers, left-out ones, the channel). */
  metadata: string;
  sandbox?: boolean | undefined;
}

/** Lines packed into sections within Slack's limit per section. */
function packed(lines: readonly string[]): KnownBlock[] {
  const texts: string[] = [];
  for (const line of lines) {
    const last = texts.at(-1);
    if (last !== undefined && last.length + line.length + 1 <= LIMITS.sectionText)
      texts[texts.length - 1] = `${last}\n${line}`;
    else texts.push(line);
  }
  return texts.map((text) => section(text));
}

/**
 * `/telegent portin n1 n2 …` once every number was checked: which can be ported in and which cannot (Telegent's
 * message and the current carrier), then Continue to one form for the eligible ones; the others are left out.
 */
export function portinListModal(args: PortinListModalArgs): ModalView {
  const eligible = args.checked.filter((c) => c.eligible);
  const not = args.checked.filter((c) => !c.eligible);
  const as = classificationWords(args.targetClassification);
  const carrier = (c: ListedEligibility) =>
    c.currentCarrier ? ` · ${escapeMrkdwn(oneLine(c.currentCarrier, 60))}` : '';
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(
      eligible.length === 0
        ? `:no_entry: None of the ${countWords(args.checked.length)} can be ported in as a ${as}.`
        : `:white_check_mark: *${eligible.length} of ${args.checked.length}* can be ported in as a ${as}.`,
    ),
    ...packed(eligible.map((c) => `✅ *${escapeMrkdwn(formatPhone(c.phoneNumber))}*${carrier(c)}`)),
    ...(not.length > 0
      ? [
          section(
            // Not eligible, or not checked (Telegent did not answer): each line says which.
            `*Not ported in (${not.length})*${eligible.length > 0 ? ': left out of the request' : ''}`,
          ),
          ...packed(
            not.map(
              (c) =>
                `:no_entry: *${escapeMrkdwn(formatPhone(c.phoneNumber))}*${carrier(c)}: ${escapeMrkdwn(oneLine(c.message ?? 'not eligible', 200))}`,
            ),
          ),
        ]
      : []),
  ];
  const carriers = [...new Set(eligible.map((c) => c.currentCarrier).filter(Boolean))];
  if (carriers.length > 1) {
    // One request shares one carrier account: numbers with another carrier belong in a request of their own.
    blocks.push(
      context(
        `:warning: These are with ${carriers.length} carriers (${escapeMrkdwn(oneLine(carriers.join(', '), 300))}). One request uses one carrier account: if they are not all on it, port the others in a request of their own.`,
      ),
    );
  }
  if (eligible.length > 0 && args.continueValue) {
    blocks.push(
      actions([
        button({
          text: `Continue with ${countWords(eligible.length)}…`,
          actionId: ACTION.portinContinue,
          style: 'primary',
          value: args.continueValue,
        }),
      ]),
      context('One form for them all: the carrier account, billing address and subscriber they share.'),
    );
  } else {
    blocks.push(
      section(
        'Nothing was submitted. Check the numbers with the customer, or ask the current carrier why they are not portable.',
      ),
    );
  }
  return infoModal('Port-in', blocks, args.metadata);
}
