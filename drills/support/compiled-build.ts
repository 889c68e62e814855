import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * True when dist/ is a complete build of today's src/: the build's last step wrote its mark
 * (scripts/copy-build-assets.mjs: the list of src/ files it was built from), no file under src/ is newer than
 * the mark, and src/ holds exactly the files it listed (a deleted or renamed file, a migration above all, changes
 * no remaining file's time). A build that failed half-way (tsc writes dist/main.js even on a type error) has no
 * mark.
 */
export function compiledBuildIsCurrent(root: string): boolean {
  const markPath = join(root, 'dist', '.build-complete');
  const mark = statSync(markPath, { throwIfNoEntry: false });
  if (!mark) return false;
  const src = join(root, 'src');
  const files: string[] = [];
  for (const entry of readdirSync(src, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (statSync(path).mtimeMs > mark.mtimeMs) return false;
    files.push(relative(src, path));
  }
  try {
    return JSON.stringify(files.sort()) === JSON.stringify(JSON.parse(readFileSync(markPath, 'utf8')));
  } catch {
    return false;
  }
}
