import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPERATION_KINDS } from '../../src/operations/registry.js';

/**
 * DESIGN.md: "No switch/if on an operation's kind outside that operation's own module". What differs between
 * operations is a field or function of its definition (src/operations/), read through the registry. The
 * sandbox is Telegent's simulator, not ours: it speaks Telegent's order types, not our kinds.
 */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const EXEMPT = ['operations/', 'sandbox/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const KIND = `(?:${OPERATION_KINDS.map((k) => k.replace('-', '\\-')).join('|')})`;
/** `kind === 'portin'`, `'portout' !== order.kind`, `kind == "limits"`. */
const COMPARED = new RegExp(
  `\\bkind\\s*[!=]==?\\s*['"\`]${KIND}['"\`]|['"\`]${KIND}['"\`]\\s*[!=]==?\\s*[\\w.?]*\\bkind\\b`,
);
/** `case 'provision':` inside a `switch (…kind…)`. */
const SWITCH_ON_KIND = new RegExp(
  `switch\\s*\\([^)]*\\bkind\\b[^)]*\\)\\s*\\{[^]*?case\\s+['"\`]${KIND}['"\`]`,
);
/** A table keyed by two or more kinds: `{ provision: 'Provisioning', portin: 'Port-in' }`. */
const KIND_TABLE = new RegExp(`\\{\\s*(?:['"]?${KIND}['"]?\\s*:\\s*[^,{}]+,\\s*){2,}`);

function kindBranches(text: string): string[] {
  return [COMPARED, SWITCH_ON_KIND, KIND_TABLE].flatMap((pattern) => {
    const found = pattern.exec(text);
    return found ? [found[0].slice(0, 80)] : [];
  });
}

describe('no branching on an operation kind outside src/operations/', () => {
  it('the checks catch each shape they are meant to catch (so the scan below can fail)', () => {
    expect(kindBranches("if (order.kind === 'portin') x();")).toHaveLength(1);
    expect(kindBranches("const p = 'portout' !== request.kind;")).toHaveLength(1);
    expect(kindBranches("switch (claimed.kind) {\n  case 'provision':\n    return 1;\n}")).toHaveLength(1);
    expect(
      kindBranches("const L = { provision: 'Provisioning', portin: 'Port-in', portout: 'Port-out' };"),
    ).toHaveLength(1);
    expect(kindBranches("switch (sub) { case 'status': return 1; }")).toEqual([]);
    expect(kindBranches("if (failure.kind === 'permanent') x();")).toEqual([]);
  });

  it('src/ has none', () => {
    const offenders = sourceFiles(SRC)
      .map((path) => ({ file: relative(SRC, path), text: readFileSync(path, 'utf8') }))
      .filter(({ file }) => !EXEMPT.some((prefix) => file.startsWith(prefix)))
      .flatMap(({ file, text }) => kindBranches(text).map((match) => `${file}: ${match}`));
    expect(offenders).toEqual([]);
  });
});
