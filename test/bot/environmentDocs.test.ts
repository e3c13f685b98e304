import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/bot/runtime/config.ts';
import { readCorpusEnvironment } from '../../src/doors/environment.ts';

const root = resolve(import.meta.dirname, '../..');

/** The keys a reader of the environment looks up, recorded as it reads them. */
function keysRead(read: (env: Record<string, string | undefined>) => unknown): Set<string> {
  const keys = new Set<string>();
  const env = new Proxy({ DISCORD_TOKEN: 'token', DISCORD_CLIENT_ID: '123' } as Record<string, string | undefined>, {
    get(target, key) {
      if (typeof key === 'string') keys.add(key);
      return target[key as string];
    },
  });
  read(env);
  return keys;
}

/** Keys the source names directly (`env.KEY`, `env['KEY']`, `process.env.KEY`), outside the readers above. */
function keysNamedInSource(): Set<string> {
  const keys = new Set<string>();
  for (const folder of ['src', 'commands']) {
    for (const file of readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(join(root, folder, file), 'utf8');
      for (const match of source.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]+)|\[['"]([A-Z][A-Z0-9_]+)['"]\])/g)) keys.add((match[1] ?? match[2])!);
    }
  }
  return keys;
}

/** The keys .env.example sets, and those it shows commented out (a number left unset, since an empty one is refused). */
const envExampleKeys = () =>
  readFileSync(join(root, '.env.example'), 'utf8')
    .split('\n')
    .flatMap((line) => /^(?:# )?([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []);

/** The keys in the first column of README's "Configuration" table. */
function readmeTableKeys(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('### Configuration'));
  return [...table.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]!);
}

describe('the documented environment', () => {
  const read = new Set([
    ...keysRead((env) => loadConfig(env, { requireClientId: true })),
    ...keysRead((env) => readCorpusEnvironment(env)),
    ...keysNamedInSource(),
  ]);

  it('is read from the real readers', () => {
    expect(read).toContain('DISCORD_TOKEN');
    expect(read).toContain('CORPUS_DIR');
    expect(read).toContain('RETENTION_DAYS');
  });

  it('lists in .env.example every variable the code reads, and no other', () => {
    expect(envExampleKeys().sort()).toEqual([...read].sort());
  });

  it("lists in README's configuration table every variable the code reads, and no other", () => {
    expect(readmeTableKeys().sort()).toEqual([...read].sort());
  });
});
