// `npm run build` step 2: what tsc does not emit but the compiled app reads at run time (the SQL migrations),
// then the mark of a complete build: the list of src/ files it was built from (drills/support/compiled-build.ts
// runs dist/ only when this mark is newer than every file of src/ and src/ still holds exactly these files).
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

rmSync('dist/store/migrations', { recursive: true, force: true });
cpSync('src/store/migrations', 'dist/store/migrations', { recursive: true });
console.log('build: copied src/store/migrations → dist/store/migrations');

const files = readdirSync('src', { withFileTypes: true, recursive: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative('src', join(entry.parentPath, entry.name)))
  .sort();
writeFileSync('dist/.build-complete', `${JSON.stringify(files)}\n`);
