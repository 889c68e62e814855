import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse-command.js';
import {
  readPortinContinueValue,
  readProvisionFromSearchValue,
  readSearchPageValue,
} from '../../src/messages/action-values.js';
import { decidedCard } from '../../src/messages/decided-card.js';
import { eligibilityMessage } from '../../src/messages/eligibility-message.js';
import { errorMessage } from '../../src/messages/error-message.js';
import { executionOutcomeMessage } from '../../src/messages/execution-outcome-message.js';
import { HELP_TASKS, helpMessage } from '../../src/messages/help-message.js';
import { ACTION } from '../../src/messages/ids.js';
import { openOrdersMessage } from '../../src/messages/open-orders-message.js';
import { orderStatusMessage } from '../../src/messages/order-status-message.js';
import { requestCard } from '../../src/messages/request-card.js';
import { requestStoryMessage } from '../../src/messages/request-story.js';
import { revealedSecretMessage } from '../../src/messages/revealed-secret-message.js';
import { searchResultsMessage } from '../../src/messages/search-results-message.js';
import { usageMessage } from '../../src/messages/usage-message.js';
import type {
  AvailabilityResponse,
  DataUsageInfo,
  DataUsageSettings,
  OrderDetails,
  PortInEligibility,
} from '../../src/telegent/response-schemas.js';
import { HUGE, NASTY, NOW, orderRecord, requestRecord } from './fixtures.js';
import { assertWithinSlackLimits } from './slack-limits.js';

// biome-ignore lint/suspicious/noExplicitAny: digging into Block Kit JSON
type J = any;

function allElements(blocks: J[]): J[] {
  return blocks.flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]);
}
const buttons = (blocks: J[], actionId: string) =>
  allElements(blocks).filter((e) => e.action_id === actionId);

const areas = (n: number): AvailabilityResponse =>
  ({
    AvailableNumberAreas: Array.from({ length: n }, (_, i) => ({
      NGP: `NGP${i}`,
      AreaCode: '801',
      Zipcode: String(84000 + i),
    })),
    NumbersAvailable: [],
  }) as unknown as AvailabilityResponse;

describe('helpMessage', () => {
  it('lists every subcommand with an example', () => {
    const msg = helpMessage();
    assertWithinSlackLimits(msg);
    const json = JSON.stringify(msg.blocks);
    for (const sub of [
      'help',
      'search',
      'provision',
      'portin',
      'portin update',
      'portin cancel',
      'portout',
      'limits',
      'usage',
      'status',
      'orders',
      'digest',
      'plans',
    ])
      expect(json).toContain(`/telegent ${sub}`);
  });

  it('gives every task a worked example that is a command /telegent understands', () => {
    const json = JSON.stringify(helpMessage().blocks);
    for (const task of HELP_TASKS) {
      expect(json).toContain(task.example.command);
      const parsed = parseCommand(task.example.command.replace(/^\/telegent /, ''));
      expect(parsed, task.example.command).not.toHaveProperty('unknown');
      expect(parsed.name, task.example.command).not.toBe('help');
    }
    // Placeholders are escaped: Slack would read a raw <word|word> as a link.
    expect(json).not.toMatch(/<[a-z][^>]*\|[^>]*>/);
  });
});

