import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../scripts/generatedDocs.ts';
import { main as askMain } from '../../src/cli/ask.ts';
import { main as chatMain } from '../../src/cli/chat.ts';
import type { CliIo } from '../../src/cli/cliIo.ts';
import { type CommandSpec, closest, defineCommand, helpText, parseCommand, UsageError } from '../../src/cli/commandLine.ts';
import { main as entityMain } from '../../src/cli/entity.ts';
import { main as indexMain } from '../../src/cli/indexCorpus.ts';
import { main as syncMain } from '../../src/cli/sync.ts';
import { runInProcess, spawnCli } from './cliRun.ts';

const inProcess: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  ask: askMain,
  chat: chatMain,
  index: indexMain,
  entity: entityMain,
  sync: syncMain,
};
const scripts: Record<string, string> = {
  eval: 'scripts/eval.ts',
  bench: 'scripts/bench.ts',
  'bench:documents': 'scripts/benchDocuments.ts',
  'bench:jobs': 'scripts/benchJobs.ts',
  'bench:sync': 'scripts/benchSync.ts',
  train: 'scripts/train.ts',
};

/** The flags help shows: every one but those a script passes to its own children. */
const shownFlags = (spec: CommandSpec) => Object.entries(spec.options).filter(([, option]) => !option.hidden);

describe('--help', () => {
  it('covers every npm script a user runs', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual([...Object.keys(inProcess), ...Object.keys(scripts)].sort());
  });

  for (const [name, main] of Object.entries(inProcess)) {
    it(`npm run ${name} -- --help prints its help, and -h too`, async () => {
      const spec = COMMANDS[name]!;
      for (const flag of ['--help', '-h'])
        expect(await runInProcess(main, [flag])).toEqual({ status: 0, stdout: helpText(spec), stderr: '' });
    });
  }

  for (const [name, script] of Object.entries(scripts)) {
    it(`npm run ${name} -- --help prints its help before reading any data (as a separate process)`, () => {
      expect(spawnCli(script, ['--help'])).toEqual({ status: 0, stdout: helpText(COMMANDS[name]!), stderr: '' });
    });
  }

  for (const [name, spec] of Object.entries(COMMANDS)) {
    it(`npm run ${name}: every flag with its one-line description and default, an example, and where to read more`, () => {
      const help = helpText(spec);
      for (const [flag, option] of shownFlags(spec)) {
        const line = help.split('\n').find((row) => row.includes(`--${flag}${option.value ? ` ${option.value}` : ''}  `));
        expect(line, flag).toBeDefined();
        expect(line, flag).toContain(option.description);
        const fallback = option.defaultText ?? (typeof option.default === 'string' ? option.default : undefined);
        if (fallback !== undefined) expect(line, flag).toContain(`(default: ${fallback})`);
      }
      expect(help).toMatch(/^usage: npm run /);
      expect(help).toMatch(/\nExamples?:\n {2}(NODE_OPTIONS=\S+ )?npm run /);
      expect(help).toMatch(/\nMore: docs\/(cli|quality|scale|sync)\.md\n$/);
    });
  }

  it('lays a small command out exactly', () => {
    const spec = defineCommand({
      run: 'npm run sync --',
      usage: ['[--dry-run] [options]'],
      summary: 'Syncs the corpus.',
      options: {
        'dry-run': { type: 'boolean', description: 'say what would change' },
        from: { type: 'string', value: 'URL', default: 'origin', description: 'where to sync from' },
      },
      examples: ['npm run sync -- --dry-run'],
    });
    expect(helpText(spec)).toBe(
      [
        'usage: npm run sync -- [--dry-run] [options]',
        '',
        'Syncs the corpus.',
        '',
        'Options:',
        '      --dry-run   say what would change',
        '      --from URL  where to sync from (default: origin)',
        '  -h, --help      print this help and exit',
        '',
        'Example:',
        '  npm run sync -- --dry-run',
        '',
        'More: docs/cli.md',
        '',
      ].join('\n'),
    );
    expect(parseCommand(spec, ['--from', 'upstream', '--dry-run']).values).toEqual({ from: 'upstream', 'dry-run': true, help: false });
  });
});

describe('a command-line mistake', () => {
  const spec = COMMANDS.ask!;
  const mistake = (argv: string[]) => {
    try {
      parseCommand(spec, argv);
    } catch (error) {
      if (error instanceof UsageError) return error.message;
      throw error;
    }
    return null;
  };

  it('names the closest flag for an unknown one, and the help to read', () => {
    expect(mistake(['--corpsu', 'docs'])).toBe(
      'unknown option --corpsu; did you mean --corpus? (npm run ask -- --help lists every option)',
    );
    expect(mistake(['--jsn'])).toBe('unknown option --jsn; did you mean --json? (npm run ask -- --help lists every option)');
    expect(mistake(['--base', 'x'])).toBe('unknown option --base; did you mean --base-url? (npm run ask -- --help lists every option)');
    expect(mistake(['--frobnicate'])).toBe('unknown option --frobnicate (npm run ask -- --help lists every option)');
    expect(mistake(['-x'])).toBe('unknown option -x (npm run ask -- --help lists every option)');
  });

  it('shows the value a flag takes when it is missing or is another flag, and refuses a value for a switch', () => {
    expect(mistake(['--corpus'])).toBe('--corpus needs a value: --corpus DIR');
    expect(mistake(['--corpus', '--json', 'q'])).toBe('--corpus needs a value: --corpus DIR');
    expect(mistake(['--json=yes', 'q'])).toBe('--json takes no value');
    expect(mistake(['--batch', '-'])).toBeNull();
    expect(mistake(['--top', '-1', 'q'])).toBeNull();
  });

  it('is matched within one edit for a short word and two for a longer one', () => {
    expect(closest('--corpsu', ['--corpus', '--cache'])).toBe('--corpus');
    expect(closest('/mroe', ['/more', '/reset'])).toBe('/more');
    expect(closest('--foo', ['--doc', '--top'])).toBeNull();
    expect(closest('', ['--doc'])).toBeNull();
  });

  it('is one error line and exit 2 in every command, scripts included', async () => {
    for (const main of Object.values(inProcess)) {
      const run = await runInProcess(main, ['--corpsu', 'docs']);
      expect(run).toEqual({
        status: 2,
        stdout: '',
        stderr: expect.stringMatching(/^error: unknown option --corpsu; did you mean --corpus\? \([^\n]+\)\n$/),
      });
    }
    const script = spawnCli('scripts/train.ts', ['../squad', '--evrey', '3']);
    expect(script).toEqual({
      status: 2,
      stdout: '',
      stderr: 'error: unknown option --evrey; did you mean --every? (npm run train -- --help lists every option)\n',
    });
  });
});
