import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, loadConfig } from '../../src/config.js';

const root = new URL('../../', import.meta.url);
const envExample = readFileSync(new URL('.env.example', root), 'utf8');
const readme = readFileSync(new URL('README.md', root), 'utf8');

/** The variables named in the first column of README's Configuration table. */
function readmeVariables(): string[] {
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5),
  );
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!));
}

describe('every setting is documented once, the same everywhere', () => {
  it('config.ts, README and .env.example name the same variables', () => {
    const example = Object.keys(parseEnv(envExample));
    expect([...example].sort()).toEqual([...ENV_VARIABLES].sort());
    expect([...readmeVariables()].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('.env.example copied as it is gives the documented defaults', () => {
    const fromExample = loadConfig(parseEnv(envExample));
    const fromNothing = loadConfig({});
    expect(fromExample).toEqual(fromNothing);
  });
});
