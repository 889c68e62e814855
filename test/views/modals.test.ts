import { describe, expect, it } from 'vitest';
import { errorModal } from '../../src/messages/error-views.js';
import { ACTION, CALLBACK } from '../../src/messages/ids.js';
import { operations } from '../../src/operations/registry.js';
import { validateInput } from '../../src/operations/validation-errors.js';
import { explainCarrierCode } from '../../src/telegent/carrier-codes.js';
import type { NumberRecord, PortInEligibility } from '../../src/telegent/response-schemas.js';
import { limitsModal } from '../../src/views/modals/limits-modal.js';
import { PrivateMetadataTooLongError } from '../../src/views/modals/modal.js';
import { numberUpdateModal } from '../../src/views/modals/number-update-modal.js';
import { portinCancelModal } from '../../src/views/modals/portin-cancel-modal.js';
import { portinModal } from '../../src/views/modals/portin-modal.js';
import { portinUpdateModal } from '../../src/views/modals/portin-update-modal.js';
import { portoutModal } from '../../src/views/modals/portout-modal.js';
import { provisionModal } from '../../src/views/modals/provision-modal.js';
import { rejectReasonModal } from '../../src/views/modals/reject-reason-modal.js';
import { loadingModal, resultModal, workingModal } from '../../src/views/modals/status-modals.js';
import { REQUEST_FORMS } from '../../src/views/submissions/request-forms.js';
import { dropUnchanged, errorsForView, readViewInput } from '../../src/views/view-input.js';
import { HUGE, NASTY, now } from '../messages/fixtures.js';
import { assertWithinSlackLimits } from '../messages/slack-limits.js';
import { fillView, inputBlock, inputIds } from '../support/fill-view.js';

const META = JSON.stringify({ channelId: 'C0CHANNEL' });
const ELIGIBLE: PortInEligibility = {
  PhoneNumber: '+18015551234',
  Eligible: true,
  CurrentCarrier: 'Verizon Wireless',
  NumberType: 'Wireless',
  Message: null,
};
const ICCID = '8901240397190195850';

function submitted<V extends { blocks: unknown[] }>(view: V, fill: Record<string, string | string[]>) {
  // biome-ignore lint/suspicious/noExplicitAny: modal views from the builders
  return readViewInput(fillView(view as any, fill), view.blocks as any);
}

