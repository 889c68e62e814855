// The yardstick of bench/footprint.ts: a Bolt app in HTTP mode that does nothing, with a /readyz route.
import bolt from '@slack/bolt';

const receiver = new bolt.HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? 'bare',
  customRoutes: [
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200);
        res.end('ok');
      },
    },
  ],
});
const app = new bolt.App({ token: 'xoxb-bare', receiver, tokenVerificationEnabled: false });
await app.start(Number(process.env.PORT));
process.on('SIGTERM', async () => {
  await app.stop();
  process.exit(0);
});
