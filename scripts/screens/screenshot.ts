// Screenshots of HTML pages with headless Chromium over the DevTools protocol (Chromium's own `--screenshot`
// cannot size the page to its content). undici's WebSocket speaks to it; no browser library needed.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'undici';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | undefined {
  return [process.env.CHROMIUM_PATH, ...CANDIDATES].find((path): path is string =>
    Boolean(path && existsSync(path)),
  );
}

export interface Browser {
  /** A PNG of `html`, `width` CSS pixels wide and as tall as its content, at 2× for sharp text. */
  screenshot(html: string, width: number): Promise<Buffer>;
  close(): Promise<void>;
}

export async function launchBrowser(executable: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'telegent-screens-'));
  const child: ChildProcess = spawn(
    executable,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen.slice(-400)}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${seen.slice(-400)}`)));
  });
  const socket = new WebSocket(endpoint);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const events: { method: string; sessionId?: string }[] = [];
  const waiters: (() => void)[] = [];
  socket.addEventListener('message', (event) => {
    const data = JSON.parse(String(event.data));
    if (data.id && pending.has(data.id)) {
      const call = pending.get(data.id)!;
      pending.delete(data.id);
      if (data.error) call.reject(new Error(data.error.message));
      else call.resolve(data.result);
    } else if (data.method) {
      events.push(data);
      for (const wake of waiters.splice(0)) wake();
    }
  });
  // biome-ignore lint/suspicious/noExplicitAny: DevTools protocol results
  const send = (method: string, params: object = {}, sessionId?: string): Promise<any> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params, sessionId }));
    });
  const waitFor = async (method: string, sessionId: string) => {
    for (;;) {
      const index = events.findIndex((e) => e.method === method && e.sessionId === sessionId);
      if (index >= 0) return events.splice(index, 1)[0];
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };

  return {
    async screenshot(html, width) {
      const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      try {
        await send('Page.enable', {}, sessionId);
        await send(
          'Emulation.setDeviceMetricsOverride',
          { width, height: 200, deviceScaleFactor: 2, mobile: false },
          sessionId,
        );
        const { frameTree } = await send('Page.getFrameTree', {}, sessionId);
        const loaded = waitFor('Page.loadEventFired', sessionId);
        await send('Page.setDocumentContent', { frameId: frameTree.frame.id, html }, sessionId);
        await Promise.race([loaded, new Promise((r) => setTimeout(r, 2_000))]);
        const { result } = await send(
          'Runtime.evaluate',
          {
            expression: 'Math.ceil(document.querySelector(".frame").getBoundingClientRect().height)',
            returnByValue: true,
          },
          sessionId,
        );
        const height = Math.max(40, Number(result.value));
        const shot = await send(
          'Page.captureScreenshot',
          { format: 'png', clip: { x: 0, y: 0, width, height, scale: 1 }, captureBeyondViewport: true },
          sessionId,
        );
        return Buffer.from(shot.data, 'base64');
      } finally {
        await send('Target.closeTarget', { targetId }).catch(() => {});
      }
    },
    async close() {
      socket.close();
      child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
