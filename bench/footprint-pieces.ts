// Where the embedded app's memory and start time go: each piece of it started alone in a fresh Node process
// (bench/support/footprint-piece.mjs, against dist/), idle RSS read from /proc 5 s after it is up. Pieces:
// bare Node, PGlite imported, PGlite as shipped opening a data dir (first start = initdb, then a restart),
// the same with our two settings, our store (createPgliteDb: those settings, initdb in a child; migrations),
// the Telegent sandbox, our modules. Run after `npm run build`. Figures are per process: what each piece adds is its RSS minus bare Node's.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../drills/support/app-process.js';

const IDLE_MS = 5_000;
const MIB = 1024 * 1024;

interface Piece {
  label: string;
  piece: string;
  dataDir?: string;
  pgliteOptions?: Record<string, unknown>;
}

interface PieceFigures {
  label: string;
  readyMs: number;
  rssMiB: number;
  anonMiB: number;
  heapMiB: number;
  arrayBuffersMiB: number;
}

function procStatusKb(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? Number.NaN);
}

async function run(piece: Piece): Promise<PieceFigures> {
  const child = spawn(process.execPath, ['bench/support/footprint-piece.mjs', piece.piece], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PIECE_DATA_DIR: piece.dataDir ?? '',
      PIECE_PGLITE_OPTIONS: JSON.stringify(piece.pgliteOptions ?? {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      lines.push(JSON.parse(buffered.slice(0, newline)));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
      for (const wake of waiters.splice(0)) wake();
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const nextLine = async () => {
    const count = lines.length;
    while (lines.length === count) {
      await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), exited]);
      if (child.exitCode !== null && lines.length === count) throw new Error(`${piece.label}: exited`);
    }
    return lines[count]!;
  };
  const { readyMs } = (await nextLine()) as { readyMs: number };
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const rss = procStatusKb(child.pid!, 'VmRSS') * 1024;
  const anon = procStatusKb(child.pid!, 'RssAnon') * 1024;
  child.kill('SIGTERM');
  const { usage } = (await nextLine()) as { usage: NodeJS.MemoryUsage };
  await exited;
  return {
    label: piece.label,
    readyMs,
    rssMiB: rss / MIB,
    anonMiB: anon / MIB,
    heapMiB: usage.heapTotal / MIB,
    arrayBuffersMiB: usage.arrayBuffers / MIB,
  };
}

if (!existsSync(join(REPO_ROOT, 'dist', 'store', 'migrate.js'))) {
  console.error('bench/footprint-pieces: run `npm run build` first');
  process.exit(1);
}
const scratch = mkdtempSync(join(tmpdir(), 'telegent-pieces-'));
const dir = (name: string) => join(scratch, name);
const pieces: Piece[] = [
  { label: 'bare Node', piece: 'node' },
  { label: 'PGlite imported, not opened', piece: 'pglite-import' },
  { label: 'PGlite as shipped, first start (initdb)', piece: 'pglite', dataDir: dir('plain') },
  { label: 'PGlite as shipped, restart', piece: 'pglite', dataDir: dir('plain') },
  {
    label: 'PGlite as shipped + our 2 settings, restart',
    piece: 'pglite',
    dataDir: dir('plain'),
    pgliteOptions: { extraStartParams: ['-c', 'shared_buffers=16MB', '-c', 'max_connections=4'] },
  },
  { label: 'our store (createPgliteDb + migrations), first', piece: 'pglite-migrated', dataDir: dir('app') },
  { label: 'our store, restart', piece: 'pglite-migrated', dataDir: dir('app') },
  { label: 'Telegent sandbox (seeded, HTTP)', piece: 'sandbox' },
  { label: 'our modules loaded (no sandbox)', piece: 'app-modules' },
];
const extra = process.argv[2];
if (extra) {
  // e.g. '{"initialMemory":16777216}': the same PGlite pieces with these options, beside the defaults.
  const pgliteOptions = JSON.parse(extra) as Record<string, unknown>;
  pieces.push(
    { label: `PGlite ${extra}, first start`, piece: 'pglite', dataDir: dir('opt'), pgliteOptions },
    { label: `PGlite ${extra}, restart`, piece: 'pglite', dataDir: dir('opt'), pgliteOptions },
  );
}
const results: PieceFigures[] = [];
try {
  for (const piece of pieces) results.push(await run(piece));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const pad = (text: string, n: number) => text.padEnd(n);
console.log(
  `\n${pad('piece (one process each)', 48)} ${pad('up in', 9)} ${pad('RSS', 9)} ${pad('anon', 9)} ${pad('JS heap', 9)} array buffers`,
);
for (const r of results) {
  console.log(
    `${pad(r.label, 48)} ${pad(`${(r.readyMs / 1000).toFixed(2)} s`, 9)} ${pad(`${r.rssMiB.toFixed(0)} MiB`, 9)} ${pad(`${r.anonMiB.toFixed(0)} MiB`, 9)} ${pad(`${r.heapMiB.toFixed(0)} MiB`, 9)} ${r.arrayBuffersMiB.toFixed(0)} MiB`,
  );
}
