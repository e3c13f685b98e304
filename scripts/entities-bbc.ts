/**
 * Measures entity extraction on a corpus folder (made for the 2,225 BBC articles of the shared eval set):
 * load and extraction time, entity counts by type, and a deterministic sample of entities, each with the
 * sentence of its first mention, for judging precision by hand.
 *
 *   npx tsx scripts/entities-bbc.ts ../shared/eval/news/corpus [--sample 50] [--seed 4]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../src/corpus/loadCorpus.ts';
import { buildEntityIndex } from '../src/entities/buildEntityIndex.ts';
import type { EntitySummary, EntityType } from '../src/entities/entityIndex.ts';
import { resolveOptions } from '../src/options.ts';

const USAGE = 'usage: npx tsx scripts/entities-bbc.ts CORPUS_DIR [--sample N] [--seed N]';

/** FNV-1a, 32 bits: a stable pseudo-random key for each entity. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * `size` entities drawn uniformly over the entity list (not over mentions): those whose hash of seed,
 * type and name is smallest. An entity stays in the sample when other entities come or go.
 */
function sample(entities: readonly EntitySummary[], size: number, seed: number): EntitySummary[] {
  const key = (entity: EntitySummary): number => fnv1a(`${seed}:${entity.type}:${entity.name}`);
  return [...entities].sort((a, b) => key(a) - key(b) || a.name.localeCompare(b.name)).slice(0, size);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { sample: { type: 'string', default: '50' }, seed: { type: 'string', default: '4' } },
    allowPositionals: true,
  });
  const dir = positionals[0];
  if (!dir) {
    process.stderr.write(`no corpus folder given. ${USAGE}\n`);
    return 2;
  }
  if (!existsSync(dir)) {
    process.stderr.write(`corpus folder not found: ${dir} (the BBC set lives in ../shared/eval/news/corpus)\n`);
    return 2;
  }
  let started = performance.now();
  const { documents } = await loadCorpus(dir, resolveOptions({}));
  const loadMs = performance.now() - started;
  const sentences = documents.reduce((sum, doc) => sum + doc.passages.reduce((n, passage) => n + passage.sentences.length, 0), 0);
  started = performance.now();
  const index = buildEntityIndex(documents);
  const buildMs = performance.now() - started;
  const list = index.list();
  const byType: Record<EntityType, number> = { person: 0, organization: 0, place: 0 };
  const mentionsByType: Record<EntityType, number> = { person: 0, organization: 0, place: 0 };
  for (const entity of list) {
    byType[entity.type] += 1;
    mentionsByType[entity.type] += entity.count;
  }
  const lines = [
    `documents: ${documents.length}, content sentences: ${sentences}`,
    `load: ${(loadMs / 1000).toFixed(1)} s, entity extraction (buildEntityIndex): ${(buildMs / 1000).toFixed(1)} s (${((buildMs / sentences) * 1000).toFixed(0)} µs per sentence)`,
    `entities: ${list.length} (${Object.entries(byType)
      .map(([type, n]) => `${type} ${n}`)
      .join(', ')})`,
    `mentions: ${Object.entries(mentionsByType)
      .map(([type, n]) => `${type} ${n}`)
      .join(', ')}`,
    `entities mentioned more than once: ${list.filter((entity) => entity.count > 1).length}`,
    '',
    `sample of ${values.sample} entities (seed ${values.seed}), with the first quoted mention:`,
  ];
  const drawn = sample(list, Number(values.sample), Number(values.seed));
  drawn.forEach((entity, i) => {
    const card = index.card(entity.name)!;
    const quote = card.mentions[0]?.quote.replace(/\s+/g, ' ') ?? '';
    lines.push(
      `${String(i + 1).padStart(2)}. ${entity.name} [${entity.type}] ×${entity.count}${entity.aliases.length ? ` (${entity.aliases.slice(0, 3).join(', ')})` : ''}`,
    );
    lines.push(`    “${quote.length > 220 ? `${quote.slice(0, 220)}…` : quote}” — ${card.mentions[0]?.source.doc ?? ''}`);
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

process.exitCode = await main();
