import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A command-line usage error: the message is printed as one line and the process exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One flag of a command: what node:util's parseArgs needs, and what `--help` says of it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value a flag starts with, when it does not depend on the environment. */
  default?: string | boolean;
  /** How help names the flag's value: `DIR`, `N`, `URL`. */
  value?: string;
  /** One line: what the flag does. */
  description: string;
  /** What help gives as the default when `default` does not say it (`CORPUS_DIR, else corpus`). */
  defaultText?: string;
  /** Left out of help: a flag the script passes to its own child processes. */
  hidden?: boolean;
}

/** A command: its name, usage lines, flags, examples; the one definition its parser and its help come from. */
export interface CommandSpec<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  /** What runs it, without arguments: `npm run ask --`. */
  run: string;
  /** What follows `run` on each usage line: `"QUESTION" [options]`. */
  usage: readonly string[];
  /** What the command does, in a sentence or two. */
  summary: string;
  options: O;
  /** Whole command lines a user can paste. */
  examples: readonly string[];
  /** Where the rest is written. */
  docs?: string;
}

/** The `-h, --help` flag every command takes. */
export const HELP_OPTION = { type: 'boolean', short: 'h', default: false, description: 'print this help and exit' } as const;

/**
 * A command's definition, with `--help` added. Its parser (`parseCommand`), its help (`helpText`) and the
 * help blocks in docs/cli.md all come from it.
 *
 * @example
 * const command = defineCommand({ run: 'npm run sync --', usage: ['[options]'], summary: 'Syncs.', options: {}, examples: ['npm run sync'] });
 * const { values } = parseCommand(command, process.argv.slice(2)); // values.help is true after --help
 */
export function defineCommand<const O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
): CommandSpec<O & { help: typeof HELP_OPTION }> {
  return { docs: 'docs/cli.md', ...spec, options: { ...spec.options, help: HELP_OPTION } };
}

/** How much longer the flag column is than its longest entry. */
const GAP = 2;

/**
 * The text `--help` prints: usage lines, the summary, every flag with its one-line description and default,
 * examples and where the rest is written. Never depends on the environment, so docs/cli.md can show it.
 */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.options)
    .filter(([, option]) => !option.hidden)
    .map(([name, option]) => {
      const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.value ? ` ${option.value}` : ''}`;
      const fallback =
        option.defaultText ?? (option.default === undefined || option.default === false ? undefined : String(option.default));
      return { flag, text: fallback === undefined ? option.description : `${option.description} (default: ${fallback})` };
    });
  const width = Math.max(...rows.map((row) => row.flag.length)) + GAP;
  return [
    ...spec.usage.map((usage, i) => `${i === 0 ? 'usage: ' : '       '}${spec.run} ${usage}`),
    '',
    spec.summary,
    '',
    'Options:',
    ...rows.map((row) => `  ${row.flag.padEnd(width)}${row.text}`),
    '',
    spec.examples.length === 1 ? 'Example:' : 'Examples:',
    ...spec.examples.map((example) => `  ${example}`),
    '',
    `More: ${spec.docs ?? 'docs/cli.md'}`,
    '',
  ].join('\n');
}

/** The usage lines alone, for an error that shows how the command is called. */
export function usageLine(spec: CommandSpec): string {
  return `usage: ${spec.usage.map((usage) => `${spec.run} ${usage}`).join(' | ')}`;
}

/**
 * Parses `argv` against the command's flags (node:util parseArgs, strict, positionals allowed). Every mistake
 * is one UsageError line that says what to do: an unknown flag names the closest known one ("did you mean
 * --corpus?"), a flag missing its value shows the value it takes. A negative number after a flag that takes
 * a value is that value (`--top -1`), so the flag's own check can say what is wrong with it.
 */
export function parseCommand<const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, argv: readonly string[]) {
  const options = spec.options as O & ParseArgsConfig['options'];
  const args: string[] = [];
  for (const arg of argv) {
    const previous = args.at(-1);
    const takesValue = previous?.startsWith('--') && spec.options[previous.slice(2)]?.type === 'string';
    if (takesValue && /^-\d/.test(arg)) args[args.length - 1] = `${previous}=${arg}`;
    else args.push(arg);
  }
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = spec.options[token.name];
    if (option === undefined) throw new UsageError(unknownOption(spec, token.rawName));
    const shown = `--${token.name}${option.value ? ` ${option.value}` : ''}`;
    if (option.type === 'string' && (token.value === undefined || (!token.inlineValue && looksLikeFlag(token.value)))) {
      throw new UsageError(`${token.rawName} needs a value: ${shown}`);
    }
    if (option.type === 'boolean' && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

/** `--json`, `-h`: a flag, not a value; a lone `-` (standard input) and `-1` are values. */
const looksLikeFlag = (arg: string): boolean => /^-[^\d]/.test(arg);

function unknownOption(spec: CommandSpec, raw: string): string {
  const known = Object.entries(spec.options)
    .filter(([, option]) => !option.hidden)
    .map(([name]) => `--${name}`);
  const guess = closest(raw.startsWith('--') ? raw : `-${raw}`, known);
  return `unknown option ${raw}${guess ? `; did you mean ${guess}?` : ''} (${spec.run} --help lists every option)`;
}

/**
 * The candidate a mistyped word most likely meant: within one edit for a short word, two for one of five
 * letters or more (a swap of neighbours counts as one), else one that starts with it; null when none is close.
 * Leading dashes and a leading `/` are not counted.
 *
 * @example closest('--corpsu', ['--corpus', '--cache']) // → '--corpus'
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  const stem = bare(word);
  const allowed = stem.length >= 5 ? 2 : 1;
  let best: { candidate: string; distance: number } | null = null;
  for (const candidate of candidates) {
    const distance = editDistance(stem, bare(candidate));
    if (distance <= allowed && (best === null || distance < best.distance)) best = { candidate, distance };
  }
  if (best) return best.candidate;
  if (stem.length < 3) return null;
  return candidates.find((candidate) => bare(candidate).startsWith(stem)) ?? null;
}

const bare = (word: string): string => word.replace(/^(?:-+|\/)/, '').toLowerCase();

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * For a script that is not run through `runCli`: parses its arguments, or prints its help (exit 0) or the
 * one-line usage error (exit 2) and ends the process.
 *
 * @example const { values, positionals } = commandLineOrExit(benchCommand, process.argv.slice(2));
 */
export function commandLineOrExit<const O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O & { help: typeof HELP_OPTION }>,
  argv: readonly string[],
) {
  try {
    const parsed = parseCommand(spec, argv);
    if ((parsed.values as { help?: boolean }).help) {
      process.stdout.write(helpText(spec));
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(2);
  }
}