describe('searchResultsMessage', () => {
  it('paginates areas with Provision and Next/Previous buttons carrying JSON values', () => {
    const msg = searchResultsMessage({
      response: areas(25),
      query: { areaCode: '801' },
      page: 2,
      pageSize: 10,
      sandbox: true,
    });
    assertWithinSlackLimits(msg);
    expect(msg.text).toContain('SANDBOX');
    const provision = buttons(msg.blocks, ACTION.provisionFromSearch);
    expect(provision).toHaveLength(10);
    expect(readProvisionFromSearchValue(provision[0].value)).toEqual({ areaCode: '801', zipCode: '84010' });
    const pages = buttons(msg.blocks, ACTION.searchPage).map((b) => readSearchPageValue(b.value));
    expect(pages).toEqual([
      { areaCode: '801', page: 1 },
      { areaCode: '801', page: 3 },
    ]);
    // Rows name the ZIP code (the searched area code is in the heading), never Telegent's gateway code.
    const json = JSON.stringify(msg.blocks);
    expect(json).toContain('25 places with free numbers in area code 801');
    expect(json).not.toMatch(/NGP|area\(s\)|Area code 801\*/);
  });

  it('never passes 50 blocks: 1000 areas, any page size, huge fields', () => {
    for (const pageSize of [1, 10, 45, 1000]) {
      const msg = searchResultsMessage({
        response: areas(1000),
        query: { zipCode: '84043' },
        page: 7,
        pageSize,
        sandbox: true,
      });
      assertWithinSlackLimits(msg);
    }
    const huge = {
      AvailableNumberAreas: Array.from({ length: 1000 }, () => ({
        NGP: HUGE,
        AreaCode: HUGE,
        Zipcode: NASTY,
      })),
      NumbersAvailable: [],
    };
    assertWithinSlackLimits(
      searchResultsMessage({ response: huge as never, query: { areaCode: HUGE }, page: 999, pageSize: 40 }),
    );
  });

  it('handles no results and the older numbers-only answer', () => {
    const none = searchResultsMessage({ response: areas(0), query: { areaCode: '801' } });
    assertWithinSlackLimits(none);
    expect(none.text).toMatch(/No numbers/);
    const numbers = searchResultsMessage({
      response: {
        AvailableNumberAreas: [],
        NumbersAvailable: Array.from({ length: 500 }, (_, i) => ({ Number: `+1801555${1000 + i}` })),
      } as never,
      query: { areaCode: '801' },
    });
    assertWithinSlackLimits(numbers);
    expect(buttons(numbers.blocks, ACTION.provisionFromSearch)).toHaveLength(1);
  });
});

describe('eligibilityMessage', () => {
  const eligible: PortInEligibility = {
    PhoneNumber: '+18015551234',
    Eligible: true,
    CurrentCarrier: 'Verizon',
    NumberType: 'Landline',
    Message: null,
  };

  it('offers Continue only when eligible, with the eligibility context as value', () => {
    const ok = eligibilityMessage({ targetClassification: 'mvno', eligibility: eligible });
    assertWithinSlackLimits(ok);
    const [cont] = buttons(ok.blocks, ACTION.portinContinue);
    expect(readPortinContinueValue(cont.value)).toEqual({
      phoneNumber: '+18015551234',
      targetClassification: 'mvno',
      eligibility: { eligible: true, numberType: 'Landline', currentCarrier: 'Verizon' },
    });
    expect(JSON.stringify(ok.blocks)).toMatch(/wireline/);
  });

  it('names the number once, formatted, with the classification in words and no repeated verdict', () => {
    const ok = eligibilityMessage({ targetClassification: 'mvno', eligibility: eligible });
    // What a person reads: the sections (the Continue button's value keeps E.164 for the form).
    const shown = JSON.stringify(ok.blocks.filter((b) => b.type === 'section'));
    expect(shown).toContain('*(801) 555-1234* can be ported in as a phone line.');
    expect(shown.split('(801) 555-1234')).toHaveLength(2);
    expect(shown).not.toContain('+18015551234');
    expect(shown).not.toContain('Checked as');
    expect(shown).not.toContain('Eligible');
    expect(shown).not.toMatch(/\bmvno\b/);
    const iot = eligibilityMessage({ targetClassification: 'iot', eligibility: eligible });
    expect(JSON.stringify(iot.blocks)).toContain('as a device (IoT)');

    const no = eligibilityMessage({
      targetClassification: 'mvno',
      eligibility: { ...eligible, Eligible: false, Message: 'Number is not portable' },
    });
    assertWithinSlackLimits(no);
    expect(buttons(no.blocks, ACTION.portinContinue)).toHaveLength(0);
    expect(JSON.stringify(no.blocks)).toContain('Number is not portable');
  });

  it('keeps the button value within 2000 characters with huge inputs', () => {
    const msg = eligibilityMessage({
      targetClassification: 'mvno',
      eligibility: {
        PhoneNumber: HUGE,
        Eligible: true,
        CurrentCarrier: HUGE,
        NumberType: NASTY,
        Message: '\u{1F600}'.repeat(5000),
      },
    });
    assertWithinSlackLimits(msg);
    expect(readPortinContinueValue(buttons(msg.blocks, ACTION.portinContinue)[0].value)).toBeDefined();
  });
});

