import { describe, expect, it } from 'vitest';
import { maskEmail, shortName, simTail } from '../../src/operations/personal-data.js';
import { getOperation } from '../../src/operations/registry.js';

const ICCID = '89012403971901958501';
const NAME = 'Jane Quinn Doe';
const EMAIL = 'jane.doe@example.com';

describe('personal data as channel posts carry it', () => {
  it.each([
    ['Jane Doe', 'J. Doe'],
    ['Jane Quinn Doe', 'J. Doe'],
    ['  jane   doe ', 'J. doe'],
    ['Acme', 'Acme'],
    ['jane.doe@example.com', 'j•••@example.com'],
    ['Émile Zola', 'É. Zola'],
    ['', ''],
  ])('shortName(%j) = %j', (name, short) => {
    expect(shortName(name)).toBe(short);
  });

  it('ICCIDs as their last four, emails masked', () => {
    expect(simTail(ICCID)).toBe('…8501');
    expect(simTail(undefined)).toBe('none given');
    expect(maskEmail(EMAIL)).toBe('j•••@example.com');
  });

  // What cards, threads and the audit log show of a request: its summary and facts.
  it.each([
    [
      'portin',
      {
        phoneNumber: '+14155550142',
        currentCarrierName: 'Verizon',
        targetClassification: 'mvno',
        currentAccountNumber: '1234',
        currentAccountPassword: 'pw',
        billingAddress: { street1: '1 Main St', city: 'Austin', state: 'TX', zip: '78701' },
        subscriberName: NAME,
        iccid: ICCID,
        assignedSubscriberId: 'TSUID-1',
      },
    ],
    ['portin-update', { orderId: 'JNUOID-1', subscriberName: NAME, iccid: ICCID }],
    [
      'provision',
      {
        productType: 'Sms+Data',
        numberType: 'mobile',
        messageType: 'p2p',
        assignedSubscriberId: 'TSUID-1',
        iccid: ICCID,
      },
    ],
    ['subscriber-new', { name: NAME, email: EMAIL, role: 'Subscriber' }],
    [
      'number-update',
      { phoneNumber: '+14155550142', iccid: ICCID, cnamFirstName: 'Jane', cnamLastName: 'Doe' },
    ],
  ] as const)('%s: summary and facts name no full name, email or ICCID', (kind, input) => {
    const op = getOperation(kind);
    const shown = JSON.stringify([op.summary(input as never), op.facts?.(input as never) ?? []]);
    expect(shown).not.toContain(ICCID);
    expect(shown).not.toContain(NAME);
    expect(shown).not.toContain('Jane');
    expect(shown).not.toContain(EMAIL);
    expect(shown).toMatch(/…8501|J\. Doe/);
  });
});
