import { existsSync } from 'node:fs';
import { evalSeed } from './eval/seed.ts';
import { evalSquad } from './eval/squad.ts';
import { evalWikiqa } from './eval/wikiqa.ts';

const USAGE = `usage: npm run eval -- <set> <path> [options]
  seed   <seed-dev.jsonl> [--corpus DIR]             answer accuracy and abstention on the example corpus
  wikiqa <split.filtered.jsonl>                      answer-sentence selection: MAP and MRR
  squad  <squad folder> [--limit N] [--every K]      open-corpus QA: top-1 quote hit, cited paragraph, span F1, latency`;

const [set, path, ...rest] = process.argv.slice(2);
if (!set || !path) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
if (!existsSync(path)) {
  process.stderr.write(
    `error: ${path} not found. The evaluation data lives outside the repository (e.g. ../shared/eval/); pass its path.\n`,
  );
  process.exit(2);
}
const runners: Record<string, (path: string, args: string[]) => Promise<void>> = { seed: evalSeed, wikiqa: evalWikiqa, squad: evalSquad };
const run = runners[set];
if (!run) {
  process.stderr.write(`error: unknown set ${set}\n${USAGE}\n`);
  process.exit(2);
}
await run(path, rest);
