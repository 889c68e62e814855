import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * PGlite's first open of an empty data dir runs initdb in a second, nested WASM Postgres and copies its
 * result over as an in-memory tarball. Node does not collect that garbage while the process idles: the
 * process kept ~700 MiB after a first start against ~170 MiB after a restart (bench/footprint-pieces.ts).
 * So a fresh data dir is initialised by a short-lived child process, and this process opens it as a restart.
 */
const INITDB_CHILD = `
const [pglitePath, dataDir, startParams] = process.argv.slice(1);
const { PGlite } = require(pglitePath);
PGlite.create({ dataDir, startParams: JSON.parse(startParams) })
  .then((pg) => pg.close())
  .catch((error) => { process.stderr.write(String(error && error.message || error)); process.exit(1); });
`;

export function isInitialised(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

/** Runs PGlite's initdb for `dataDir` in a child process (the caller holds the data dir's lock). */
export async function initialiseDataDir(dataDir: string, startParams: string[]): Promise<void> {
  const pglitePath = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', INITDB_CHILD, pglitePath, dataDir, JSON.stringify(startParams)],
      { timeout: 120_000 },
      (error, _stdout, stderr) =>
        error
          ? reject(
              new Error(`Could not create the embedded database in ${dataDir}: ${stderr || error.message}`),
            )
          : resolve(),
    );
  });
}
