import { describe, expect, it } from 'vitest';
import { dueStep, isDaytime, nextStep, planReminders } from '../../src/requests/reminder-plan.js';

const FILED = new Date('2030-06-03T15:00:00Z');
const at = (minutes: number) => new Date(FILED.getTime() + minutes * 60_000);
const awake = (userId: string) => ({ userId, awake: true });
const asleep = (userId: string) => ({ userId, awake: false });

describe('dueStep', () => {
  it.each([
    [29, null],
    [30, 0],
    [119, 0],
    [120, 1],
    [480, 2],
    [10_000, 2],
  ])('after %i min → step %s', (minutes, expected) => {
    expect(dueStep([30, 120, 480], FILED, at(minutes))).toBe(expected);
  });
  it('no schedule: never', () => expect(dueStep([], FILED, at(10_000))).toBeNull());
});

describe('planReminders', () => {
  it.each([
    [
      'step 0: a thread reply mentioning the awake',
      0,
      [],
      [awake('U1'), asleep('U2')],
      true,
      { thread: { step: 0, mention: ['U1'] }, dms: [] },
    ],
    ['step 0 with everyone asleep: wait', 0, [], [asleep('U1'), asleep('U2')], true, { dms: [] }],
    ['step 0 already sent: nothing', 0, [{ step: 0, target: 'thread' }], [awake('U1')], true, { dms: [] }],
    ['step 0 without a card: DMs instead', 0, [], [awake('U1')], false, { dms: [{ step: 0, userId: 'U1' }] }],
    [
      'step 0, no approver known by name: the approvers in general',
      0,
      [],
      [],
      true,
      { thread: { step: 0, mention: [] }, dms: [] },
    ],
    [
      'step 1: a DM to each awake approver',
      1,
      [{ step: 0, target: 'thread' }],
      [awake('U1'), asleep('U2'), awake('U3')],
      true,
      {
        dms: [
          { step: 1, userId: 'U1' },
          { step: 1, userId: 'U3' },
        ],
      },
    ],
    [
      'step 1 already had by U1',
      1,
      [{ step: 1, target: 'U1' }],
      [awake('U1'), awake('U3')],
      true,
      { dms: [{ step: 1, userId: 'U3' }] },
    ],
    [
      'step 1, U1 had a later step (a nudge)',
      1,
      [{ step: 2, target: 'U1' }],
      [awake('U1')],
      true,
      { dms: [] },
    ],
    [
      'step 2 after sleeping through step 1: one DM',
      2,
      [{ step: 0, target: 'thread' }],
      [awake('U2')],
      true,
      { dms: [{ step: 2, userId: 'U2' }] },
    ],
    [
      'a late step with no approver known by name: a thread reply',
      1,
      [{ step: 0, target: 'thread' }],
      [],
      true,
      { thread: { step: 1, mention: [] }, dms: [] },
    ],
  ] as const)('%s', (_case, step, sent, recipients, hasCard, expected) => {
    expect(planReminders({ step, sent, recipients, hasCard })).toEqual(expected);
  });
});

describe('nextStep and isDaytime', () => {
  it('a nudge sends the step after the latest sent', () => {
    expect(nextStep([])).toBe(0);
    expect(
      nextStep([
        { step: 0, target: 'thread' },
        { step: 2, target: 'U1' },
      ]),
    ).toBe(3);
  });
  it.each([
    ['2030-06-03T12:59:00Z', 'America/New_York', false], // 08:59
    ['2030-06-03T13:00:00Z', 'America/New_York', true], // 09:00
    ['2030-06-03T23:59:00Z', 'America/New_York', true], // 19:59
    ['2030-06-04T00:00:00Z', 'America/New_York', false], // 20:00
    ['2030-06-04T00:00:00Z', 'Asia/Tokyo', true], // 09:00
    ['2030-06-03T10:00:00Z', undefined, true], // no zone known: UTC
    ['2030-06-03T10:00:00Z', 'Not/AZone', true],
  ] as const)('%s in %s → day %s', (iso, zone, expected) => {
    expect(isDaytime(new Date(iso), zone)).toBe(expected);
  });
});