describe('provisionModal', () => {
  it('is within limits, pre-filled, with pickers wired to app.options', () => {
    const view = provisionModal({
      prefill: { areaCode: '801', zipCode: '84043' },
      metadata: META,
      sandbox: true,
    });
    assertWithinSlackLimits(view);
    expect(view.callback_id).toBe(CALLBACK.form('provision'));
    expect(view.private_metadata).toBe(META);
    expect(JSON.stringify(view)).toContain('SANDBOX');
    expect(inputBlock(view, 'areaCode').element.initial_value).toBe('801');
    expect(inputBlock(view, 'messageRouteId').element).toMatchObject({
      type: 'external_select',
      action_id: ACTION.messageRoutePicker,
      min_query_length: 0,
    });
    expect(inputBlock(view, 'voiceRouteId').element.action_id).toBe(ACTION.voiceRoutePicker);
    expect(inputBlock(view, 'assignedSubscriberId').element.action_id).toBe(ACTION.subscriberPicker);
    expect(inputIds(view)).not.toContain('accountId');
  });

  it('asks for product, subscriber and area; the rest waits behind "More options…" with its defaults said', () => {
    const view = provisionModal({ metadata: META });
    expect(inputIds(view)).toEqual([
      'productType',
      'assignedSubscriberId',
      'areaCode',
      'messageRouteId',
      'voiceRouteId',
      'reason',
    ]);
    const json = JSON.stringify(view);
    expect(json).toContain(ACTION.moreOptions);
    expect(json).toContain(
      'Also: 1 number · no ZIP code · phone line (mvno) · person-to-person texts · no SIM yet',
    );
    // No raw id in a hint: the pickers show route names.
    expect(json).not.toMatch(/MRID-|CRID-/);

    const more = provisionModal({ metadata: META, moreOptions: true });
    expect(JSON.stringify(more)).not.toContain(ACTION.moreOptions);
    expect(inputIds(more)).toEqual([
      'productType',
      'assignedSubscriberId',
      'areaCode',
      'messageRouteId',
      'voiceRouteId',
      'count',
      'zipCode',
      'numberType',
      'messageType',
      'iccid',
      'reason',
    ]);
  });

  it("preselects and folds an account's only route, and keeps a ZIP code from search in sight", () => {
    const onlyRoutes = {
      messageRoute: { text: 'Main SMS Webhook', value: 'MRID-ad0ff867-57dc-4aeb-80e9-9d18349080e9' },
      voiceRoute: { text: 'Main SIP Trunk · Trunk', value: 'CRID-509de94f-79cc-429b-a317-2102654dabbb' },
    };
    const view = provisionModal({ metadata: META, onlyRoutes, prefill: { zipCode: '84043' } });
    expect(inputIds(view)).toEqual(['productType', 'assignedSubscriberId', 'areaCode', 'zipCode', 'reason']);
    expect(JSON.stringify(view)).toContain('message route Main SMS Webhook (the only one)');
    const more = provisionModal({ metadata: META, onlyRoutes, moreOptions: true });
    expect(inputBlock(more, 'messageRouteId').element.initial_option).toEqual({
      text: { type: 'plain_text', text: 'Main SMS Webhook', emoji: true },
      value: onlyRoutes.messageRoute.value,
    });
    expect(inputBlock(more, 'voiceRouteId').element.initial_option.value).toBe(onlyRoutes.voiceRoute.value);
  });

  it('round-trips to a valid provision input', () => {
    const view = provisionModal({ prefill: { areaCode: '801' }, metadata: META, moreOptions: true });
    const raw = submitted(view, {
      productType: 'Sms+Data+Voice',
      messageRouteId: 'MRID-ad0ff867-57dc-4aeb-80e9-9d18349080e9',
      voiceRouteId: 'CRID-509de94f-79cc-429b-a317-2102654dabbb',
      assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
      iccid: '8901 2403 9719 0195 850',
    });
    const result = validateInput(operations.provision, raw, { now });
    expect(result).toEqual({
      ok: true,
      value: {
        productType: 'Sms+Data+Voice',
        numberType: 'mvno',
        messageType: 'p2p',
        messageEnabled: true,
        voiceEnabled: true,
        dataEnabled: true,
        messageRouteId: 'MRID-ad0ff867-57dc-4aeb-80e9-9d18349080e9',
        voiceRouteId: 'CRID-509de94f-79cc-429b-a317-2102654dabbb',
        areaCode: '801',
        zipCode: undefined,
        iccid: ICCID,
        assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
        accountId: undefined,
        count: 1,
      },
    });
  });

  it('maps validation errors to blocks of the view', () => {
    const view = provisionModal({ metadata: META, moreOptions: true });
    const raw = submitted(view, {
      productType: 'Sms+Data+Voice',
      numberType: 'iot',
      messageType: 'a2p',
      iccid: '1234',
      areaCode: '911',
    });
    const result = validateInput(operations.provision, raw, { now });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const errors = errorsForView(result.errors, view);
    const ids = inputIds(view);
    for (const key of Object.keys(errors)) expect(ids).toContain(key);
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining(['messageRouteId', 'assignedSubscriberId', 'iccid', 'areaCode']),
    );
    for (const message of Object.values(errors)) expect(message.length).toBeLessThanOrEqual(150);
  });

  it('refuses private_metadata over 3000 characters instead of cutting JSON', () => {
    expect(() => provisionModal({ metadata: 'x'.repeat(3001) })).toThrow(PrivateMetadataTooLongError);
  });
});

