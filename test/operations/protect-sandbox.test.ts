import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import type { OpContext } from '../../src/operations/operation.js';
import { operations } from '../../src/operations/registry.js';
import { validateInput } from '../../src/operations/validation-errors.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import { isTelegentError } from '../../src/telegent/errors.js';
import { type Sandbox, startClientOnSandbox } from '../support/sandbox-client.js';

// The protect operation straight over the Guardian sandbox (real HTTP): execute, and reconcile after an answer
// that never came. A reconcile only reads.

let sb: Sandbox;
let ctx: OpContext;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await startClientOnSandbox();
  sb = started.sb;
  close = started.close;
  ctx = { telegent: started.client, now: () => new Date() };
});
afterAll(() => close?.());

const op = operations.protect;
const lineOf = (i: number) => {
  const phoneNumber = SEED_NUMBERS[i]!;
  return { phoneNumber, subscriberId: sb.getNumber(phoneNumber)!.AssignedSubscriberId! };
};
const input = (raw: Record<string, unknown>) => {
  const checked = validateInput(op, raw);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.value;
};
const writes = () =>
  sb.mutations().filter((m) => /guardian-features|call-filter|message-filter/.test(m.path));

describe('protect over the Guardian sandbox', () => {
  it('a create whose answer is lost: reconcile finds the number blocked (settled), and adds nothing', async () => {
    const line = lineOf(7);
    const asked = input({ ...line, action: 'block', callers: '+18015559999', channels: 'calls' });
    sb.injectFault({
      endpoint: '/v1.0/subscribers/call-filter',
      method: 'POST',
      kind: '504',
      count: 1,
      applyMutation: true,
    });
    const failed = await op.execute(ctx, asked).catch((error: unknown) => error);
    expect(isTelegentError(failed) && failed.kind).toBe('outcome-unknown');
    const before = writes().length;
    const found = await op.reconcile!(ctx, asked);
    expect(found).toMatchObject({ resolved: true, found: true });
    expect(found.detail).toContain('(801) 555-9999 blocked');
    expect(writes()).toHaveLength(before);
    expect(
      sb.guardian(line.subscriberId).CallFilters.filter((f) => f.Phone === line.phoneNumber),
    ).toHaveLength(1);
  });

  it('a change that did not happen: reconcile says so, names the numbers and what to do', async () => {
    const line = lineOf(8);
    const asked = input({
      ...line,
      action: 'allow',
      callers: '+12125550142, +12125550143',
      channels: 'both',
    });
    const found = await op.reconcile!(ctx, asked);
    expect(found.resolved).toBe(false);
    expect(found.detail).toContain('does not show (212) 555-0142, (212) 555-0143 allowed');
    expect(found.detail).toContain(`/telegent protect ${line.phoneNumber}`);
  });

  it('blocking what is already blocked sends nothing but the reads', async () => {
    const line = lineOf(9);
    const asked = input({ ...line, action: 'block', callers: '+13855550123', channels: 'both' });
    const first = await op.execute(ctx, asked);
    expect(first.steps).toEqual([
      'Guardian turned on for calls and texts',
      'Call filter created, blocking (385) 555-0123',
      'Text filter created, blocking (385) 555-0123',
    ]);
    const before = writes().length;
    const again = await op.execute(ctx, asked);
    expect(again.steps).toEqual([
      'Calls from (385) 555-0123 were already blocked',
      'Texts from (385) 555-0123 were already blocked',
    ]);
    expect(writes()).toHaveLength(before);
    expect(again.after?.callFilter?.BlockedNumbers).toEqual(['+13855550123']);
  });
});

