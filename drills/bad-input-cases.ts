/**
 * The hostile inputs of drill 5 (drills/bad-input.ts): every subcommand, every form, and Approve clicks.
 *
 * - `command`: `/telegent <text>`; must be answered with `expect` (ephemeral answer, or an error modal for
 *   inputs that are only refused after a lookup). `telegent: 'none'` = refused before any lookup: not one
 *   request may reach Telegent; `'reads'` = the flow legitimately reads first (never a mutation).
 * - `form`: typed into a form the app opened (`provision`, `portin`, `portin-update`, `portout`, `limits`);
 *   must be refused inside the ack with `response_action: errors` naming `field`, and no Telegent request.
 * - `click`: an Approve click with a bad request id or by someone who may not approve.
 * - `refused`: someone who may not use the app at all (a guest, a user of another organisation) or may not
 *   file requests (a member outside REQUESTER_USERGROUP_ID) types a command, clicks a card's button or loads
 *   a picker's options: refused before any lookup (the sentence, or no options), not one Telegent request.
 *
 * `{foreign}` / `{tracked}` / `{finished}` / `{pending}` in texts and values are replaced at run time by an
 * order that exists at the sandbox but was not created by the app, an open port-in the app tracks, a
 * cancelled one, and a provision request waiting for approval.
 */

export type FormName =
  | 'provision'
  | 'portin'
  | 'portin-update'
  | 'portout'
  | 'limits'
  | 'subscriber-new'
  | 'line.swap-sim'
  | 'number-update';

/** Users the drill's fake Slack describes as a guest, another organisation's, and outside the requester group. */
export type RefusedUser = 'guest' | 'external' | 'non-member';

export type RefusedRequest =
  | { command: string }
  | { click: string; value: string }
  | { options: string; value: string };

export type BadInputCase =
  | { kind: 'command'; name: string; text: string; telegent: 'none' | 'reads'; expect: RegExp }
  | { kind: 'form'; name: string; form: FormName; fill: Record<string, string | string[]>; field: string }
  | {
      kind: 'click';
      name: string;
      value: string;
      user: 'stranger' | 'requester' | 'approver';
      expect: RegExp;
    }
  | { kind: 'refused'; name: string; user: RefusedUser; request: RefusedRequest; expect: RegExp };

export const HUGE = 'A'.repeat(10_000);
const HUGE_DIGITS = '9'.repeat(10_000);
const DROP = "'; DROP TABLE requests; --";
const SCRIPT = '<script>alert(1)</script>';
const UNKNOWN_ORDER = 'JNUOID-00000000-0000-4000-8000-00000000dead';
/** 101 numbers: one over MAX_NUMBERS_PER_REQUEST. */
const TOO_MANY = Array.from({ length: 101 }, (_, i) => `+1801555${String(1000 + i)}`);

const cmd = (
  name: string,
  text: string,
  expect: RegExp,
  telegent: 'none' | 'reads' = 'none',
): BadInputCase => ({
  kind: 'command',
  name,
  text,
  telegent,
  expect,
});
const form = (
  name: string,
  formName: FormName,
  fill: Record<string, string | string[]>,
  field: string,
): BadInputCase => ({
  kind: 'form',
  name,
  form: formName,
  fill,
  field,
});

const refused = (name: string, user: RefusedUser, request: RefusedRequest, expect: RegExp): BadInputCase => ({
  kind: 'refused',
  name,
  user,
  request,
  expect,
});
const GUEST_REFUSAL = /guest accounts cannot use it/;
const EXTERNAL_REFUSAL = /people from other organisations cannot use it/;
const REQUESTER_REFUSAL = /Only members of <!subteam\^S0DRILLREQS> can file Telegent requests/;
/** No sentence fits an option list: a refused picker offers nothing. */
const NO_OPTIONS = /^\{"options":\[\]\}$/;

const NUMBER_ERROR = /number|digits|\+1|US/i;
const ORDER_ERROR = /OrderId|order|JNUOID/i;
const DIGEST_ERROR = /digest on|on` or `off|time zone|time of day|HH:MM/i;

