const WHERE_TO_FIND: Record<string, string> = {
  SLACK_BOT_TOKEN: 'OAuth & Permissions → Bot User OAuth Token (starts with xoxb-)',
  SLACK_APP_TOKEN:
    'Basic Information → App-Level Tokens → Generate Token and Scopes, add the scope connections:write (starts with xapp-)',
  SLACK_SIGNING_SECRET: 'Basic Information → App Credentials → Signing Secret (HTTP mode only)',
};

/** The short text `npm start` prints when Slack credentials are missing. No stack trace, no token values. */
export function slackSetupGuide(missing: string[]): string {
  const names = missing.length > 0 ? missing : ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'];
  const lines = [
    `Telegent Ops needs a Slack app to talk to. Missing: ${names.join(', ')}.`,
    '',
    'Create the app (two clicks, no typing):',
    '  1. Open https://api.slack.com/apps → Create New App → From a manifest, pick your workspace,',
    '     and paste the contents of manifest.yml from this repository.',
    '  2. Install to Workspace (Settings → Install App) and allow.',
    '',
    'Then copy the values:',
    ...names.map((name) => `  ${name}: ${WHERE_TO_FIND[name] ?? 'see the Slack app settings'}`),
  ];
  lines.push(
    '',
    'Put them in a file named .env next to package.json (it is git-ignored), one per line:',
    ...names.map(
      (name) =>
        `  ${name}=${name === 'SLACK_SIGNING_SECRET' ? '…' : name === 'SLACK_APP_TOKEN' ? 'xapp-…' : 'xoxb-…'}`,
    ),
    '',
    'Socket Mode (SLACK_APP_TOKEN set) needs no public URL: this is the default for a laptop.',
    'HTTP mode (no SLACK_APP_TOKEN) needs SLACK_SIGNING_SECRET and a public https URL ending in /slack/events',
    'set as the Request URL for slash commands, interactivity and event subscriptions.',
    '',
    'Then run npm start again.',
  );
  return lines.join('\n');
}
