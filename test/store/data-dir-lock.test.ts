import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME } from '../../src/store/data-dir-lock.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./fixtures/lock-child.ts', import.meta.url));
const childArgs = (dir: string, ...rest: string[]) => ['--import', 'tsx', CHILD, dir, ...rest];

async function runChild(dir: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, childArgs(dir));
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

describe('data dir lock', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const child of children.splice(0)) child.kill();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second opener in this process, naming the dir and pid, and frees the dir on release', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(process.pid));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(
      `DATA_DIR ${dir} is already open in this process (pid ${process.pid})`,
    );
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it('refuses another process while we hold it', async () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    try {
      const child = await runChild(dir);
      expect(child.code).toBe(3);
      expect(child.out).toContain(
        `refused: DATA_DIR ${dir} is in use by another Telegent Ops process (pid ${process.pid})`,
      );
    } finally {
      lock.release();
    }
  });

  it('is refused while another process holds it, and taken over once that process is gone', async () => {
    const dir = tempDir();
    const holder = spawn(process.execPath, childArgs(dir, 'hold'), { stdio: ['pipe', 'pipe', 'inherit'] });
    children.push(holder);
    let out = '';
    holder.stdout!.on('data', (chunk) => {
      out += String(chunk);
    });
    await expect.poll(() => out, { timeout: 10_000 }).toContain('locked');
    expect(() => acquireDataDirLock(dir)).toThrow(`(pid ${holder.pid})`);

    // Killed without releasing: the lock file stays, with a dead pid in it.
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(holder.pid));
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('treats its own pid left by a previous run (containers reuse pids) as stale', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE_NAME), `${process.pid}\n`);
    const lock = acquireDataDirLock(dir);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });
});