describe('portinModal', () => {
  const fill = {
    currentAccountNumber: '46512222',
    currentAccountPassword: 'S3cretPass',
    assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
    'billingAddress.street1': '2701 N Thanksgiving Way',
    'billingAddress.city': 'Lehi',
    'billingAddress.state': 'ut',
    'billingAddress.zip': '84043',
    subscriberName: 'Jane Doe',
    iccid: ICCID,
  };

  it('shows the fixed number, pre-fills the carrier, says once that secrets are encrypted', () => {
    const view = portinModal({
      targetClassification: 'mvno',
      phoneNumber: '+18015551234',
      eligibility: ELIGIBLE,
      metadata: META,
    });
    assertWithinSlackLimits(view);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('(801) 555-1234');
    expect(inputIds(view)).not.toContain('phoneNumber');
    expect(inputBlock(view, 'currentCarrierName').element.initial_value).toBe('Verizon Wireless');
    expect(json.match(/encrypted when you submit/g)).toHaveLength(1);
    expect(inputBlock(view, 'currentAccountPassword').hint).toBeUndefined();
    expect(inputBlock(view, 'portInDate').optional).toBe(true);
  });

  it('folds the name on the carrier account and the SIM behind "More options…"', () => {
    const args = {
      targetClassification: 'mvno' as const,
      phoneNumber: '+18015551234',
      eligibility: ELIGIBLE,
      metadata: META,
    };
    const view = portinModal(args);
    expect(inputIds(view)).not.toContain('subscriberName');
    expect(inputIds(view)).not.toContain('iccid');
    expect(JSON.stringify(view)).toContain('Also: no name on the carrier account · no SIM yet');
    const more = portinModal({ ...args, moreOptions: true });
    expect(inputIds(more)).toEqual([...inputIds(view).slice(0, -1), 'subscriberName', 'iccid', 'reason']);
    expect(inputBlock(more, 'subscriberName').label.text).toBe('Name on the carrier account');
  });

  it('round-trips (with phone and eligibility from metadata) to a valid port-in input', () => {
    const view = portinModal({
      targetClassification: 'mvno',
      phoneNumber: '+18015551234',
      eligibility: ELIGIBLE,
      metadata: META,
      moreOptions: true,
    });
    const raw = {
      ...submitted(view, { ...fill, portInDate: '2026-03-10' }),
      phoneNumber: '+18015551234',
      eligibility: { eligible: true, numberType: 'Wireless', currentCarrier: 'Verizon Wireless' },
    };
    const result = validateInput(operations.portin, raw, { now });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      phoneNumber: '+18015551234',
      currentCarrierName: 'Verizon Wireless',
      currentAccountNumber: '46512222',
      currentAccountPassword: 'S3cretPass',
      billingAddress: { street1: '2701 N Thanksgiving Way', city: 'Lehi', state: 'UT', zip: '84043' },
      subscriberName: 'Jane Doe',
      iccid: ICCID,
      targetClassification: 'mvno',
      portInDate: '2026-03-10',
    });
  });

  it('requires the port date for wireline numbers, and its error lands on the date picker', () => {
    const wireline = { ...ELIGIBLE, NumberType: 'Landline' };
    const view = portinModal({
      targetClassification: 'mvno',
      phoneNumber: '+18015551234',
      eligibility: wireline,
      metadata: META,
      moreOptions: true,
    });
    expect(inputBlock(view, 'portInDate').optional).toBe(false);
    expect(inputBlock(view, 'portInDate').hint.text).toMatch(/Required/);
    const raw: Record<string, unknown> = {
      ...submitted(view, fill),
      phoneNumber: '+18015551234',
      eligibility: { eligible: true, numberType: 'Landline' },
    };
    const result = validateInput(operations.portin, raw, { now });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(errorsForView(result.errors, view))).toEqual(['portInDate']);
    const badState = validateInput(
      operations.portin,
      { ...raw, billingAddress: { ...(raw.billingAddress as object), state: 'ZZ' } },
      { now },
    );
    expect(badState.ok).toBe(false);
    if (!badState.ok)
      expect(Object.keys(errorsForView(badState.errors, view))).toEqual(['billingAddress.state']);
  });

  it('stays within limits with huge eligibility text', () => {
    const view = portinModal({
      targetClassification: 'mvno',
      phoneNumber: NASTY,
      eligibility: { ...ELIGIBLE, CurrentCarrier: HUGE, NumberType: HUGE },
      metadata: META,
    });
    assertWithinSlackLimits(view);
  });
});

