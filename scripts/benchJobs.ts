/**
 * Measures a cold build on one thread against one on worker threads (`jobs`), alternately, each build in a
 * fresh process so neither inherits the other's loaded modules or warm caches (a script, not a timed test:
 * figures vary by machine and by what else runs on it, so the load average is printed with them).
 *
 *   npm run bench:jobs -- --corpus DIR [--scale N] [--rounds R] [--jobs N]
 *
 * `index` is `Engine.fromFolder` (reading, cleaning and, on workers, recognising names; then the passage
 * index, on the main thread), `names` is `prepareEntities` (recognising names, unless the workers did, and
 * the entity index).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { commandLineOrExit, usageLine } from '../src/cli/commandLine.ts';
import { Engine } from '../src/engine.ts';
import { benchJobsCommand } from './args/bench.ts';
import { copyScaled } from './eval/common.ts';

/** What one build measured. */
interface BuildTimes {
  jobs: number;
  documents: number;
  passages: number;
  indexMs: number;
  namesMs: number;
}

const { values } = commandLineOrExit(benchJobsCommand, process.argv.slice(2));
const wholeNumber = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : NaN);
const scale = wholeNumber(values.scale);
const rounds = wholeNumber(values.rounds);
const jobs = values.jobs === undefined ? availableParallelism() : wholeNumber(values.jobs);
if ((values.corpus === undefined && values.build === undefined) || [scale, rounds, jobs].some(Number.isNaN)) {
  process.stderr.write(
    `error: --corpus DIR is required; --scale, --rounds and --jobs take whole numbers of at least 1. ${usageLine(benchJobsCommand)}\n`,
  );
  process.exit(2);
}

if (values.build !== undefined) {
  process.stdout.write(`${JSON.stringify(await timeBuild(values.build, jobs))}\n`);
} else {
  await compare(values.corpus!);
}

async function timeBuild(corpus: string, jobs: number): Promise<BuildTimes> {
  let started = performance.now();
  const engine = await Engine.fromFolder(corpus, { jobs });
  const indexMs = performance.now() - started;
  started = performance.now();
  await engine.prepareEntities();
  const namesMs = performance.now() - started;
  const passages = engine.documents.reduce((sum, document) => sum + document.passages.length, 0);
  return { jobs, documents: engine.documents.length, passages, indexMs, namesMs };
}

/** One build in a fresh process, as `npm run index` runs it. */
async function buildInChild(corpus: string, jobs: number): Promise<BuildTimes> {
  const args = [...process.execArgv, process.argv[1]!, '--build', corpus, '--jobs', String(jobs)];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as BuildTimes;
}

async function compare(source: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'bench-jobs-'));
  try {
    const corpus = join(work, 'corpus');
    await copyScaled(source, corpus, scale);
    const load = () =>
      loadavg()
        .map((value) => value.toFixed(1))
        .join(' ');
    console.log(`corpus: ${source} ×${scale}; ${availableParallelism()} cores; load average ${load()}`);
    const times = new Map<number, BuildTimes[]>([
      [1, []],
      [jobs, []],
    ]);
    for (let round = 0; round < rounds; round += 1) {
      for (const setting of [1, jobs]) {
        const built = await buildInChild(corpus, setting);
        times.get(setting)!.push(built);
        console.log(
          `jobs ${setting}: ${built.documents} documents, ${built.passages} passages; index ${seconds(built.indexMs)}, names ${seconds(built.namesMs)}, total ${seconds(built.indexMs + built.namesMs)}`,
        );
      }
    }
    const total = (setting: number) => median(times.get(setting)!.map((built) => built.indexMs + built.namesMs));
    console.log(
      `median total: jobs 1 ${seconds(total(1))}, jobs ${jobs} ${seconds(total(jobs))}, ${(total(1) / total(jobs)).toFixed(2)}× the throughput; load average ${load()}`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
