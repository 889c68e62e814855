import { mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE_NAME = 'telegent-ops.lock';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    const holder =
      holderPid === process.pid
        ? `is already open in this process (pid ${holderPid})`
        : `is in use by another Telegent Ops process (${holderPid ? `pid ${holderPid}` : 'pid not yet written'})`;
    super(
      `DATA_DIR ${dataDir} ${holder}. The embedded database serves one process only: stop that process, ` +
        'or give this one another DATA_DIR, or set DATABASE_URL to share a Postgres server. If the pid is not ' +
        `Telegent Ops, delete ${join(dataDir, LOCK_FILE_NAME)}.`,
    );
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** Lock files this process holds, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PGlite does not lock its directory, so we do: an exclusive lock file holding our pid. A lock left by a
 * dead process is taken over; a live holder (or this process already holding it) is refused.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE_NAME);
  if (heldHere.has(path)) throw new DataDirLockedError(dir, process.pid);

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
      heldHere.add(path);
      return {
        path,
        release() {
          if (!heldHere.delete(path)) return;
          if (readPid(path) === process.pid) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readPid(path);
      // Our own pid in a file we do not hold is a previous run's (containers reuse pid 1): stale.
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(dir, holder);
      }
      // No pid yet: another process may be between creating and writing the file.
      if (holder === undefined && Date.now() - mtimeMs(path) < 5_000) throw new DataDirLockedError(dir, 0);
      // Stale: remove and try once more.
      try {
        unlinkSync(path);
      } catch {}
    }
  }
  throw new DataDirLockedError(dir, readPid(path) ?? 0);
}
