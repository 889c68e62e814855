// Runs every bench/*.ts (except this file) in sequence with tsx; exits non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== self)
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n▶ bench/${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`✗ bench/${file} exited with ${result.status ?? result.signal}`);
  }
}
console.log(`\n${files.length - failed}/${files.length} benchmarks passed`);
process.exitCode = failed ? 1 : 0;
