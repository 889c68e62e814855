import { LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { boltLogger } from '../../src/slack/bolt-logger.js';
import { capturedLogger } from '../support/captured-log.js';

describe('boltLogger', () => {
  it('writes Bolt lines through pino, with tokens scrubbed and request bodies dropped', () => {
    const { logger, lines } = capturedLogger('debug');
    const bolt = boltLogger(logger);
    expect(bolt.getLevel()).toBe(LogLevel.DEBUG);
    bolt.debug('http request body: {"channel":"D1","text":"Your port-out PIN is 482913"}');
    bolt.debug('http request result: {"ok":true,"message":{"text":"Your port-out PIN is 482913"}}');
    bolt.warn('token xoxb-123-456-abcdef and xapp-1-A1-789-ghi leaked?', new Error('bad xoxb-999-zzz'));
    bolt.info('apiCall', { method: 'chat.postMessage' });
    bolt.setLevel(LogLevel.ERROR); // ignored: pino's level rules
    bolt.info('still here');

    const text = lines.join('\n');
    expect(text).not.toContain('482913');
    expect(text).not.toMatch(/xoxb-\d|xapp-1-A1/);
    const warn = JSON.parse(lines.find((l) => l.includes('leaked'))!);
    expect(warn).toMatchObject({
      level: 40,
      component: 'bolt',
      error: { type: 'Error', message: 'bad xoxb-[redacted]' },
    });
    expect(text).toContain('apiCall {\\"method\\":\\"chat.postMessage\\"}');
    expect(text).toContain('still here');
  });

  it('never writes a Workflow Builder step token, in Bolt text or as a logged field', () => {
    const { logger, lines } = capturedLogger('debug');
    boltLogger(logger).debug('completing with xwfp-T0FAKE-Fx0STEP-5e2a9c');
    logger.info(
      { event: { type: 'function_executed', bot_access_token: 'xwfp-T0FAKE-Fx0STEP-5e2a9c' } },
      'step',
    );
    logger.info({ context: { functionBotAccessToken: 'xwfp-T0FAKE-Fx0STEP-5e2a9c' } }, 'context');
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toContain('5e2a9c');
  });

  it('reports the pino level to Bolt', () => {
    expect(boltLogger(capturedLogger('warn').logger).getLevel()).toBe(LogLevel.WARN);
  });
});