describe('request cards', () => {
  const request = requestRecord({ kind: 'portout' });

  it('requestCard: summary, requester, times, Approve (primary + confirm when destructive) and Reject', () => {
    const card = requestCard({
      request,
      title: 'Port-out PIN',
      summary: 'Issue a port-out PIN for +18015551234',
      sandbox: true,
    });
    assertWithinSlackLimits(card);
    const json = JSON.stringify(card.blocks);
    expect(json).toContain('<@U0REQUESTER>');
    expect(json).toContain('SANDBOX');
    expect(json).toContain('<!date^');
    const [approve] = buttons(card.blocks, ACTION.approve);
    const [reject] = buttons(card.blocks, ACTION.reject);
    expect(approve).toMatchObject({ value: request.id, style: 'primary' });
    expect(approve.confirm.text.text.length).toBeGreaterThan(10);
    expect(reject.value).toBe(request.id);
  });

  it("requestCard: the operation's facts for the approver, SIM as its last 4 digits, secrets masked", () => {
    const provisionCard = requestCard({
      request: requestRecord({
        kind: 'provision',
        input: {
          productType: 'Sms+Data',
          numberType: 'mvno',
          messageType: 'p2p',
          areaCode: '801',
          assignedSubscriberId: 'TSUID-90c644ff',
          iccid: '8901240397190195850',
        },
      }),
      title: 'Provision',
      summary: 's',
    });
    const fields = JSON.stringify(provisionCard.blocks);
    expect(fields).toContain('*Product*\\nSMS + data phone line, person-to-person texts');
    expect(fields).not.toContain('TSUID-90c644ff'); // an id means nothing to an approver
    expect(fields).toContain('*Reason / ticket:* _none given_');
    expect(fields).toContain('*Where*\\narea code 801');
    expect(fields).toContain('*SIM*\\n…5850');
    const portInCard = requestCard({
      request: requestRecord({
        kind: 'portin',
        input: {
          phoneNumber: '+18015551234',
          currentCarrierName: 'AT&T',
          currentAccountNumber: '••••',
          currentAccountPassword: '••••',
          billingAddress: { street1: '1 Main St', city: 'Austin', state: 'TX', zip: '78701' },
          targetClassification: 'mvno',
        },
      }),
      title: 'Port-in',
      summary: 's',
    });
    const portIn = JSON.stringify(portInCard.blocks);
    expect(portIn).toContain('*From carrier*\\nAT&amp;T');
    expect(portIn).toContain('*Billing*\\nAustin, TX 78701');
    expect(portIn).toContain('*Carrier account*\\n••••');
    assertWithinSlackLimits(portInCard);
  });

  it('requestCard: the confirm dialog comes from the operation (confirmApproval); none for provision', () => {
    const plainCard = requestCard({
      request: requestRecord({ kind: 'provision' }),
      title: 'Provision',
      summary: 's',
      sandbox: false,
    });
    expect(buttons(plainCard.blocks, ACTION.approve)[0].confirm).toBeUndefined();
    const cancel = requestCard({
      request: requestRecord({ kind: 'portin-cancel' }),
      title: 'Port-in cancel',
      summary: 's',
      sandbox: false,
    });
    expect(buttons(cancel.blocks, ACTION.approve)[0].confirm.text.text).toMatch(/final/);
  });

  it("requestCard: the customer's short name, the reason, and a confirm naming number and customer", () => {
    const card = requestCard({
      request: requestRecord({
        kind: 'portout',
        input: {
          phoneNumber: '+18015555555',
          pin: '••••',
          customerName: 'Jane Q. Doe',
          requestReason: 'ZD-77 <customer> moving to T-Mobile',
        },
      }),
      title: 'Port-out PIN',
      summary: 'Issue a port-out PIN for (801) 555-5555 (PIN ••••, shown only to the requester)',
      accountName: 'Acme Wireless',
    });
    const json = JSON.stringify(card.blocks);
    expect(json).toContain('*Customer*\\nJ. Doe · Acme Wireless');
    expect(json).not.toContain('Jane');
    expect(json).toContain('*Reason / ticket:* ZD-77 &lt;customer&gt; moving to T-Mobile');
    expect(json).toContain('*Number*\\n(801) 555-5555');
    expect(buttons(card.blocks, ACTION.approve)[0].confirm.text.text).toMatch(
      /^Issue a port-out PIN for \(801\) 555-5555 — J\. Doe\?/,
    );
  });

  it("decidedCard: no buttons, who and when in the reader's time, escaped reason", () => {
    const at = new Date('2026-03-04T14:02:00Z');
    const approved = decidedCard({
      request,
      title: 'Port-out PIN',
      summary: 's',
      decision: 'approved',
      by: 'U0APPROVER',
      at,
    });
    assertWithinSlackLimits(approved);
    expect(allElements(approved.blocks).filter((e) => e.type === 'button')).toHaveLength(0);
    expect(JSON.stringify(approved.blocks)).toContain(
      'Approved by <@U0APPROVER> <!date^1772632920^{date_short_pretty} {time}|Wed, Mar 4>',
    );
    expect(JSON.stringify(approved.blocks)).not.toContain('UTC');
    // Decided: it no longer expires, so the card does not say when it would have.
    expect(JSON.stringify(approved.blocks)).not.toMatch(/expires|does not expire/);
    const rejected = decidedCard({
      request,
      title: 'T',
      summary: 's',
      decision: 'rejected',
      by: 'U0APPROVER',
      at,
      reason: '<!channel> wrong & bad',
    });
    expect(JSON.stringify(rejected.blocks)).toContain('&lt;!channel&gt; wrong &amp; bad');
    expect(
      JSON.stringify(decidedCard({ request, title: 'T', summary: 's', decision: 'expired', at }).blocks),
    ).toMatch(/Expired <!date\^1772632920\^/);
    expect(
      JSON.stringify(
        decidedCard({ request, title: 'T', summary: 's', decision: 'cancelled', by: 'U0REQUESTER', at })
          .blocks,
      ),
    ).toMatch(/Cancelled by <@U0REQUESTER>/);
  });

  it('stay within limits with huge summaries and reasons', () => {
    assertWithinSlackLimits(requestCard({ request, title: HUGE, summary: NASTY + HUGE, sandbox: true }));
    assertWithinSlackLimits(
      decidedCard({
        request,
        title: HUGE,
        summary: HUGE,
        decision: 'rejected',
        by: HUGE,
        at: NOW,
        reason: HUGE,
      }),
    );
  });

  it('requestStoryMessage names what and which number, links the card, and is edited at every step', () => {
    const story = requestRecord({
      kind: 'portin',
      input: { phoneNumber: '+13135550142', customerName: 'Dana Smith', requestReason: 'ZD-5100 switching' },
    });
    const summary = 'Port-in of (313) 555-0142 from Verizon as a phone line; account ••••, PIN/password ••••';
    const waiting = requestStoryMessage({
      request: story,
      title: 'Port-in',
      summary,
      step: 'waiting',
      permalink: 'https://example.slack.com/archives/C1/p1',
    });
    assertWithinSlackLimits(waiting);
    expect(waiting.text).toBe(
      'Port-in of (313) 555-0142 from Verizon as a phone line — D. Smith — waiting for approval',
    );
    const json = JSON.stringify(waiting.blocks);
    expect(json).toContain('<https://example.slack.com/archives/C1/p1|open the approval request>');
    expect(json).toContain('ZD-5100 switching');
    expect(json).toContain(ACTION.nudge);
    // The thread is still empty while it waits: say what will come there, not that a history is there.
    expect(json).toContain('updates will follow in this thread');
    expect(json).not.toContain('the history is in this thread');
    const rejected = requestStoryMessage({
      request: story,
      title: 'Port-in',
      summary,
      step: 'rejected',
      by: 'U0APPROVER',
    });
    expect(JSON.stringify(rejected.blocks)).toContain(
      'rejected by <@U0APPROVER>; nothing was sent to Telegent',
    );
    expect(JSON.stringify(rejected.blocks)).not.toContain(ACTION.nudge);
    expect(JSON.stringify(rejected.blocks)).toContain('more in this thread'); // the rejection notice is there
    const weird = requestStoryMessage({
      request: story,
      title: NASTY,
      summary: NASTY,
      step: 'waiting',
      permalink: 'javascript:alert(1)|x>',
    });
    assertWithinSlackLimits(weird);
    expect(JSON.stringify(weird.blocks)).not.toContain('javascript');
  });
});

