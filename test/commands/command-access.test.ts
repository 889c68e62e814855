import { describe, expect, it } from 'vitest';
import { actionAccess } from '../../src/actions/index.js';
import { commandAccess } from '../../src/commands/command-access.js';
import { parseCommand } from '../../src/commands/parse-command.js';
import { ACTION } from '../../src/messages/ids.js';
import { OPERATION_KINDS, operations } from '../../src/operations/registry.js';

describe('commandAccess: what each /telegent subcommand lets a person do (the access gate asks)', () => {
  it.each([
    ['help', 'home'],
    ['usage +18015550100', 'read'],
    ['search 801', 'read'],
    ['status JNUOID-1234', 'read'],
    ['number +18015550100', 'read'],
    ['orders', 'read'],
    ['history +18015550100', 'read'],
    ['customer jane@example.com', 'read'],
    ['customer', 'read'],
    ['plans', 'read'],
    ['provision 801', 'request'],
    ['portin +18015550100', 'request'],
    ['portin update JNUOID-1234', 'request'],
    ['portin cancel JNUOID-1234', 'request'],
    ['portout +18015550100', 'request'],
    ['limits +18015550100', 'request'],
    ['subscriber new', 'request'],
    // Showing the channel's digest is a read; turning it on or off changes what the channel gets.
    ['digest', 'read'],
    ['digest on 09:00 America/Denver', 'request'],
    ['digest off', 'request'],
    ['account', 'read'],
    ['account AID-123', 'approve'],
  ])('%s → %s', (text, action) => {
    expect(commandAccess(text)).toBe(action);
  });

  it("a subcommand named after an operation needs what the operation's definition says (mutates → request)", () => {
    const named = OPERATION_KINDS.filter((kind) => parseCommand(kind).name === kind);
    expect(named).toEqual(expect.arrayContaining(['search', 'provision', 'usage', 'status', 'limits']));
    for (const kind of named) {
      expect(commandAccess(kind)).toBe(operations[kind].mutates ? 'request' : 'read');
    }
  });
});

describe('actionAccess: what each button lets a person do', () => {
  it.each([
    [ACTION.approve, 'approve'],
    [ACTION.reject, 'approve'],
    [ACTION.orderStatus, 'read'],
    [ACTION.searchPage, 'read'],
    [ACTION.historyOlder, 'read'],
    [ACTION.customerShow, 'read'],
    [ACTION.customerNumberCard, 'read'],
    [ACTION.customerNewLine, 'request'],
    [ACTION.customerPortin, 'request'],
    [ACTION.orderCancel, 'request'],
    [ACTION.numberButton('park'), 'request'],
    [ACTION.numberUpdate, 'request'],
    [ACTION.subscriberPicker, 'request'],
    ['something.unknown', 'request'],
  ])('%s → %s', (actionId, action) => {
    expect(actionAccess(actionId)).toBe(action);
  });
});