describe('portinUpdateModal', () => {
  const stored = {
    orderId: 'JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed',
    phoneNumber: '+18015551234',
    currentCarrierName: 'Verizon',
    currentAccountNumber: '46512222',
    currentAccountPassword: 'S3cretPass',
    billingAddress: { street1: '2701 N Thanksgiving Way', city: 'Lehi', state: 'UT', zip: '84043' },
    subscriberName: 'Jane Doe',
    portInDate: '2026-03-10',
    targetClassification: 'mvno',
  };
  const orderId = stored.orderId;

  it('pre-fills what we stored but never the secrets', () => {
    const view = portinUpdateModal({ orderId, stored, metadata: JSON.stringify({ orderId }) });
    assertWithinSlackLimits(view);
    const json = JSON.stringify(view);
    expect(json).not.toContain('46512222');
    expect(json).not.toContain('S3cretPass');
    expect(inputBlock(view, 'currentAccountNumber').element.initial_value).toBeUndefined();
    // "Leave empty to keep" is said once (the :lock: note), not again in each secret field's hint.
    expect(json.match(/[Ll]eave (them )?empty to keep/g)).toHaveLength(1);
    expect(inputBlock(view, 'currentAccountPassword').hint).toBeUndefined();
    // The classification in words, without the API values as a hint.
    expect(inputBlock(view, 'targetClassification').label.text).toBe('Port in as');
    expect(inputBlock(view, 'targetClassification').hint).toBeUndefined();
    expect(json).not.toContain('Target classification');
    expect(json).not.toMatch(/[Mm]vno or iot/);
    expect(inputBlock(view, 'currentCarrierName').element.initial_value).toBe('Verizon');
    expect(inputBlock(view, 'billingAddress.city').element.initial_value).toBe('Lehi');
    expect(inputBlock(view, 'portInDate').element.initial_date).toBe('2026-03-10');
    // Every field may stay as it is; only the reason for the change is asked for.
    for (const id of inputIds(view)) expect(inputBlock(view, id).optional).toBe(id !== 'reason');
    expect(inputIds(view).at(-1)).toBe('reason');
  });

  it('round-trips a changed field to a valid update (unchanged values dropped)', () => {
    const view = portinUpdateModal({ orderId, stored, metadata: '{}' });
    const raw = { ...dropUnchanged(submitted(view, { currentAccountNumber: '999111' }), stored), orderId };
    const result = validateInput(operations['portin-update'], raw, { now });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.fromEntries(Object.entries(result.value).filter(([, v]) => v !== undefined))).toEqual({
      orderId,
      currentAccountNumber: '999111',
    });
  });

  it('puts "change at least one field" under an existing input', () => {
    const view = portinUpdateModal({ orderId, stored, metadata: '{}' });
    const raw = { ...dropUnchanged(submitted(view, {}), stored), orderId };
    const result = validateInput(operations['portin-update'], raw, { now });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const errors = errorsForView(result.errors, view);
    expect(Object.keys(errors)).toEqual([inputIds(view)[0]]);
    expect(Object.values(errors)[0]).toContain('change at least one field');
  });

  it('works without anything stored', () => {
    assertWithinSlackLimits(portinUpdateModal({ orderId, stored: null, metadata: '{}' }));
  });

  it('Fix…: the carrier code is explained once, at the top; the fields it names are only marked', () => {
    const callout = explainCarrierCode('8A-ACCOUNT_NUM_REQ_OR_INCORRECT', orderId)!;
    const view = portinUpdateModal({ orderId, stored, metadata: '{}', callout });
    const json = JSON.stringify(view);
    expect(json.match(/8A/g)).toHaveLength(1);
    expect(json.match(/losing carrier says/g)).toHaveLength(1);
    expect(inputBlock(view, 'currentAccountNumber').hint.text).toBe(
      ':warning: The carrier objected to this: check it with the customer.',
    );
    expect(inputBlock(view, 'currentAccountPassword').hint).toBeUndefined();
  });
});

