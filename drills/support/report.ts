/**
 * What every drill returns and how it is printed.
 *
 * A drill module exports `run(options): Promise<DrillResult>` and ends with
 * `if (isMain(import.meta.url)) await runDrillCli(() => run(FULL_SIZE))`: prints the table, exits 1 when a
 * promise is broken, 0 when it passed or was SKIPPED (a skip prints why).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Figure = number | string | boolean;

export interface DrillResult {
  /** e.g. "double-click". */
  drill: string;
  /** One sentence: what was done. */
  summary: string;
  /** Ordered figures: name → value ("clicks": 50, "provisions in the journal": 1, …). */
  figures: Record<string, Figure>;
  /** Each broken promise, as a sentence. Empty ↔ passed (unless skipped). */
  failures: string[];
  passed: boolean;
  /** Set when the drill could not run here (e.g. no Postgres server), with the reason. */
  skipped?: string;
  durationMs: number;
}

/** Collects figures and failures while a drill runs; `result()` seals them. */
export class DrillRecorder {
  readonly figures: Record<string, Figure> = {};
  readonly failures: string[] = [];
  private readonly started = performance.now();

  constructor(
    readonly drill: string,
    public summary = '',
  ) {}

  figure(name: string, value: Figure): void {
    this.figures[name] = value;
  }

  /** Records a failure unless `ok`; returns `ok`. */
  check(ok: boolean, failure: string): boolean {
    if (!ok) this.failures.push(failure);
    return ok;
  }

  fail(failure: string): void {
    this.failures.push(failure);
  }

  result(): DrillResult {
    return {
      drill: this.drill,
      summary: this.summary,
      figures: { ...this.figures },
      failures: [...this.failures],
      passed: this.failures.length === 0,
      durationMs: Math.round(performance.now() - this.started),
    };
  }

  skipped(reason: string): DrillResult {
    return { ...this.result(), passed: true, skipped: reason };
  }
}

/** The report as text: a header, the figures as a two-column table, then the verdict and any failures. */
export function formatReport(result: DrillResult): string {
  const lines = [`drill ${result.drill}${result.summary ? `: ${result.summary}` : ''}`];
  if (result.skipped) {
    lines.push(`SKIPPED: ${result.skipped}`);
    return lines.join('\n');
  }
  const entries = Object.entries(result.figures);
  const width = Math.max(6, ...entries.map(([name]) => name.length));
  lines.push(`  ${'figure'.padEnd(width)}  value`, `  ${'-'.repeat(width)}  ${'-'.repeat(12)}`);
  for (const [name, value] of entries) lines.push(`  ${name.padEnd(width)}  ${String(value)}`);
  lines.push(`  ${'duration (s)'.padEnd(width)}  ${(result.durationMs / 1000).toFixed(1)}`);
  if (result.passed) lines.push('PASS');
  else {
    lines.push(`FAIL (${result.failures.length})`);
    for (const failure of result.failures.slice(0, 40)) lines.push(`  ✗ ${failure}`);
    if (result.failures.length > 40) lines.push(`  … and ${result.failures.length - 40} more`);
  }
  return lines.join('\n');
}

/** True when the module at `moduleUrl` is the script node was asked to run (`tsx drills/x.ts`). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/** CLI main: run, print, set the exit code (1 = a promise broken or the drill crashed). */
export async function runDrillCli(run: () => Promise<DrillResult>): Promise<void> {
  try {
    const result = await run();
    console.log(formatReport(result));
    process.exitCode = result.passed ? 0 : 1;
  } catch (error) {
    console.error(`drill crashed: ${(error as Error)?.stack ?? String(error)}`);
    process.exitCode = 1;
  }
}
