import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Every source file of the product: the engine, its doors, the slash commands and the scripts. */
function sourceFiles(): string[] {
  return ['src', 'commands', 'scripts'].flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(?:ts|mts|js|mjs)$/.test(file) && !file.endsWith('.d.ts'))
      .map((file) => join(folder, file).split('\\').join('/')),
  );
}

/** Static, type-only and dynamic imports and re-exports of a file, as written. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)) {
    found.push((match[1] ?? match[2] ?? match[3])!);
  }
  return found;
}

interface Edge {
  from: string;
  to: string;
}

/** The import graph: relative imports resolved to files, packages by name. */
function importGraph(): { files: string[]; edges: Edge[] } {
  const files = sourceFiles();
  const edges: Edge[] = [];
  for (const file of files) {
    const source = readFileSync(join(root, file), 'utf8');
    for (const specifier of specifiers(source)) {
      const to = specifier.startsWith('.')
        ? relative(root, resolve(root, dirname(file), specifier))
            .split('\\')
            .join('/')
        : specifier;
      edges.push({ from: file, to });
    }
  }
  return { files, edges };
}

/** Groups of files that import one another, directly or through others (Tarjan's algorithm). */
function cycles(files: string[], edges: Edge[]): string[][] {
  const next = new Map<string, string[]>(files.map((file) => [file, []]));
  for (const { from, to } of edges) if (next.has(to)) next.get(from)!.push(to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const to of next.get(file)!) {
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file)!, index.get(to)!));
    }
    if (low.get(file) === index.get(file)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== file);
      if (group.length > 1 || next.get(file)!.includes(file)) found.push(group.sort());
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

const isBot = (file: string) => file.startsWith('src/bot/') || file.startsWith('commands/');
const isCli = (file: string) => file.startsWith('src/cli/');
/** What the doors share and the core must not reach: reading the process environment. */
const isDoorShared = (file: string) => file.startsWith('src/doors/');
const isCore = (file: string) => file.startsWith('src/') && !isBot(file) && !isCli(file) && !isDoorShared(file);

describe('the import graph of src/, commands/ and scripts/', () => {
  const { files, edges } = importGraph();

  it('is read from the real files', () => {
    expect(files).toContain('src/engine.ts');
    expect(edges).toContainEqual({ from: 'src/engine.ts', to: 'src/options.ts' });
  });

  it('has no cycles, type-only imports included', () => {
    expect(cycles(files, edges)).toEqual([]);
  });

  it('has no door importing another door: the bot and the CLI share only the core and src/doors', () => {
    const crossings = edges
      .filter(
        ({ from, to }) => (isBot(from) && isCli(to)) || (isCli(from) && isBot(to)) || (isDoorShared(from) && (isBot(to) || isCli(to))),
      )
      .map(({ from, to }) => `${from} → ${to}`);
    expect(crossings).toEqual([]);
  });

  it('keeps the core free of Discord, of the doors and of the environment', () => {
    const core = files.filter(isCore);
    const reaches = edges
      .filter(
        ({ from, to }) =>
          isCore(from) && (to === 'discord.js' || to.startsWith('@discordjs/') || isBot(to) || isCli(to) || isDoorShared(to)),
      )
      .map(({ from, to }) => `${from} → ${to}`);
    expect(reaches).toEqual([]);
    expect(core.filter((file) => readFileSync(join(root, file), 'utf8').includes('process.env'))).toEqual([]);
  });
});

describe('the cycle finder', () => {
  it('finds a cycle through several files and a file importing itself, and nothing in a tree', () => {
    const edge = (from: string, to: string) => ({ from, to });
    expect(cycles(['a', 'b', 'c', 'd'], [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('d', 'd')])).toEqual([
      ['a', 'b', 'c'],
      ['d'],
    ]);
    expect(cycles(['a', 'b', 'c'], [edge('a', 'b'), edge('a', 'c'), edge('b', 'c')])).toEqual([]);
  });
});