describe('executionOutcomeMessage / errorMessage', () => {
  it('says succeeded / failed / unknown with order id, error and hint', () => {
    for (const status of ['succeeded', 'failed', 'unknown'] as const) {
      const msg = executionOutcomeMessage({
        title: 'Port-in',
        status,
        orderId: 'JNUOID-1',
        summary: 'Port in +18015551234',
        error: status === 'failed' ? 'Telegent said no' : null,
        sandbox: true,
      });
      assertWithinSlackLimits(msg);
      expect(msg.text).toMatch({ succeeded: /done/, failed: /failed/, unknown: /unknown/ }[status]);
      expect(JSON.stringify(msg.blocks)).toContain('JNUOID-1');
    }
    // Submitted is not done: an order Telegent only accepted says so, with its carrier status.
    const submitted = executionOutcomeMessage({
      title: 'Port-in',
      status: 'succeeded',
      orderId: 'JNUOID-1',
      order: { status: 'Pending', numbers: ['+13135550142'] },
      summary: 's',
      channelId: 'C0SUPPORT',
    });
    expect(submitted.text).toBe('Port-in of (313) 555-0142 submitted to Telegent — carrier status Pending');
    expect(JSON.stringify(submitted.blocks)).toContain('Follow it in <#C0SUPPORT>');
    expect(JSON.stringify(submitted)).not.toMatch(/done/);
    // A finished provision names the number it got and for whom.
    const provisioned = executionOutcomeMessage({
      title: 'Provision',
      status: 'succeeded',
      order: { status: 'Complete', numbers: ['+18015550100'] },
      customer: 'J. Doe',
      summary: 's',
    });
    expect(provisioned.text).toBe('Provision done: (801) 555-0100 for J. Doe');
    expect(
      JSON.stringify(executionOutcomeMessage({ title: 'P', status: 'unknown', summary: 's' }).blocks),
    ).toMatch(/NOT retried/);
    assertWithinSlackLimits(
      executionOutcomeMessage({
        title: HUGE,
        status: 'failed',
        orderId: HUGE,
        summary: HUGE,
        error: HUGE,
        hint: HUGE,
      }),
    );
  });

  it('errorMessage escapes and fits', () => {
    const msg = errorMessage(NASTY);
    assertWithinSlackLimits(msg);
    expect(JSON.stringify(msg.blocks)).not.toContain('<!channel>');
  });
});

