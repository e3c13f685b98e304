import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { normalizeBaseUrl } from '../corpus/documentUrl.ts';
import { CORPUS_EXTENSIONS } from '../corpus/formats/documentReaders.ts';
import { type Env, readCorpusEnvironment, readSearchEnvironment, type SearchEnvironment } from '../doors/environment.ts';
import { Engine } from '../engine.ts';
import type { EngineOptionsInput } from '../options.ts';
import { openPostgresEngine } from '../postgresSearch/openEngine.ts';
import { createProgressReporter } from '../progress.ts';
import { describeSnapshotEvent, loadOrBuildEngine } from '../snapshot/cachedEngine.ts';
import type { CliIo } from './cliIo.ts';
import { type OptionSpec, UsageError } from './commandLine.ts';
import { skippedSummary } from './skippedFiles.ts';

/**
 * Flags of every CLI that reads a corpus. Each falls back on the variable the bot reads (`CORPUS_DIR`, …, from
 * the environment or `.env`), so the CLI and the bot serve the same folder with the same settings.
 */
export const FOLDER_OPTIONS = {
  corpus: {
    type: 'string',
    value: 'DIR',
    description: 'the folder of documents, subfolders included',
    defaultText: 'CORPUS_DIR, else corpus',
  },
  'follow-links': {
    type: 'boolean',
    description: 'serve files linked from DIR but lying outside it; a risk, see docs/cli.md',
    defaultText: 'CORPUS_FOLLOW_LINKS, else off',
  },
  'base-url': {
    type: 'string',
    value: 'URL',
    description: 'the site DIR is published at, so citations link to the page',
    defaultText: 'CORPUS_BASE_URL, else none',
  },
  jobs: {
    type: 'string',
    value: 'N',
    description: 'worker threads that read and analyze the files when building; 1 builds on the main thread',
    defaultText: 'one per core',
  },
} as const satisfies Record<string, OptionSpec>;

/** The folder flags, and where the snapshot that lets later runs start fast is kept. */
export const CORPUS_OPTIONS = {
  ...FOLDER_OPTIONS,
  cache: {
    type: 'string',
    value: 'DIR',
    description: 'where the index snapshot is kept, so later runs start fast',
    defaultText: 'CACHE_DIR, else .cache/corpus-qa',
  },
  'no-cache': { type: 'boolean', description: 'build from the files and keep no snapshot' },
} as const satisfies Record<string, OptionSpec>;

/** Parsed folder flags, as node:util gives them. */
export interface FolderValues {
  corpus?: string | undefined;
  'follow-links'?: boolean | undefined;
  'base-url'?: string | undefined;
  jobs?: string | undefined;
}

/** Parsed corpus flags, as node:util gives them. */
export interface CorpusValues extends FolderValues {
  cache?: string | undefined;
  'no-cache'?: boolean | undefined;
}

/** The corpus a CLI run serves: its folder, the engine options the folder flags set, and the snapshot folder. */
export interface CorpusChoice {
  corpusDir: string;
  /** Which flag or variable named the folder, for errors: `--corpus`, `CORPUS_DIR`, or null for the default. */
  namedBy: string | null;
  /** Null under `--no-cache`. */
  cacheDir: string | null;
  folder: Pick<EngineOptionsInput, 'followLinks' | 'baseUrl'>;
}

/**
 * What the flags ask for, each falling back on its environment variable (read by `readCorpusEnvironment`, as
 * the bot reads it), then on the default. A bad variable is a UsageError, unless its flag overrides it.
 */
export function corpusChoiceOf(values: CorpusValues, env: Env): CorpusChoice {
  const { settings, problems } = readCorpusEnvironment(env);
  const overridden = new Set<string>([
    ...(values['follow-links'] !== undefined ? ['CORPUS_FOLLOW_LINKS'] : []),
    ...(values['base-url'] !== undefined ? ['CORPUS_BASE_URL'] : []),
  ]);
  // Watching and the sources file are the bot's and npm run sync's business, not a reason to refuse a question.
  const unused = new Set(['CORPUS_WATCH', 'CORPUS_SOURCES']);
  const bad = problems.filter((problem) => !unused.has(problem.key) && !overridden.has(problem.key));
  if (bad.length > 0) throw new UsageError(bad.map((problem) => problem.message).join('; '));
  let baseUrl = settings.baseUrl;
  if (values['base-url'] !== undefined) {
    baseUrl = normalizeBaseUrl(values['base-url']);
    if (baseUrl === null) throw new UsageError(`--base-url must be an http(s) URL (got ${JSON.stringify(values['base-url'])})`);
  }
  const namedBy = values.corpus !== undefined ? '--corpus' : env.CORPUS_DIR?.trim() ? 'CORPUS_DIR' : null;
  return {
    corpusDir: values.corpus ?? settings.corpusDir,
    namedBy,
    cacheDir: values['no-cache'] ? null : (values.cache ?? settings.cacheDir),
    folder: { followLinks: values['follow-links'] ?? settings.followLinks, baseUrl },
  };
}