export const BAD_INPUT_CASES: BadInputCase[] = [
  // unknown subcommands
  cmd('unknown subcommand', 'launch rockets', /don't know/),
  cmd('SQL injection as a subcommand', DROP, /don't know/),
  cmd('broadcast mention and mrkdwn as a subcommand', '<!channel> *bold* _it_', /don't know/),
  cmd('10k-char subcommand', HUGE, /don't know/),
  // search
  cmd('search: 2 digits', 'search 12', /area code|ZIP/i),
  cmd('search: 7 digits', 'search 1234567', /area code|ZIP/i),
  cmd('search: SQL injection', `search ${DROP}`, /area code|ZIP/i),
  cmd('search: script tag', `search ${SCRIPT}`, /area code|ZIP/i),
  cmd('search: @channel', 'search <!channel>', /area code|ZIP/i),
  cmd('search: emoji', 'search 📞📞📞', /area code|ZIP/i),
  cmd('search: Arabic-Indic digits', 'search ٨٠١', /area code|ZIP/i),
  cmd('search: 10k chars', `search ${HUGE}`, /area code|ZIP/i),
  // provision
  cmd('provision: area code starting with 1', 'provision 123', /area code/i),
  cmd('provision: mrkdwn', 'provision *bold*', /area code|ZIP/i),
  // portin
  cmd('portin: UK number', 'portin +44 20 7946 0958', NUMBER_ERROR),
  cmd('portin: French number', 'portin +33 1 23 45 67 89', NUMBER_ERROR),
  cmd('portin: 7 digits', 'portin 555-0142', NUMBER_ERROR),
  cmd('portin: 11 digits after +1', 'portin +1 (801) 555-01234', NUMBER_ERROR),
  cmd('portin: RTL override', 'portin \u202E2410555108', NUMBER_ERROR),
  cmd('portin: unknown classification', 'portin +14155550142 lte', /mvno or iot/i),
  cmd('portin: SQL injection', "portin ' OR 1=1 --", NUMBER_ERROR),
  cmd('portin: letters', 'portin 1-800-FLOWERS', NUMBER_ERROR),
  // portin update
  cmd('portin update: no OrderId', 'portin update', /Which order/),
  cmd('portin update: not an OrderId', 'portin update not-an-order', ORDER_ERROR),
  cmd('portin update: script tag', `portin update ${SCRIPT}`, ORDER_ERROR),
  cmd(
    'portin update: unknown OrderId',
    `portin update ${UNKNOWN_ORDER}`,
    /not a port-in started from Telegent Ops/,
  ),
  cmd(
    "portin update: someone else's OrderId",
    'portin update {foreign}',
    /not a port-in started from Telegent Ops/,
  ),
  cmd('portin update: finished port-in', 'portin update {finished}', /already cancelled|finished port-in/),
  // portin cancel
  cmd('portin cancel: no OrderId', 'portin cancel', /Which order/),
  cmd('portin cancel: SQL injection', `portin cancel ${DROP}`, ORDER_ERROR),
  cmd(
    'portin cancel: unknown OrderId',
    `portin cancel ${UNKNOWN_ORDER}`,
    /not a port-in started from Telegent Ops/,
  ),
  cmd(
    "portin cancel: someone else's OrderId",
    'portin cancel {foreign}',
    /not a port-in started from Telegent Ops/,
  ),
  cmd('portin cancel: finished port-in', 'portin cancel {finished}', /already cancelled|finished port-in/),
  // portout
  cmd('portout: no number', 'portout', /Which number/),
  cmd('portout: UK number', 'portout +442079460958', NUMBER_ERROR),
  cmd('portout: 5 digits', 'portout 12345', NUMBER_ERROR),
  cmd('portout: @here', 'portout <!here>', NUMBER_ERROR),
  cmd('portout: 10k digits', `portout ${HUGE_DIGITS}`, NUMBER_ERROR),
  cmd('portout: number not on the account', 'portout +18015559876', /not on your Telegent account/, 'reads'),
  // limits
  cmd('limits: no numbers', 'limits', /Which numbers/),
  cmd('limits: UK number', 'limits +442079460958', NUMBER_ERROR),
  cmd('limits: words', 'limits abc def', NUMBER_ERROR),
  cmd('limits: emoji among numbers', 'limits +18015550101 🙂', NUMBER_ERROR),
  cmd('limits: 101 numbers', `limits ${TOO_MANY.join(' ')}`, /At most 100 numbers/),
  // usage
  // number card, history, subscribers, accounts
  cmd('number: no number', 'number', /Which number/),
  cmd('number: UK number', 'number +44 20 7946 0958', NUMBER_ERROR),
  cmd('number: SQL injection', `number ${DROP}`, NUMBER_ERROR),
  cmd('number: not on the account', 'number +18015559876', /not on your Telegent account/, 'reads'),
  cmd('history: nothing', 'history', /Of what/),
  cmd('history: script tag', `history ${SCRIPT}`, /neither a phone number/),
  cmd('history: 10k chars', `history ${HUGE}`, /neither a phone number/),
  cmd('subscriber: unknown action', 'subscriber delete', /subscriber new/),
  cmd('subscriber: mrkdwn action', 'subscriber *bold*', /subscriber new/),
  cmd('account: subscriber id', 'account TSUID-1', /must start with AID-/),
  cmd('account: SQL injection', `account ${DROP}`, /must start with AID-/),
  cmd(
    'account: bound by a non-approver',
    'account AID-00000000-0000-0000-0000-000000000000',
    /Only approvers/,
  ),
  cmd('usage: no number', 'usage', /Which number|number/i),
  cmd('usage: UK number', 'usage +44 20 7946 0958', NUMBER_ERROR),
  cmd('usage: emoji', 'usage 👍', NUMBER_ERROR),
  cmd('usage: area code 000', 'usage 0000000000', NUMBER_ERROR),
  cmd('usage: script tag', `usage ${SCRIPT}`, NUMBER_ERROR),
  // status
  cmd('status: no OrderId', 'status', /Which order|OrderId/i),
  cmd('status: OrderId with a quote', "status JNUOID-1'; DROP TABLE orders; --", ORDER_ERROR),
  cmd('status: script tag', `status ${SCRIPT}`, ORDER_ERROR),
  cmd('status: 10k chars', `status ${HUGE}`, ORDER_ERROR),
  cmd('status: the start of no order of ours', 'status JNUOID-0000dead…', /No order of ours starts with/),
  cmd('history: the start of no order of ours', 'history JNUOID-0000dead', /No order of ours starts with/),
  cmd(
    'status: expired/unknown OrderId',
    `status ${UNKNOWN_ORDER}`,
    /does not know that order.*\(ref [a-z0-9]+\)/,
    'reads',
  ),
  // digest
  cmd('digest: hour 25', 'digest on 25:00', DIGEST_ERROR),
  cmd('digest: minute 60', 'digest on 23:60 UTC', DIGEST_ERROR),
  cmd('digest: unknown zone', 'digest on 09:00 Mars/Olympus', DIGEST_ERROR),
  cmd('digest: SQL injection as zone', `digest on 09:00 ${DROP}`, DIGEST_ERROR),
  cmd('digest: two times', 'digest on 09:00 10:00', DIGEST_ERROR),
  cmd('digest: neither on nor off', 'digest maybe', DIGEST_ERROR),
  cmd('digest: off with extra words', 'digest off now please', DIGEST_ERROR),
  cmd('digest: emoji zone', 'digest on 09:00 🌍', DIGEST_ERROR),

  // provision form
  form('provision form: area code starting with 1', 'provision', { areaCode: '123' }, 'areaCode'),
  form('provision form: 10k-char area code', 'provision', { areaCode: HUGE }, 'areaCode'),
  form('provision form: script tag ZIP', 'provision', { zipCode: SCRIPT }, 'zipCode'),
  form('provision form: SQL injection ICCID', 'provision', { iccid: DROP }, 'iccid'),
  form('provision form: emoji ICCID', 'provision', { iccid: '📶📶📶📶' }, 'iccid'),
  form('provision form: no product type', 'provision', { productType: '' }, 'productType'),
  form('provision form: no message route', 'provision', { messageRouteId: '' }, 'messageRouteId'),
  form(
    'provision form: voice route id as message route',
    'provision',
    { messageRouteId: 'CRID-1' },
    'messageRouteId',
  ),
  form(
    'provision form: voice product without a voice route',
    'provision',
    { productType: 'Sms+Data+Voice' },
    'voiceRouteId',
  ),
  // port-in form
  form(
    'port-in form: 10k-char account number',
    'portin',
    { currentAccountNumber: HUGE },
    'currentAccountNumber',
  ),
  form(
    'port-in form: no transfer PIN/password',
    'portin',
    { currentAccountPassword: '' },
    'currentAccountPassword',
  ),
  form('port-in form: letters as ZIP', 'portin', { 'billingAddress.zip': 'ABCDE' }, 'billingAddress.zip'),
  form(
    'port-in form: state of 5 letters',
    'portin',
    { 'billingAddress.state': 'Utah!' },
    'billingAddress.state',
  ),
  form('port-in form: no carrier name', 'portin', { currentCarrierName: '' }, 'currentCarrierName'),
  form(
    'port-in form: no subscriber (orphan number)',
    'portin',
    { assignedSubscriberId: '' },
    'assignedSubscriberId',
  ),
  form('port-in form: port-in date in the past', 'portin', { portInDate: '2020-01-01' }, 'portInDate'),
  form('port-in form: 10k-char subscriber name', 'portin', { subscriberName: HUGE }, 'subscriberName'),
  form('port-in form: ICCID with letters', 'portin', { iccid: '8901ABCD' }, 'iccid'),
  // port-in update form
  form(
    'port-in update form: port-in date in the past',
    'portin-update',
    { portInDate: '2020-01-01' },
    'portInDate',
  ),
  form(
    'port-in update form: 10k-char carrier name',
    'portin-update',
    { currentCarrierName: HUGE },
    'currentCarrierName',
  ),
  form('port-in update form: RTL ICCID', 'portin-update', { iccid: '\u202E0987654321' }, 'iccid'),
  // port-out form
  form('port-out form: 2-digit PIN', 'portout', { pin: '12' }, 'pin'),
  form('port-out form: letters PIN', 'portout', { pin: 'abcd' }, 'pin'),
  form('port-out form: 10k-digit PIN', 'portout', { pin: HUGE_DIGITS }, 'pin'),
  form('port-out form: Arabic-Indic digits PIN', 'portout', { pin: '١٢٣٤' }, 'pin'),
  form('port-out form: SQL injection PIN', 'portout', { pin: DROP }, 'pin'),
  // limits form
  form(
    'limits form: notify above throttle',
    'limits',
    { notifyValue: '12', throttleValue: '10', limitValue: '15' },
    'notifyValue',
  ),
  form('limits form: negative limit', 'limits', { limitValue: '-5' }, 'limitValue'),
  form('limits form: UK number', 'limits', { numbers: '+442079460958' }, 'numbers'),
  form('limits form: 10k-char numbers', 'limits', { numbers: HUGE }, 'numbers'),
  form('limits form: 101 numbers', 'limits', { numbers: TOO_MANY.join('\n') }, 'numbers'),
  form('limits form: limit of 1e309', 'limits', { limitValue: '1e309' }, 'limitValue'),

  // new subscriber form
  form('new subscriber: no name', 'subscriber-new', { name: '' }, 'name'),
  form('new subscriber: email without a domain', 'subscriber-new', { email: 'jane@' }, 'email'),
  form('new subscriber: SQL injection email', 'subscriber-new', { email: DROP }, 'email'),
  form('new subscriber: 10k-char name', 'subscriber-new', { name: HUGE }, 'name'),
  form('new subscriber: email already taken', 'subscriber-new', { email: 'ana.lopez@example.com' }, 'email'),
  // swap SIM form
  form('swap SIM: ICCID failing Luhn', 'line.swap-sim', { iccid: '8901240397190195851' }, 'iccid'),
  form('swap SIM: letters ICCID', 'line.swap-sim', { iccid: 'ABCDEFGHIJKLMNOPQRS' }, 'iccid'),
  form(
    'swap SIM: effective date in the past',
    'line.swap-sim',
    { effectiveDate: '2020-01-01' },
    'effectiveDate',
  ),
  // number update form
  form(
    'number update: nothing to change (shown on the first field)',
    'number-update',
    {},
    'assignedSubscriberId',
  ),
  form(
    'number update: 16-char caller ID name',
    'number-update',
    { cnamFirstName: 'Abcdefghijklmnop' },
    'cnamFirstName',
  ),
  form('number update: RTL ICCID', 'number-update', { iccid: '\u202E0987654321' }, 'iccid'),

  // Approve clicks
  {
    kind: 'click',
    name: 'approve: unknown request id',
    value: 'req_doesnotexist',
    user: 'approver',
    expect: /no longer exists/,
  },
  {
    kind: 'click',
    name: 'approve: SQL injection as request id',
    value: DROP,
    user: 'approver',
    expect: /no longer exists/,
  },
  {
    kind: 'click',
    name: 'approve: by a stranger',
    value: '{pending}',
    user: 'stranger',
    expect: /Only approvers/,
  },
  {
    kind: 'click',
    name: 'approve: own request',
    value: '{pending}',
    user: 'requester',
    expect: /Only approvers|own request/,
  },

  // People who may not use it (guests, other organisations) or may not file requests (not a requester)
  refused('guest: usage', 'guest', { command: 'usage +18015550100' }, GUEST_REFUSAL),
  refused('guest: provision', 'guest', { command: 'provision 801' }, GUEST_REFUSAL),
  refused('guest: history', 'guest', { command: 'history {tracked}' }, GUEST_REFUSAL),
  refused('guest: help', 'guest', { command: 'help' }, GUEST_REFUSAL),
  refused(
    'guest: Status on an order card',
    'guest',
    { click: 'order.status', value: '{tracked}' },
    GUEST_REFUSAL,
  ),
  refused('guest: Approve', 'guest', { click: 'request.approve', value: '{pending}' }, GUEST_REFUSAL),
  refused('guest: subscriber picker', 'guest', { options: 'picker.subscriber', value: 'a' }, NO_OPTIONS),
  refused('external: number', 'external', { command: 'number +18015550100' }, EXTERNAL_REFUSAL),
  refused('external: portout', 'external', { command: 'portout +18015550100' }, EXTERNAL_REFUSAL),
  refused('external: status', 'external', { command: 'status {tracked}' }, EXTERNAL_REFUSAL),
  refused(
    'external: Cancel on an order card',
    'external',
    { click: 'order.cancel', value: '{tracked}' },
    EXTERNAL_REFUSAL,
  ),
  refused(
    'external: message route picker',
    'external',
    { options: 'picker.message-route', value: '' },
    NO_OPTIONS,
  ),
  refused('non-member: provision', 'non-member', { command: 'provision' }, REQUESTER_REFUSAL),
  refused('non-member: portin', 'non-member', { command: 'portin +14155550150' }, REQUESTER_REFUSAL),
  refused('non-member: subscriber new', 'non-member', { command: 'subscriber new' }, REQUESTER_REFUSAL),
  refused(
    'non-member: Update on an order card',
    'non-member',
    { click: 'order.update', value: '{tracked}' },
    REQUESTER_REFUSAL,
  ),
  refused(
    'non-member: subscriber picker',
    'non-member',
    { options: 'picker.subscriber', value: '' },
    NO_OPTIONS,
  ),
];