describe('usageMessage', () => {
  const info: DataUsageInfo = {
    Status: 'ok',
    PhoneNumbers: [
      { Number: '+18015551234', Used: '12 MB', Remaining: '8 MB', CurrentBehavior: 'Throttled' },
    ],
  } as DataUsageInfo;
  const settings: DataUsageSettings = {
    Status: 'ok',
    PhoneNumbers: [
      {
        Number: '+18015551234',
        NotifyValue: 10,
        ThrottleValue: 15,
        ThrottleSpeed: 'thr1024kbps',
        LimitValue: 20,
        ValueUnit: 'MB',
      },
    ],
  } as DataUsageSettings;

  it('shows the number, used, remaining, behavior (in words) and thresholds', () => {
    const msg = usageMessage({ info, settings, sandbox: true });
    assertWithinSlackLimits(msg);
    const json = JSON.stringify(msg.blocks);
    for (const s of [
      '(801) 555-1234',
      'Behavior now',
      'Slowed down (throttle reached)',
      '12 MB',
      '8 MB',
      'notify 10 MB',
      'throttle 15 MB (thr1024kbps)',
      'limit 20 MB',
    ])
      expect(json).toContain(s);
    expect(msg.text).toContain('(801) 555-1234');
    // Not the API's values: no E.164, no "Throttled", no British spelling.
    expect(json + msg.text).not.toContain('+18015551234');
    expect(json).not.toMatch(/Throttled|Behaviour/);
  });

  it('thresholds in MB also read in GB from 1 GB up (1 GB = 1024 MB)', () => {
    const big = {
      PhoneNumbers: [
        { Number: '+18015551234', NotifyValue: 1024, ThrottleValue: 1536, LimitValue: 2048, ValueUnit: 'MB' },
      ],
    } as DataUsageSettings;
    const json = JSON.stringify(usageMessage({ info, settings: big }).blocks);
    expect(json).toContain('notify 1024 MB (1 GB)');
    expect(json).toContain('throttle 1536 MB (1.5 GB)');
    expect(json).toContain('limit 2048 MB (2 GB)');
  });

  it('fits 1000 numbers with huge values', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      Number: `+1${i}`,
      Used: HUGE,
      Remaining: HUGE,
      CurrentBehavior: NASTY,
      StatusMessage: HUGE,
    }));
    const msg = usageMessage({
      info: { PhoneNumbers: many } as never,
      settings: { PhoneNumbers: [] } as never,
    });
    assertWithinSlackLimits(msg);
    expect(JSON.stringify(msg.blocks.at(-1))).toMatch(/more number/);
  });
});

