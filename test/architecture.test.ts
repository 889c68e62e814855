import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md, Layers: data flows down, and no folder of src/ imports a folder that imports it (directly or
 * round a longer loop). Each file at the top of src/ (main, app, config, app-context, log, metrics…) is a node
 * of its own, so a loop through one (notify → app-context.ts → notify) is a loop too.
 */
const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `views/modals/x.ts` → `views`; a top-level file is its own node (`app-context.ts`). */
const nodeOf = (path: string) => relative(SRC, path.replace(/\.js$/, '.ts')).split('/')[0]!;

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = nodeOf(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const to = nodeOf(resolve(dirname(file), spec!));
      if (to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** Every cycle between folders, as "a → b → a". */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (start: string, node: string, path: string[]) => {
    for (const next of graph.get(node) ?? []) {
      if (next === start) {
        const loop = [...path, start];
        const rotated = loop.slice(0, -1);
        const min = rotated.indexOf([...rotated].sort()[0]!);
        found.add([...rotated.slice(min), ...rotated.slice(0, min), rotated[min]].join(' → '));
      } else if (!path.includes(next)) walk(start, next, [...path, next]);
    }
  };
  for (const node of graph.keys()) walk(node, node, [node]);
  return [...found].sort();
}

describe('layers', () => {
  it('the cycle finder finds a loop when there is one (so the check below can fail)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual(['a → b → c → a']);
  });

  it('a loop through a top-level file is a loop (so the check below sees notify ↔ app-context.ts)', () => {
    const graph = new Map([
      ['notify', new Set(['app-context.ts'])],
      ['app-context.ts', new Set(['notify'])],
    ]);
    expect(cycles(graph)).toEqual(['app-context.ts → notify → app-context.ts']);
  });

  it('no folder or top-level file of src/ imports one that imports it', () => {
    expect(cycles(folderGraph())).toEqual([]);
  });

  it('builders (messages/, views/modals/) import no listener, notifier or job', () => {
    const listeners = /from '\.\.?\/(?:\.\.\/)*(actions|events|commands|notify|jobs|views\/submissions)\//;
    const builders = sourceFiles(SRC).filter((f) => /\/(messages|views\/modals)\//.test(f));
    const offenders = builders
      .filter((f) => listeners.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});

describe('the sandbox stays out of production processes', () => {
  /** Static value imports of src/sandbox from outside it (`import type` is erased; `import()` runs only when called). */
  const staticSandboxImports = (files: { path: string; text: string }[]) =>
    files
      .filter(({ path }) => !path.includes('/sandbox/'))
      .filter(({ text }) => /^import (?!type )[^;]*from '[./]*\/?sandbox\//m.test(text))
      .map(({ path }) => path);

  it('the check finds a static import (so it can fail)', () => {
    const files = [
      { path: 'src/main.ts', text: "import { startSandbox } from './sandbox/server.js';" },
      { path: 'src/other.ts', text: "import type { Sandbox } from './sandbox/server.js';" },
    ];
    expect(staticSandboxImports(files)).toEqual(['src/main.ts']);
  });

  it('no module outside src/sandbox imports it statically (main.ts loads it only in sandbox mode)', () => {
    const files = sourceFiles(SRC).map((path) => ({
      path: relative(SRC, path),
      text: readFileSync(path, 'utf8'),
    }));
    expect(staticSandboxImports(files)).toEqual([]);
  });
});
