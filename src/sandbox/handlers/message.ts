import type { HandlerContext } from '../context.js';
import { badRequest } from '../errors.js';
import { field, isObject, reqString } from '../fields.js';
import { requireE164 } from '../formats.js';

/**
 * POST /v1.0/message/outbound (plans-guardian reference §5.2): `To: [{Number}]`, `From` (a messaging-enabled
 * number provisioned in the account), `Body`. Answers with the message, Status Queued, and keeps it so tests can
 * count the texts a line received.
 */
export function outboundMessage({ core, now, body }: HandlerContext): unknown {
  const from = requireE164(reqString(body, 'From'));
  const text = reqString(body, 'Body');
  const to = field(body, 'To');
  if (!Array.isArray(to) || to.length === 0) throw badRequest('The To field is required.');
  const recipients = to.map((entry) => requireE164(reqString(isObject(entry) ? entry : {}, 'Number')));
  const sender = core.data.numbers.get(from);
  if (!sender?.MessageEnabled || sender.Status !== 'Active')
    throw badRequest('From number must be provisioned in your account and messaging-enabled.');
  const messageId = core.newId('TMID');
  core.data.messages.push({ MessageId: messageId, From: from, To: recipients, Body: text, at: now });
  return {
    MessageId: messageId,
    Direction: 'Outbound',
    Type: sender.MessageType,
    Cost: 0.0045,
    Status: 'Queued',
    To: recipients.map((number) => ({ Number: number })),
    From: from,
    Owner: from,
    Body: text,
    CreatedOn: new Date(now).toISOString(),
    MessageType: 'sms',
  };
}
