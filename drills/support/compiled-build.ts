import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** True when `dist/main.js` exists and no file under `src/` is newer (the build runs today's code). */
export function compiledBuildIsCurrent(root: string): boolean {
  const built = statSync(join(root, 'dist', 'main.js'), { throwIfNoEntry: false });
  if (!built) return false;
  for (const entry of readdirSync(join(root, 'src'), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && statSync(join(entry.parentPath, entry.name)).mtimeMs > built.mtimeMs) return false;
  }
  return true;
}
