import { describe, expect, it } from 'vitest';
import { commandAccess } from '../../src/commands/command-access.js';

describe('commandAccess: what each /telegent subcommand lets a person do (the access gate asks)', () => {
  it.each([
    ['help', 'home'],
    ['usage +18015550100', 'read'],
    ['orders', 'read'],
    ['provision 801', 'request'],
    ['portout +18015550100', 'request'],
    // Showing the channel's digest is a read; turning it on or off changes what the channel gets.
    ['digest', 'read'],
    ['digest on 09:00 America/Denver', 'request'],
    ['digest off', 'request'],
    ['account', 'read'],
    ['account AID-123', 'approve'],
  ])('%s → %s', (text, action) => {
    expect(commandAccess(text)).toBe(action);
  });
});
