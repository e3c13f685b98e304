import { existsSync } from 'node:fs';
import { closest, commandLineOrExit, UsageError, usageLine } from '../src/cli/commandLine.ts';
import { evalCommand } from './args/eval.ts';
import { evalDocs } from './eval/docs.ts';
import { evalFollowUps } from './eval/followUps.ts';
import { evalReport } from './eval/report.ts';
import { evalSeed } from './eval/seed.ts';
import { evalSquad } from './eval/squad.ts';
import { evalWikiqa } from './eval/wikiqa.ts';

// Every flag is checked here, before any data is read; each set then reads the ones it takes.
commandLineOrExit(evalCommand, process.argv.slice(2));
const [set, path, ...rest] = process.argv.slice(2);
if (!set || !path) {
  process.stderr.write(`error: give a set and the path of its data. ${usageLine(evalCommand)}\n`);
  process.exit(2);
}
const runners: Record<string, (path: string, args: string[]) => Promise<void>> = {
  seed: evalSeed,
  wikiqa: evalWikiqa,
  squad: evalSquad,
  docs: evalDocs,
  followups: evalFollowUps,
  report: evalReport,
};
const run = runners[set];
if (!run) {
  const guess = closest(set, Object.keys(runners));
  process.stderr.write(`error: unknown set ${set}${guess ? `; did you mean ${guess}?` : ''} (npm run eval -- --help lists them)\n`);
  process.exit(2);
}
if (!existsSync(path)) {
  process.stderr.write(
    `error: ${path} not found. The evaluation data lives outside the repository (e.g. ../shared/eval/); pass its path.\n`,
  );
  process.exit(2);
}
try {
  await run(path, rest);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exit(2);
}