describe('portoutModal', () => {
  const number: NumberRecord = {
    Number: '+18015551234',
    Status: 'Active',
    ProductType: 'Sms+Data+Voice',
    NumberType: 'mvno',
    MessageEnabled: true,
    MessageType: 'p2p',
    VoiceEnabled: true,
    AssignedSubscriberId: 'TSUID-1',
    Iccid: ICCID,
    OrderId: 'JNOID-1',
    OriginalDatePurchased: '09/02/2026',
  } as NumberRecord;

  it('shows the number details in words and an optional PIN input', () => {
    const view = portoutModal({ phoneNumber: '+18015551234', number, metadata: META });
    assertWithinSlackLimits(view);
    const json = JSON.stringify(view.blocks);
    for (const words of [
      '(801) 555-1234',
      'SMS + data + voice · phone line',
      'on (person-to-person texts)',
      '*SIM*\\n…5850',
      '*Subscriber*\\nTSUID-1',
      '*Purchased*\\nSep 2, 2026',
    ])
      expect(json).toContain(words);
    expect(inputBlock(view, 'pin').optional).toBe(true);
    // "Leave empty to generate one" is said once, in the input itself.
    expect(inputBlock(view, 'pin').element.placeholder.text).toMatch(/Leave empty to generate/);
    expect(inputBlock(view, 'pin').hint.text).not.toMatch(/leave empty/i);
  });

  it('names the number once, and no API values: no E.164, raw ids, full ICCID, product codes or US dates', () => {
    const full = {
      ...number,
      AssignedSubscriberId: 'TSUID-7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d',
      OrderId: 'TNOID-ddbaad7c-38c8-4cb4-bf0d-000000000006',
      MessageType: 'a2p',
    } as NumberRecord;
    const view = portoutModal({
      phoneNumber: '+18015551234',
      number: full,
      customer: 'Eli Novak',
      metadata: META,
    });
    const json = JSON.stringify(view.blocks);
    expect(json.split('(801) 555-1234')).toHaveLength(2);
    expect(json).toContain('(Eli Novak)');
    expect(json).toContain('on (application-to-person texts)');
    expect(json).not.toMatch(/\+18015551234|TSUID-|TNOID-|Sms\+|mvno|a2p|\d{2}\/\d{2}\/\d{4}|\*Order\*/);
    expect(json).not.toContain(ICCID);
  });

  it('round-trips a typed PIN and an empty one (generated)', () => {
    const view = portoutModal({ phoneNumber: '+18015551234', number, metadata: META });
    const typed = validateInput(operations.portout, {
      ...submitted(view, { pin: '482913', verificationMethod: 'Photo ID in store' }),
      phoneNumber: '+18015551234',
    });
    expect(typed).toEqual({
      ok: true,
      value: { phoneNumber: '+18015551234', pin: '482913', verificationMethod: 'Photo ID in store' },
    });
    const generated = validateInput(operations.portout, {
      ...submitted(view, { verificationMethod: 'Photo ID in store' }),
      phoneNumber: '+18015551234',
    });
    expect(generated.ok && /^\d{6}$/.test(generated.value.pin)).toBe(true);
    const bad = validateInput(operations.portout, {
      ...submitted(view, { pin: '12ab', verificationMethod: 'Photo ID in store' }),
      phoneNumber: '+18015551234',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(errorsForView(bad.errors, view))).toEqual(['pin']);
  });

  it('stays within limits with huge number details', () => {
    const huge = Object.fromEntries(Object.keys(number).map((k) => [k, HUGE])) as unknown as NumberRecord;
    assertWithinSlackLimits(portoutModal({ phoneNumber: HUGE, number: huge, metadata: META }));
  });
});

describe('limitsModal', () => {
  const numbers = ['+18015551234', '+18015551235'];

  it('round-trips to a valid limits input', () => {
    const view = limitsModal({ numbers, metadata: META });
    assertWithinSlackLimits(view);
    const raw = submitted(view, {
      notifyValue: '10',
      throttleValue: '15',
      throttleSpeed: '1-mbps',
      limitValue: '20',
    });
    expect(validateInput(operations.limits, raw)).toEqual({
      ok: true,
      value: {
        numbers,
        notifyValue: 10,
        throttleValue: 15,
        throttleSpeed: '1-mbps',
        limitValue: 20,
        valueUnit: 'MB',
      },
    });
  });

  it('pre-fills shared current settings and maps ordering errors to the inputs', () => {
    const current = {
      Status: 'ok',
      PhoneNumbers: numbers.map((n) => ({
        Number: n,
        NotifyValue: 5,
        LimitValue: 50,
        ValueUnit: 'GB',
        ThrottleSpeed: 'thr1024kbps',
      })),
    };
    const view = limitsModal({ numbers, current, metadata: META });
    expect(inputBlock(view, 'limitValue').element.initial_value).toBe('50');
    expect(inputBlock(view, 'valueUnit').element.initial_option.value).toBe('GB');
    expect(inputBlock(view, 'throttleSpeed').element.initial_option).toBeUndefined();
    const raw = submitted(view, { notifyValue: '60', throttleValue: '55' });
    const result = validateInput(operations.limits, raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const errors = errorsForView(result.errors, view);
    expect(Object.keys(errors).sort()).toEqual(['notifyValue', 'throttleSpeed', 'throttleValue']);
  });

  it('stays within limits with 100 numbers and 1000 current settings', () => {
    const many = Array.from({ length: 100 }, (_, i) => `+1801555${String(1000 + i)}`);
    const current = {
      PhoneNumbers: Array.from({ length: 1000 }, (_, i) => ({
        Number: `+1${i}`,
        LimitValue: i,
        ThrottleSpeed: HUGE,
      })),
    };
    assertWithinSlackLimits(limitsModal({ numbers: many, current: current as never, metadata: META }));
  });
});

describe('portinCancelModal', () => {
  const orderId = 'JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed';
  const metadata = JSON.stringify({ channelId: 'C0CHANNEL', orderId });

  it('says which port-in, for whom and that it is final, and asks only for the reason', () => {
    const view = portinCancelModal({
      channelId: 'C0SUPPORT',
      orderId,
      numbers: ['+13135550142'],
      status: 'Rejected',
      customer: 'Dana Smith',
      metadata,
      sandbox: true,
    });
    assertWithinSlackLimits(view);
    expect(view.callback_id).toBe(CALLBACK.form('portin-cancel'));
    expect(view.title.text).toBe('Cancel port-in');
    expect(view.close?.text).toBe('Keep it');
    const text = JSON.stringify(view.blocks);
    for (const part of [
      '(313) 555-0142',
      'Dana Smith',
      'JNUOID-6c058364…',
      'final',
      'SANDBOX',
      '<#C0SUPPORT>',
    ])
      expect(text).toContain(part);
    expect(text).not.toContain(orderId);
    expect(inputIds(view)).toEqual(['reason']);
    expect(inputBlock(view, 'reason').optional).toBe(false);
  });

  it('round-trips through its request form to a valid cancel of the order in the metadata', () => {
    const view = portinCancelModal({
      channelId: 'C0SUPPORT',
      orderId,
      numbers: ['+13135550142'],
      metadata,
    });
    const form = REQUEST_FORMS.find((f) => f.callbackId === view.callback_id);
    expect(form?.kind).toBe('portin-cancel');
    const { reason, ...typed } = submitted(view, { reason: 'ZD-9 customer stays' });
    expect(reason).toBe('ZD-9 customer stays');
    const raw = { ...typed, ...form!.fromMetadata(JSON.parse(metadata)) };
    expect(validateInput(operations['portin-cancel'], raw, { now })).toEqual({
      ok: true,
      value: { orderId },
    });
  });

  it('stays within limits with huge or hostile values', () => {
    assertWithinSlackLimits(
      portinCancelModal({
        channelId: 'C0SUPPORT',
        orderId: HUGE,
        numbers: Array.from({ length: 500 }, () => HUGE),
        status: NASTY,
        customer: HUGE,
        metadata,
      }),
    );
  });
});

describe('small modals', () => {
  it('reject reason carries the request id and reads back as `reason`', () => {
    const view = rejectReasonModal({ requestId: 'req_1' });
    assertWithinSlackLimits(view);
    expect(view.callback_id).toBe(CALLBACK.rejectReason);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ requestId: 'req_1' });
    expect(submitted(view, { reason: 'wrong number' })).toEqual({ reason: 'wrong number' });
  });

  it('loading / working / result / error modals fit with huge text and long titles', () => {
    for (const view of [
      loadingModal('A title far longer than twenty-four characters', HUGE),
      workingModal('Port-in', NASTY),
      resultModal(
        'Result',
        Array.from({ length: 150 }, () => ({ type: 'divider' as const })),
      ),
      errorModal('Error', HUGE),
    ]) {
      assertWithinSlackLimits(view);
      expect(view.callback_id).toBe(CALLBACK.info);
      expect(view.submit).toBeUndefined();
    }
  });
});

