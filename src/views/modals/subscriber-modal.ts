import type { KnownBlock, ModalView } from '@slack/types';
import { context, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { TEXT_LIMITS } from '../../operations/fields/text.js';
import { radioInput, textInput } from '../inputs.js';
import { modal } from './modal.js';

export interface SubscriberModalArgs {
  /** JSON chosen by the caller (≤ 3000 characters): the channel the outcome goes to. */
  metadata: string;
  /** Opened from a provision or port-in form (pushed on top of it): say how to get back. */
  fromForm?: boolean | undefined;
  sandbox?: boolean | undefined;
}

const ROLE_CHOICES = [
  { text: 'Subscriber (a person with a line)', value: 'Subscriber' },
  { text: 'Manager (runs the account: an account should have one)', value: 'Manager' },
];

/** `/telegent subscriber new`, or "New subscriber…" in the provision and port-in forms. */
export function subscriberModal(args: SubscriberModalArgs): ModalView {
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(
      'Create a Telegent subscriber: the person a number belongs to. Telegent makes no number without one.',
    ),
    textInput({ field: 'name', maxLength: TEXT_LIMITS.name, placeholder: 'Jane Doe' }),
    textInput({
      field: 'email',
      maxLength: 254,
      placeholder: 'jane@example.com',
      hint: 'Unique at Telegent: an email that already has a subscriber is refused. It is their login.',
    }),
    radioInput({
      field: 'role',
      choices: ROLE_CHOICES,
      initial: 'Subscriber',
      optional: true,
      hint: 'Choose Manager only for the person who runs the account, not for a line user.',
    }),
    context(
      'A temporary password is made when it is created and sent to you alone, by DM: give it to the subscriber and ask them to reset it at first login. It is never posted, logged or stored.',
    ),
    ...(args.fromForm
      ? [context('When it is created, close this to go back to your form and pick them in Subscriber.')]
      : []),
  ];
  return modal({
    callbackId: CALLBACK.form('subscriber-new'),
    requestForm: true,
    title: 'New subscriber',
    submit: 'Create',
    metadata: args.metadata,
    blocks,
  });
}
