import { describe, expect, it } from 'vitest';
import { parseDigestCommand } from '../../src/jobs/digest-command.js';

const defaults = { time: '09:00', timeZone: 'UTC' };

describe('parseDigestCommand', () => {
  it('on with defaults: DIGEST_DEFAULT_TIME, then the user Slack zone, else DIGEST_DEFAULT_TZ', () => {
    expect(parseDigestCommand('on', defaults)).toEqual({ action: 'on', localTime: '09:00', timeZone: 'UTC' });
    expect(parseDigestCommand('digest on', { ...defaults, userTimeZone: 'America/Denver' })).toEqual({
      action: 'on',
      localTime: '09:00',
      timeZone: 'America/Denver',
    });
  });

  it('on with a time and/or a zone, in either order; zones are canonicalised', () => {
    expect(
      parseDigestCommand('on 8:30 america/new_york', { ...defaults, userTimeZone: 'Asia/Tokyo' }),
    ).toEqual({
      action: 'on',
      localTime: '08:30',
      timeZone: 'America/New_York',
    });
    expect(parseDigestCommand('ON Europe/Berlin 17:05', defaults)).toEqual({
      action: 'on',
      localTime: '17:05',
      timeZone: 'Europe/Berlin',
    });
    expect(parseDigestCommand('on 7pm', defaults)).toMatchObject({ localTime: '19:00' });
  });

  it('off', () => {
    expect(parseDigestCommand('  off ', defaults)).toEqual({ action: 'off' });
  });

  it.each([
    ['', /on or off/],
    ['maybe', /`maybe` is not `on` or `off`/],
    ['on 25:00', /not a time of day.*HH:MM/],
    ['on 9:7', /not a time of day/],
    ['on Mars/Olympus', /not an IANA time zone.*America\/New_York/],
    ['on 09:00 10:00', /one time/],
    ['on UTC Europe/Paris', /one time zone/],
    ['off now', /takes nothing/],
    ['on 09:00 UTC extra', /Too many/],
  ])('%j → a clear error that says what to type', (args, pattern) => {
    const result = parseDigestCommand(args, defaults);
    expect(result).toHaveProperty('error');
    const { error } = result as { error: string };
    expect(error).toMatch(pattern);
    expect(error).toContain('/telegent digest on');
  });
});
