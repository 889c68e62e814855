// `npm run build` step 2: what tsc does not emit but the compiled app reads at run time (the SQL migrations).
import { cpSync, rmSync } from 'node:fs';

rmSync('dist/store/migrations', { recursive: true, force: true });
cpSync('src/store/migrations', 'dist/store/migrations', { recursive: true });
console.log('build: copied src/store/migrations → dist/store/migrations');