/** `--jobs N`, the worker threads of a build (`FolderOptions.jobs`): a whole number of at least 1, one per core when not given. */
export function buildJobsOf({ jobs: value }: FolderValues): number {
  if (value === undefined) return availableParallelism();
  const jobs = Number(value);
  if (!/^\d+$/.test(value.trim()) || jobs < 1)
    throw new UsageError(`--jobs must be a whole number of at least 1 (got ${JSON.stringify(value)})`);
  return jobs;
}

/**
 * Stops with a line that says what to do when the corpus folder is missing or is a file (`--corpus README.md`
 * names the folder that holds it instead).
 */
export async function checkCorpusFolder(choice: CorpusChoice): Promise<void> {
  const { corpusDir, namedBy } = choice;
  const info = await stat(corpusDir).catch(() => null);
  const how = namedBy === 'CORPUS_DIR' ? 'set CORPUS_DIR to' : 'pass';
  const flag = namedBy === 'CORPUS_DIR' ? '' : '--corpus ';
  if (info === null) throw new UsageError(`corpus folder not found: ${corpusDir} (${how} the folder of your documents: ${flag}DIR)`);
  if (!info.isDirectory()) {
    throw new UsageError(
      `${corpusDir} is a file, not a folder (${how} the folder that holds the documents, such as ${flag}${dirname(corpusDir)})`,
    );
  }
}

/**
 * Stops when the engine serves no document: an empty folder says which files it reads; a folder whose files
 * were all skipped says how many and why ("3 files skipped: 2 binary, 1 too large").
 */
export function requireDocuments(engine: Engine, corpusDir: string): void {
  if (engine.documents.length > 0) return;
  if (engine.warnings.length === 0) {
    const extensions = [...CORPUS_EXTENSIONS];
    throw new UsageError(
      `no documents in ${corpusDir}: it holds no ${extensions.slice(0, -1).join(', ')} or ${extensions.at(-1)} file (subfolders included)`,
    );
  }
  throw new UsageError(`no readable documents in ${corpusDir}: ${skippedSummary(engine.warnings)} (the warnings above name each file)`);
}

/**
 * Builds the engine for a CLI run from a snapshot under the cache folder when one matches the corpus (else
 * builds and saves one), or straight from the files under `--no-cache`. One warning line per skipped file;
 * a progress bar on a terminal; a line when a snapshot had to be rebuilt for a reason worth knowing. Stops
 * with one line when the folder is missing, is a file, or serves no document.
 */
export async function loadEngineForCli(values: CorpusValues, io: Pick<CliIo, 'stderr' | 'env'>): Promise<Engine> {
  const choice = corpusChoiceOf(values, io.env);
  await checkCorpusFolder(choice);
  const { corpusDir, cacheDir } = choice;
  const { stderr } = io;
  const progress = createProgressReporter(stderr);
  const reporting = {
    ...choice.folder,
    jobs: buildJobsOf(values),
    onWarning: (warning: { path: string; reason: string }) => {
      progress.finish();
      stderr.write(`warning: ${warning.path}: ${warning.reason}\n`);
    },
    // Plain progress lines would clutter every answer piped from a small corpus; a terminal gets the bar.
    onBuildProgress: stderr.isTTY ? progress.update : undefined,
  };
  let engine: Engine;
  if (cacheDir === null) {
    engine = await Engine.fromFolder(corpusDir, reporting);
  } else {
    const loaded = await loadOrBuildEngine(corpusDir, {
      ...reporting,
      cacheDir,
      onSnapshot: (event) => {
        if (event.kind === 'save-failed' || (event.kind === 'rebuilding' && event.reason !== 'no snapshot yet')) {
          progress.finish();
          stderr.write(`${describeSnapshotEvent(event)}\n`);
        }
      },
    });
    engine = loaded.engine;
    // A snapshot remembers the files it skipped; say so again, as a fresh build would.
    if (loaded.fromSnapshot) for (const warning of engine.warnings) reporting.onWarning(warning);
  }
  progress.finish();
  requireDocuments(engine, corpusDir);
  return engine;
}

/** `SEARCH` and `DATABASE_URL`, read as the bot reads them; a bad value is a UsageError naming it. */
export function searchChoiceOf(env: Env): SearchEnvironment {
  const { settings, problems } = readSearchEnvironment(env);
  if (problems.length > 0) throw new UsageError(problems.map((problem) => problem.message).join('; '));
  return settings;
}

/** The engine a CLI run answers with, and how to let go of what it holds (a database's connections). */
export interface CliEngine {
  engine: Engine;
  close(): Promise<void>;
}

/**
 * The engine for a CLI run: under `SEARCH=postgres`, over the folder's index in the database (no file is
 * read; one line says what to run when there is no index of the folder); otherwise `loadEngineForCli`'s.
 */
export async function openEngineForCli(values: CorpusValues, io: Pick<CliIo, 'stderr' | 'env'>): Promise<CliEngine> {
  const { search, databaseUrl } = searchChoiceOf(io.env);
  if (search === 'postgres') {
    const choice = corpusChoiceOf(values, io.env);
    return openPostgresEngine(databaseUrl!, choice.corpusDir, choice.folder);
  }
  return { engine: await loadEngineForCli(values, io), close: async () => {} };
}
