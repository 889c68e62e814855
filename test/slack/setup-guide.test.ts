import { describe, expect, it } from 'vitest';
import { slackSetupGuide } from '../../src/slack/setup-guide.js';

describe('slackSetupGuide', () => {
  it('names the missing variables, where each one lives, and how to create the app', () => {
    const text = slackSetupGuide(['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN']);
    expect(text).toContain('Missing: SLACK_BOT_TOKEN, SLACK_APP_TOKEN');
    expect(text).toContain('api.slack.com/apps → Create New App → From a manifest');
    expect(text).toContain('manifest.yml');
    expect(text).toContain('Install to Workspace');
    expect(text).toMatch(/SLACK_BOT_TOKEN: OAuth & Permissions → Bot User OAuth Token/);
    expect(text).toMatch(/SLACK_APP_TOKEN: Basic Information → App-Level Tokens.*connections:write/);
    expect(text).toContain('.env');
    expect(text).toContain('SLACK_APP_TOKEN=xapp-…');
    expect(text).not.toMatch(/\n\s+at /); // no stack trace
    expect(text.split('\n').length).toBeLessThan(30);
  });

  it('explains the signing secret for HTTP mode', () => {
    expect(slackSetupGuide(['SLACK_SIGNING_SECRET'])).toMatch(
      /SLACK_SIGNING_SECRET: Basic Information → App Credentials → Signing Secret/,
    );
  });
});
