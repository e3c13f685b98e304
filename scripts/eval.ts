import { existsSync } from 'node:fs';
import { evalFollowUps } from './eval/followUps.ts';
import { evalReport } from './eval/report.ts';
import { evalSeed } from './eval/seed.ts';
import { evalSquad } from './eval/squad.ts';
import { evalWikiqa } from './eval/wikiqa.ts';

const USAGE = `usage: npm run eval -- <set> <path> [options]
  seed   <questions.jsonl> [--corpus DIR] [--quiet]  answers, short answers and abstention over the example corpus
  wikiqa <split.filtered.jsonl>                      answer-sentence selection: MAP and MRR
  squad  <squad folder> [--split test|train|all] [--every K] [--limit N] [--dump FILE.jsonl] [--holdout 1]
                                                     open-corpus QA: top-1 quote, cited paragraph, short answer EM/F1,
                                                     calibration of both confidences, latency (fit on train, report on test)
  followups <pairs.jsonl> [--corpus DIR] [--repeat N]
                                                     follow-up questions over corpus/ plus DIR (the BBC articles): the
                                                     follow-up's quote from the right article, with and without context
  report <eval folder>                               all of the above as docs/quality.md reports them
every set takes --options JSON (engine option overrides)`;

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
const runners: Record<string, (path: string, args: string[]) => Promise<void>> = {
  seed: evalSeed,
  wikiqa: evalWikiqa,
  squad: evalSquad,
  followups: evalFollowUps,
  report: evalReport,
};
const run = runners[set];
if (!run) {
  process.stderr.write(`error: unknown set ${set}\n${USAGE}\n`);
  process.exit(2);
}
await run(path, rest);
