import { describe, expect, it } from 'vitest';
import { FORM_ERROR_KEY } from '../../src/operations/portin-update.js';
import { booleanInput, textInput } from '../../src/views/inputs.js';
import { dropUnchanged, errorsForView, readViewInput } from '../../src/views/view-input.js';

describe('readViewInput', () => {
  it('reads every element type and nests dotted block ids', () => {
    const raw = readViewInput({
      productType: { productType: { type: 'static_select', selected_option: { value: 'Sms+Data' } } },
      numberType: { numberType: { type: 'radio_buttons', selected_option: { value: 'iot' } } },
      messageRouteId: {
        'picker.message-route': { type: 'external_select', selected_option: { value: 'MRID-1' } },
      },
      portInDate: { portInDate: { type: 'datepicker', selected_date: '2026-03-10' } },
      limitValue: { limitValue: { type: 'number_input', value: '20' } },
      'billingAddress.street1': {
        'billingAddress.street1': { type: 'plain_text_input', value: '1 Main St' },
      },
      'billingAddress.city': { 'billingAddress.city': { type: 'plain_text_input', value: 'Lehi' } },
      tags: { tags: { type: 'checkboxes', selected_options: [{ value: 'a' }, { value: 'b' }] } },
    });
    expect(raw).toEqual({
      productType: 'Sms+Data',
      numberType: 'iot',
      messageRouteId: 'MRID-1',
      portInDate: '2026-03-10',
      limitValue: '20',
      billingAddress: { street1: '1 Main St', city: 'Lehi' },
      tags: ['a', 'b'],
    });
  });

  it('leaves empty inputs out (null, blank, no selection)', () => {
    const raw = readViewInput({
      iccid: { iccid: { type: 'plain_text_input', value: null } },
      zipCode: { zipCode: { type: 'plain_text_input', value: '   ' } },
      voiceRouteId: { v: { type: 'external_select', selected_option: null } },
      portInDate: { p: { type: 'datepicker', selected_date: null } },
      'billingAddress.street2': { s: { type: 'plain_text_input', value: '' } },
    });
    expect(raw).toEqual({});
  });

  it('reads a single-option checkbox as a boolean when given the blocks', () => {
    const blocks = [booleanInput({ field: 'voiceEnabled', text: 'Voice' })];
    const off = readViewInput(
      { voiceEnabled: { voiceEnabled: { type: 'checkboxes', selected_options: [] } } },
      blocks,
    );
    const on = readViewInput(
      { voiceEnabled: { voiceEnabled: { type: 'checkboxes', selected_options: [{ value: 'true' }] } } },
      blocks,
    );
    expect(off).toEqual({ voiceEnabled: false });
    expect(on).toEqual({ voiceEnabled: true });
  });
});

describe('errorsForView', () => {
  const view = {
    blocks: [
      textInput({ field: 'currentCarrierName' }),
      textInput({ field: 'numbers' }),
      textInput({ field: 'billingAddress.street1' }),
      textInput({ field: 'billingAddress.city' }),
    ],
  };

  it('puts each error under its input, without repeating the label', () => {
    const errors = errorsForView(
      { currentCarrierName: 'Current carrier: required; the current carrier' },
      view,
    );
    expect(errors).toEqual({ currentCarrierName: 'Required; the current carrier' });
  });

  it('maps nested, group, form-level and unknown fields to existing blocks', () => {
    const errors = errorsForView(
      {
        'numbers.3': 'Phone numbers (item 4): bad',
        billingAddress: 'Billing address: enter street, city, state and ZIP',
        [FORM_ERROR_KEY]: 'Request: change at least one field',
        phoneNumber: 'Phone number: not eligible for port-in',
      },
      view,
    );
    expect(errors.numbers).toContain('item 4');
    expect(errors['billingAddress.street1']).toContain('Billing address');
    expect(errors.currentCarrierName).toContain('change at least one field');
    expect(errors.currentCarrierName).toContain('not eligible');
    const ids = view.blocks.map((b) => b.block_id);
    for (const key of Object.keys(errors)) expect(ids).toContain(key);
  });

  it('keeps every message within 150 characters', () => {
    const errors = errorsForView({ currentCarrierName: 'x'.repeat(5000), _form: 'y'.repeat(400) }, view);
    expect(errors.currentCarrierName!.length).toBeLessThanOrEqual(150);
  });
});

describe('dropUnchanged', () => {
  it('keeps only the fields that differ from what is stored (a group counts as one)', () => {
    const stored = {
      currentCarrierName: 'Verizon',
      billingAddress: { street1: '1 Main St', city: 'Lehi', state: 'UT', zip: '84043' },
      subscriberName: 'Jane Doe',
    };
    const raw = {
      currentCarrierName: 'Verizon ',
      billingAddress: { street1: '1 Main St', city: 'Provo', state: 'UT', zip: '84043' },
      subscriberName: 'Jane Doe',
      currentAccountNumber: '123',
    };
    expect(dropUnchanged(raw, stored)).toEqual({
      billingAddress: raw.billingAddress,
      currentAccountNumber: '123',
    });
  });
});
