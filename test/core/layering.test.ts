import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Every source file: the engine, its doors, the slash commands, the scripts, the tests and what they run against. */
function sourceFiles(): string[] {
  return ['src', 'commands', 'scripts', 'testbed', 'test'].flatMap((folder) =>
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

/**
 * The layering written in docs/architecture.md: each unit (a folder, or a file directly in src/) and the units
 * it may import directly.
 */
function writtenLayering(): Map<string, string[]> {
  const text = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const block = /<!-- layering -->\s*```\n([\s\S]*?)```\s*<!-- end layering -->/.exec(text);
  if (!block) throw new Error('docs/architecture.md has no <!-- layering --> block');
  const layering = new Map<string, string[]>();
  for (const line of block[1]!.split('\n').filter((l) => l.trim() !== '')) {
    const [unit, allowed = ''] = line.split('→').map((part) => part.trim());
    layering.set(unit!, allowed === '' ? [] : allowed.split(/,\s*/));
  }
  return layering;
}

/** The units a unit may import: those its line names, and what they may import in turn. */
function reachable(layering: ReadonlyMap<string, readonly string[]>, unit: string): Set<string> {
  const seen = new Set<string>();
  const pending = [...(layering.get(unit) ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(layering.get(next) ?? []));
  }
  return seen;
}

/** The unit a file belongs to: the longest unit of the layering that is the file or holds it. */
function unitOf(units: readonly string[], file: string): string | undefined {
  return units.filter((unit) => file === unit || file.startsWith(`${unit}/`)).sort((a, b) => b.length - a.length)[0];
}

/** Imports between units, once per pair, each with the first file import that makes it. */
function unitEdges(units: readonly string[], edges: readonly Edge[]): Map<string, Edge & { because: string }> {
  const found = new Map<string, Edge & { because: string }>();
  for (const { from, to } of edges) {
    const fromUnit = unitOf(units, from);
    const toUnit = unitOf(units, to);
    if (fromUnit === undefined || toUnit === undefined || fromUnit === toUnit) continue;
    const key = `${fromUnit} → ${toUnit}`;
    if (!found.has(key)) found.set(key, { from: fromUnit, to: toUnit, because: `${from} → ${to}` });
  }
  return found;
}

const isBot = (file: string) => file.startsWith('src/bot/') || file.startsWith('commands/');
const isCli = (file: string) => file.startsWith('src/cli/');
/** What the doors share and the core must not reach: reading the process environment. */
const isDoorShared = (file: string) => file.startsWith('src/doors/');
const isCore = (file: string) => file.startsWith('src/') && !isBot(file) && !isCli(file) && !isDoorShared(file);

describe('the import graph of src/, commands/, scripts/, testbed/ and test/', () => {
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

describe('the folder layering of docs/architecture.md', () => {
  const { files, edges } = importGraph();
  const layering = writtenLayering();
  const units = [...layering.keys()];
  const between = [...unitEdges(units, edges).values()];

  it('is read from the document, names only folders and files that exist, and is itself without cycles', () => {
    expect(layering.get('src/conversation')).toEqual(['src/answer']);
    const named = [...layering.entries()].flatMap(([unit, allowed]) => [unit, ...allowed]);
    expect(named.filter((unit) => !existsSync(join(root, unit)))).toEqual([]);
    expect(named.filter((unit) => !layering.has(unit))).toEqual([]);
    const declared = [...layering.entries()].flatMap(([from, allowed]) => allowed.map((to) => ({ from, to })));
    expect(cycles(units, declared)).toEqual([]);
  });

  it('covers every file', () => {
    expect(files.filter((file) => unitOf(units, file) === undefined)).toEqual([]);
  });

  it('has no folder cycles', () => {
    expect(cycles(units, between)).toEqual([]);
  });

  it('has scripts import nothing from the tests', () => {
    expect(edges.filter(({ from, to }) => from.startsWith('scripts/') && to.startsWith('test/'))).toEqual([]);
  });

  it('has each folder import only the folders the layering allows it', () => {
    const allowed = new Map(units.map((unit) => [unit, reachable(layering, unit)]));
    const violations = between.filter(({ from, to }) => !allowed.get(from)!.has(to)).map(({ because }) => because);
    expect(violations).toEqual([]);
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
