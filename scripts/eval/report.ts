import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { evalSeed } from './seed.ts';
import { evalSquad } from './squad.ts';
import { evalWikiqa } from './wikiqa.ts';

/** The project's question sets over the shipped corpus, when present (they are committed with the scripts). */
const SHIPPED_SETS = ['scripts/eval/data/shipped-dev.jsonl', 'scripts/eval/data/shipped-casual-dev.jsonl'];

/**
 * Every figure docs/quality.md reports, from the evaluation folder (`seed-dev.jsonl`, `wikiqa/`, `squad/`):
 * the seed and shipped-corpus question sets, WikiQA test MAP and SQuAD's test articles, every third question.
 */
export async function evalReport(path: string, args: string[]): Promise<void> {
  for (const set of [join(path, 'seed-dev.jsonl'), ...SHIPPED_SETS]) {
    if (!existsSync(set)) continue;
    process.stdout.write(`\n## ${set}\n`);
    await evalSeed(set, ['--quiet', ...args]);
  }
  process.stdout.write('\n## WikiQA test\n');
  await evalWikiqa(join(path, 'wikiqa', 'test.filtered.jsonl'), args);
  process.stdout.write('\n## SQuAD test articles, every third question\n');
  await evalSquad(join(path, 'squad'), ['--split', 'test', '--every', '3', ...args]);
}