describe('numberUpdateModal', () => {
  const view = numberUpdateModal({ phoneNumber: '+18015551234', metadata: META });
  const json = JSON.stringify(view.blocks);

  it('names the number as people write it, and no route ids or jargon in the hints', () => {
    assertWithinSlackLimits(view);
    expect(json).toContain('*Update (801) 555-1234*');
    expect(json).not.toContain('+18015551234');
    expect(json).not.toMatch(/MRID-|CRID-|route id|orphan/);
    expect(inputBlock(view, 'messageRouteId').hint).toBeUndefined();
    expect(inputBlock(view, 'messageRouteId').element.placeholder.text).toBe('Type a route name…');
    expect(inputBlock(view, 'voiceRouteId').hint).toBeUndefined();
  });

  it('says the caller ID limit once', () => {
    expect(json.match(/15 characters/g)).toHaveLength(1);
    expect(inputBlock(view, 'cnamFirstName').element.max_length).toBe(15);
    expect(inputBlock(view, 'cnamLastName').element.max_length).toBe(15);
  });
});

describe('limitsModal in words', () => {
  const current = {
    Status: 'ok',
    PhoneNumbers: [{ Number: '+18015551234', LimitValue: 20, ValueUnit: 'MB' }],
  } as never;
  const view = limitsModal({ numbers: ['+18015551234'], current, metadata: META });
  const sections = JSON.stringify(view.blocks.filter((b) => b.type === 'section'));
  const hints = JSON.stringify(
    view.blocks.map((b) => (b.type === 'input' ? (b as { hint?: unknown }).hint : undefined)),
  );

  it('shows what is set now by number as people write it', () => {
    expect(sections).toContain('• (801) 555-1234: limit 20 MB');
    expect(sections).not.toContain('+18015551234');
  });

  it('says the order of the thresholds as a person would, and no API units or repeated "optional"', () => {
    expect(sections).toContain(
      'Warn first, then slow down, then stop: each value larger than the one before',
    );
    expect(sections).not.toMatch(/notify &lt; throttle|notify < throttle|Telegent needs/);
    expect(hints).not.toMatch(/Optional:|Telegent takes MB|converted/);
    expect(inputBlock(view, 'valueUnit').hint.text).toBe('1 GB = 1024 MB');
  });
});
