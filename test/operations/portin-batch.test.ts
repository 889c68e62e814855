import { describe, expect, it } from 'vitest';
import { portIn } from '../../src/operations/portin-submit.js';
import { validateInput } from '../../src/operations/validation-errors.js';
import { itemCount } from '../../src/requests/batch.js';

const NOW = () => new Date('2026-03-02T12:00:00Z');
const BASE = {
  currentCarrierName: 'Verizon',
  currentAccountNumber: '55512',
  currentAccountPassword: 'pin-4410',
  billingAddress: { street1: '1 Woodward Ave', city: 'Detroit', state: 'MI', zip: '48226' },
  assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
};
const LIST = ['+13135550701', '+13135550702', '+13135550703'];
const check = (raw: Record<string, unknown>) => validateInput(portIn, raw, { now: NOW });
const errorsOf = (raw: Record<string, unknown>) => {
  const r = check(raw);
  return r.ok ? {} : r.errors;
};

/** The port-in of several numbers: the input carries every number; each item is one number's port-in. */
describe('port-in of several numbers: schema and items', () => {
  it('takes the list with phoneNumber = its first (typed any way, normalised)', () => {
    const r = check({
      ...BASE,
      phoneNumber: '(313) 555-0701',
      phoneNumbers: ['+1 313 555 0701', ...LIST.slice(1)],
    });
    expect(r.ok && r.value.phoneNumbers).toEqual(LIST);
    expect(r.ok && r.value.phoneNumber).toBe(LIST[0]);
  });

  it('refuses a first number that is not phoneNumber, one number as a list, a number twice, 101, a bad entry (named)', () => {
    expect(errorsOf({ ...BASE, phoneNumber: LIST[1], phoneNumbers: LIST }).phoneNumber).toContain(
      "must be the list's first number",
    );
    expect(errorsOf({ ...BASE, phoneNumber: LIST[0], phoneNumbers: [LIST[0]] }).phoneNumbers).toContain(
      'at least 2 numbers',
    );
    expect(
      errorsOf({ ...BASE, phoneNumber: LIST[0], phoneNumbers: [...LIST, '(313) 555-0702'] }).phoneNumbers,
    ).toContain('(313) 555-0702 given twice');
    const many = Array.from({ length: 101 }, (_, i) => `+1313555${String(1000 + i)}`);
    expect(errorsOf({ ...BASE, phoneNumber: many[0], phoneNumbers: many }).phoneNumbers).toContain(
      'at most 100 numbers',
    );
    expect(
      errorsOf({ ...BASE, phoneNumber: LIST[0], phoneNumbers: [...LIST, '555-12'] }).phoneNumbers,
    ).toContain('"555-12" is not a US number');
    expect(
      errorsOf({ ...BASE, phoneNumber: LIST[0], phoneNumbers: LIST, iccid: '8901260000000000006' }).iccid,
    ).toContain('a SIM belongs to one line');
  });

  it('a list runs as one item per number, each its own single port-in; one number stays exactly as today', () => {
    const r = check({
      ...BASE,
      phoneNumber: LIST[0],
      phoneNumbers: LIST,
      leftOut: [{ number: '+13135551111', reason: 'not portable' }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const input = r.value;
    expect(itemCount(portIn, input)).toBe(3);
    const items = [0, 1, 2].map((n) => portIn.itemInput!(input, n));
    expect(items.map((i) => i.phoneNumber)).toEqual(LIST);
    for (const one of items) {
      expect(one.phoneNumbers).toBeUndefined();
      expect(one.leftOut).toBeUndefined();
      expect(portIn.toTelegent(one).CurrentAccountNumber).toBe('55512');
      expect(portIn.toTelegent(one).PortInNumber).toBe(one.phoneNumber);
    }
    expect(portIn.titleOf!(input)).toBe('Port-in · 3 numbers');
    expect(portIn.facts!(input)).toContainEqual(['Left out (1)', '(313) 555-1111: not portable']);

    const single = check({ ...BASE, phoneNumber: LIST[0] });
    if (!single.ok) throw new Error('single');
    expect(itemCount(portIn, single.value)).toBe(1);
    expect(portIn.itemInput!(single.value, 0)).toEqual(single.value);
    expect(portIn.titleOf!(single.value)).toBe('Port-in');
    expect(portIn.facts!(single.value)[0]).toEqual(['Number', '(313) 555-0701']);
  });

  it('an open port-in order or request for any number refuses the list (not a single one: as today)', async () => {
    const ctx = (kindOfOpen: string) => ({
      orders: {
        get: async () => null,
        listOpenForNumber: async (n: string) =>
          n === LIST[1] ? [{ orderId: 'JNUOID-x', kind: kindOfOpen, status: 'Submitted' }] : [],
      },
      requests: {
        listOpenForNumber: async () => [],
        listOpenForOrder: async () => [],
        get: async () => null,
      },
    });
    const r = check({ ...BASE, phoneNumber: LIST[0], phoneNumbers: LIST });
    if (!r.ok) throw new Error('list');
    expect((await portIn.preconditions!(ctx('portin'), r.value))?.phoneNumbers).toContain(
      '(313) 555-0702 already has an open port-in (order JNUOID-x, Submitted)',
    );
    expect(await portIn.preconditions!(ctx('portout'), r.value)).toBeNull();
    const single = check({ ...BASE, phoneNumber: LIST[1] });
    if (!single.ok) throw new Error('single');
    expect(await portIn.preconditions!(ctx('portin'), single.value)).toBeNull();
  });
});