describe('orderStatusMessage', () => {
  const order: OrderDetails = {
    OrderId: 'JNUOID-1',
    OrderType: 'PortIn',
    OrderStatus: 'Error',
    OrderStatusMessage: '8A-ACCOUNT_NUM_REQ_OR_INCORRECT',
    PhoneNumbersOrdered: [{ Number: '+18015551234' }],
    PortInDate: '2026-03-10',
  } as OrderDetails;

  it('explains the carrier code and offers Update and Cancel port-in… (its form says it is final)', () => {
    const msg = orderStatusMessage({ order, stored: orderRecord({ orderId: 'JNUOID-1' }), sandbox: true });
    assertWithinSlackLimits(msg);
    const json = JSON.stringify(msg.blocks);
    expect(json).toContain(
      '*Carrier rejected (8A)*: the losing carrier says the account number is missing or wrong.',
    );
    expect(json.match(/8A/g)).toHaveLength(1);
    // Next to the Fix… button: the next step points at it, no command with the full id in prose.
    expect(json).toContain('*Next step:* *Fix…* below opens the form with what to correct.');
    expect(json).not.toContain('/telegent portin update');
    // The heading names the number; no "Number(s)" field repeating it. The full id lives here, in code.
    expect(msg.blocks[1]).toMatchObject({ type: 'header', text: { text: 'Port-in of (801) 555-1234' } });
    expect(json).not.toContain('Number(s)');
    expect(json).toContain('*Order*\\n`JNUOID-1`');
    // The same word as on every order button for the same action.
    expect(buttons(msg.blocks, ACTION.orderStatus)[0].text.text).toBe('Status');
    expect(json).not.toContain('Refresh');
    expect(buttons(msg.blocks, ACTION.orderUpdate)[0].value).toBe('JNUOID-1');
    const [cancel] = buttons(msg.blocks, ACTION.orderCancel);
    expect(cancel.options.map((o: { text: { text: string } }) => o.text.text)).toEqual(['Cancel port-in…']);
    // No confirm dialog before the cancel form: the form itself says it is final and asks for the reason.
    expect(cancel.confirm).toBeUndefined();
  });

  it('no update/cancel for finished or non-port-in orders', () => {
    const done = orderStatusMessage({ order: { ...order, OrderStatus: 'Completed' } });
    expect(buttons(done.blocks, ACTION.orderCancel)).toHaveLength(0);
    const provision = orderStatusMessage({
      order: { ...order, OrderType: 'Provision' },
      stored: orderRecord({ kind: 'provision' }),
    });
    expect(buttons(provision.blocks, ACTION.orderUpdate)).toHaveLength(0);
    expect(buttons(provision.blocks, ACTION.orderStatus)).toHaveLength(1);
  });

  it('fits huge fields', () => {
    const huge = {
      ...order,
      OrderId: HUGE.slice(0, 1500),
      OrderStatusMessage: `${NASTY} 6P ${HUGE}`,
      PhoneNumbersOrdered: Array.from({ length: 500 }, () => ({ Number: HUGE })),
    };
    assertWithinSlackLimits(
      orderStatusMessage({ order: huge as OrderDetails, stored: orderRecord({ statusMessage: HUGE }) }),
    );
  });
});

