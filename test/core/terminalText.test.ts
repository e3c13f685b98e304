import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main as ask } from '../../src/cli/ask.ts';
import { main as entity } from '../../src/cli/entity.ts';
import { jsonLine, terminalText } from '../../src/cli/terminalText.ts';
import { runInProcess, spawnCli } from './cliRun.ts';

const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-terminal-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ESC = '\u001b';
/** Recolours the terminal, retitles its window, and (one-byte CSI, U+009B) clears the screen. */
const HOSTILE = `${ESC}[31;1m${ESC}]0;pwned\u0007\u009b2J`;
/** A corpus whose text, title and one file name carry escape sequences. */
function hostileCorpus(): string {
  const dir = join(scratch, 'corpus');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'tides.txt'),
    `Tide tables ${HOSTILE}for Brest\n\nThe harbour master ${HOSTILE}Yann Le Goff publishes the tide tables of Brest every Monday morning.\n`,
  );
  writeFileSync(join(dir, `notes${ESC}[2J.txt`), Buffer.from([0, 1, 2, 3, 0, 0, 0, 0]));
  return dir;
}
/** Any control character a terminal acts on, but newline and tab. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what the test is for.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('what the CLI writes to a terminal', () => {
  it('shows control characters from the corpus as visible stand-ins, keeping newlines, tabs and a leading carriage return', () => {
    expect(terminalText(`a${ESC}[31mb\u0007c\u009bd\u007fe\r\nf\tg`)).toBe('a␛[31mb␇c\ufffdd␡e␍\nf\tg');
    expect(terminalText('\r1/4 reading [###]')).toBe('\r1/4 reading [###]');
  });

  it('writes JSON whose parsed text is verbatim and holds no raw control character', () => {
    const quote = `x${HOSTILE}y\u2028z`;
    const out = jsonLine({ quote });
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).not.toContain('\u2028');
    expect(JSON.parse(out)).toEqual({ quote });
  });

  it('never carries an escape sequence from a document or a file name to the output, as text or JSON', async () => {
    const corpus = hostileCorpus();
    const question = 'Who publishes the tide tables of Brest?';
    const text = await runInProcess(ask, ['--corpus', corpus, '--no-cache', question]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Yann Le Goff');
    expect(text.stdout).not.toMatch(RAW_CONTROL);
    expect(text.stderr).toContain(`warning: ${corpus}/notes␛[2J.txt: `);
    expect(text.stderr).not.toMatch(RAW_CONTROL);
    const json = await runInProcess(ask, ['--corpus', corpus, '--no-cache', '--json', question]);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json.stdout).quote).toContain('Yann Le Goff');
    const card = await runInProcess(entity, ['--corpus', corpus, '--no-cache', 'Yann Le Goff']);
    expect(card.stdout).not.toMatch(RAW_CONTROL);
  });

  it('holds in the process npm starts, on stdout and stderr alike', () => {
    const run = spawnCli('src/cli/ask.ts', ['--corpus', hostileCorpus(), '--no-cache', 'Who publishes the tide tables of Brest?']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Yann Le Goff');
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain('warning: ');
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });
});
