import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { formatPhone } from '../../operations/glossary.js';
import { writeModalMetadata } from '../modal-metadata.js';
import { portoutModal } from '../modals/portout-modal.js';
import { openAfterNumberLookup } from './open-after-number-lookup.js';

/**
 * The port-out PIN form (from `/telegent portout` or the number card): the number's details from Telegent
 * before asking for the PIN.
 */
export async function openPortoutForm(
  ctx: AppContext,
  client: webApi.WebClient,
  at: { triggerId: string; channelId: string },
  phoneNumber: string,
): Promise<void> {
  await openAfterNumberLookup(
    ctx,
    client,
    {
      triggerId: at.triggerId,
      title: 'Port-out PIN',
      phoneNumber,
      notOnAccount: `${formatPhone(phoneNumber)} is not on your Telegent account, so it has no port-out PIN to set. Check the number.`,
    },
    (number, customer) =>
      portoutModal({
        phoneNumber,
        number,
        customer,
        metadata: writeModalMetadata({ channelId: at.channelId, phoneNumber, customer }),
        sandbox: ctx.sandbox,
        verificationMethods: ctx.verificationMethods,
      }),
  );
}
