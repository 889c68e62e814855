import { describe, expect, it } from 'vitest';
import { isPortinFormMetadata, portinFormView } from '../../src/views/forms/portin-form.js';
import { listFormMetadata } from '../../src/views/forms/portin-list.js';
import { readModalMetadata } from '../../src/views/modal-metadata.js';

const number = (i: number) => `+1313555${String(1000 + i)}`;
const LONG_REASON = `Number is not portable to the requested classification: ${'x'.repeat(300)}`;

/** What `/telegent portin n1 n2 …`'s summary hands its form: every list of up to 100 fits Slack's metadata. */
describe('the port-in list form metadata', () => {
  for (const eligible of [100, 99, 50, 1]) {
    it(`${eligible} eligible, ${100 - eligible} left out: fits, with the plan the form adds, and reads back`, () => {
      const numbers = Array.from({ length: eligible }, (_, i) => number(i));
      const leftOut = Array.from({ length: 100 - eligible }, (_, i) => ({
        number: number(500 + i),
        reason: LONG_REASON,
      }));
      const written = listFormMetadata(
        {
          channelId: 'C0SUPPORT001',
          phoneNumber: numbers[0],
          ...(numbers.length > 1 ? { phoneNumbers: numbers } : {}),
          targetClassification: 'mvno',
          eligibility: { eligible: true, numberType: 'mobile', currentCarrier: 'C'.repeat(100) },
        },
        leftOut,
      );
      expect(written.length).toBeLessThanOrEqual(2600);
      const read = readModalMetadata(written);
      expect(read?.phoneNumbers ?? [read?.phoneNumber]).toEqual(numbers);
      // As many left out as fit, each a number it was given.
      for (const l of read?.leftOut ?? []) expect(leftOut.map((x) => x.number)).toContain(l.number);
      if (leftOut.length > 0 && leftOut.length <= 20) expect(read?.leftOut).toHaveLength(leftOut.length);
      const withPlan = {
        ...read!,
        presets: {
          packageId: 'PKG-'.padEnd(40, '0'),
          planName: 'P'.repeat(100),
          planPrice: '$45.00 / month',
        },
        presetsAccountId: 'AID-'.padEnd(40, '1'),
      };
      expect(isPortinFormMetadata(withPlan)).toBe(true);
      if (isPortinFormMetadata(withPlan)) expect(() => portinFormView(withPlan, true)).not.toThrow();
    });
  }
});