describe('filter updates that would lose what the app cannot send back are refused, nothing sent', () => {
  it('keywords unreadable: Text filter… is refused with a sentence, no write', async () => {
    const line = lineOf(10);
    sb.seedMessageFilter({ SubscriberId: line.subscriberId, Phone: line.phoneNumber, FilterMode: 'ACTIVE' });
    sb.injectFault({
      endpoint: '/v1.0/subscribers/message-filter/keywords',
      method: 'GET',
      kind: '503',
      count: 5,
    });
    const before = writes().length;
    const failed = await op
      .execute(ctx, input({ ...line, action: 'text-mode', textMode: 'MONITOR_ONLY' }))
      .catch((error: unknown) => error);
    expect(isTelegentError(failed) && failed.hint).toContain('keyword rules');
    expect(writes()).toHaveLength(before);
  });

  it('a text filter in a mode the app does not know: Allow… with everyone else blocked is refused, no write', async () => {
    const line = lineOf(5);
    sb.seedMessageFilter({
      SubscriberId: line.subscriberId,
      Phone: line.phoneNumber,
      FilterMode: 'QUARANTINE',
    });
    const before = writes().length;
    const failed = await op
      .execute(
        ctx,
        input({
          ...line,
          action: 'allow',
          callers: '+12125550142',
          channels: 'texts',
          everyoneElse: 'blocked',
        }),
      )
      .catch((error: unknown) => error);
    expect(isTelegentError(failed) && failed.hint).toContain('a mode the app does not know (QUARANTINE)');
    expect(writes()).toHaveLength(before);
  });

  it('an age-preset call filter: Allow… with everyone else blocked is refused, no write', async () => {
    const line = lineOf(11);
    sb.seedCallFilter({ SubscriberId: line.subscriberId, Phone: line.phoneNumber, FilterMode: 'TEENAGER' });
    const before = writes().length;
    const failed = await op
      .execute(
        ctx,
        input({
          ...line,
          action: 'allow',
          callers: '+12125550142',
          channels: 'calls',
          everyoneElse: 'blocked',
        }),
      )
      .catch((error: unknown) => error);
    expect(isTelegentError(failed) && failed.hint).toContain('age preset TEENAGER');
    expect(writes()).toHaveLength(before);
  });
});

describe('Block… on a text filter that does not filter', () => {
  it('Paused or Monitor only: the step says texts are not filtered, not that they are blocked', async () => {
    // Lines with a subscriber the tests above leave alone.
    const [a, b] = SEED_NUMBERS.map((_, i) => i).filter(
      (i) => i < 7 && sb.getNumber(SEED_NUMBERS[i]!)?.AssignedSubscriberId,
    );
    for (const [i, mode, words] of [
      [
        a!,
        'INACTIVE',
        'the text filter is Paused: texts are not filtered until it is set Active with Text filter…',
      ],
      [b!, 'MONITOR_ONLY', 'the text filter is Monitor only: texts are still delivered'],
    ] as const) {
      const line = lineOf(i);
      sb.seedMessageFilter({ SubscriberId: line.subscriberId, Phone: line.phoneNumber, FilterMode: mode });
      const done = await op.execute(
        ctx,
        input({ ...line, action: 'block', callers: '+18015559999', channels: 'texts' }),
      );
      const step = done.steps.find((s) => s.startsWith('Texts from'))!;
      expect(step).toContain(words);
      expect(step).not.toMatch(/blocked$/);
    }
  });
});

describe('a line that changed hands since its card was read', () => {
  it('is refused with a sentence (a definite error), and nothing is sent', async () => {
    const line = lineOf(3);
    const other = lineOf(4).subscriberId;
    expect(other).not.toBe(line.subscriberId);
    const before = writes().length;
    const failed = await op
      .execute(
        ctx,
        input({ ...line, subscriberId: other, action: 'block', callers: '+18015559999', channels: 'both' }),
      )
      .catch((error: unknown) => error);
    expect(isTelegentError(failed) && failed.kind).toBe('invalid-request');
    expect(isTelegentError(failed) && failed.hint).toBe(
      `${formatPhone(line.phoneNumber)} now belongs to another subscriber: open its protection card again`,
    );
    expect(writes()).toHaveLength(before);
  });
});