describe('openOrdersMessage', () => {
  it('lists orders with a Status button; 500 orders fit with "and N more"', () => {
    const few = openOrdersMessage({ orders: [orderRecord()], sandbox: true });
    assertWithinSlackLimits(few);
    expect(buttons(few.blocks, ACTION.orderStatus)).toHaveLength(1);
    const orders = Array.from({ length: 500 }, (_, i) =>
      orderRecord({
        orderId: `JNUOID-${i}`,
        statusMessage: i % 2 ? HUGE : null,
        numbers: Array(50).fill('+18015551234'),
      }),
    );
    const msg = openOrdersMessage({ orders });
    assertWithinSlackLimits(msg);
    expect(JSON.stringify(msg.blocks.at(-1))).toMatch(/and \d+ more open order/);
    assertWithinSlackLimits(openOrdersMessage({ orders: [] }));
  });

  it("shows an OrderId short, with the full one a click away on the row's Status button", () => {
    const orderId = 'JNUOID-6a283dcf-1bb8-4ed1-8387-ce877b4ffc24';
    const msg = openOrdersMessage({ orders: [orderRecord({ orderId })] });
    const row = msg.blocks.find((b: J) => JSON.stringify(b).includes('JNUOID-6a283dcf…')) as J;
    expect(row.text.text).not.toContain(orderId);
    expect(row.accessory).toMatchObject({ action_id: ACTION.orderStatus, value: orderId });
  });
});

describe('revealedSecretMessage', () => {
  it('shows the secret in the blocks but not in the notification text', () => {
    const msg = revealedSecretMessage(
      { title: 'Port-out PIN for (801) 555-1234', secret: '482913', note: 'Order `JNOID-1`.' },
      true,
    );
    assertWithinSlackLimits(msg);
    expect(JSON.stringify(msg.blocks)).toContain('482913');
    expect(msg.text).not.toContain('482913');
  });
});
