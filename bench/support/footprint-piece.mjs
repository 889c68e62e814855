// One piece of the embedded app, started alone in this process (bench/footprint-pieces.ts spawns it):
// prints {"readyMs"} once the piece is up, then idles until SIGTERM. Runs against dist/ (npm run build).
import { mkdirSync } from 'node:fs';

const piece = process.argv[2];
const dataDir = process.env.PIECE_DATA_DIR;
const options = JSON.parse(process.env.PIECE_PGLITE_OPTIONS ?? '{}');
const started = performance.now();
const silent = { info() {}, warn() {}, error() {}, debug() {}, child: () => silent };
const closers = [];

async function openPglite() {
  const { PGlite } = await import('@electric-sql/pglite');
  mkdirSync(dataDir, { recursive: true });
  const { extraStartParams, ...rest } = options;
  const startParams = extraStartParams ? [...PGlite.defaultStartParams, ...extraStartParams] : undefined;
  const pg = await PGlite.create({ dataDir, ...rest, ...(startParams ? { startParams } : {}) });
  closers.push(() => pg.close());
  return pg;
}

const pieces = {
  node: async () => {},
  'pglite-import': async () => {
    await import('@electric-sql/pglite');
  },
  pglite: openPglite,
  'pglite-migrated': async () => {
    const { createPgliteDb } = await import('../../dist/store/pglite-db.js');
    const { migrate } = await import('../../dist/store/migrate.js');
    mkdirSync(dataDir, { recursive: true });
    const db = await createPgliteDb({ dataDir, ...options });
    closers.push(() => db.close());
    await migrate(db, { logger: silent });
  },
  sandbox: async () => {
    const { startSandbox } = await import('../../dist/sandbox/server.js');
    const sandbox = await startSandbox({ port: 0, logger: silent });
    closers.push(() => sandbox.close());
  },
  'app-modules': async () => {
    // Everything main.ts imports, loaded but not started (no sandbox).
    await import('../../dist/app.js');
    await import('../../dist/telegent/client.js');
    await import('../../dist/store/open-store.js');
  },
};

if (!pieces[piece]) {
  console.error(`unknown piece ${piece}; one of ${Object.keys(pieces).join(', ')}`);
  process.exit(2);
}
await pieces[piece]();
console.log(JSON.stringify({ readyMs: performance.now() - started }));
process.on('SIGTERM', async () => {
  const usage = process.memoryUsage();
  for (const close of closers) await close();
  console.log(JSON.stringify({ usage }));
  process.exit(0);
});
setInterval(() => {}, 60_000);
