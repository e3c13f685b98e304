import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/ask.ts';
import { corpusChoiceOf } from '../../src/cli/loadEngine.ts';
import { runInProcess, spawnCli } from './cliRun.ts';

const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** One snapshot of the shipped corpus for the runs below, built by the first. */
const sharedCache = join(scratch, 'shared-cache');
const ask = (args: string[], input?: string) => runInProcess(main, ['--cache', sharedCache, ...args], { input });

describe('npm run ask', () => {
  it('prints the answer, the quote and the citation (as a separate process, the way npm runs it)', () => {
    const run = spawnCli('src/cli/ask.ts', ["who met Portugal's minister?"]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('Ali Abbasov');
    expect(lines[1]).toMatch(/^\(Answer (almost certainly|very likely|likely) right · quote [a-z ]+ holds it\)$/);
    expect(lines[2]).toMatch(/^> The Minister of State and Foreign Affairs/);
    expect(lines.at(-1)).toBe(
      '— "Azerbaijani ICT companies to join Europe and Africa markets trough Portugal" (001_84108df0aac265aa.txt, 2025-03-14)',
    );
  });

  it('prints one JSON object with the contract keys under --json', async () => {
    const run = await ask(['--json', "who met Portugal's minister?"]);
    expect(run.status).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(Object.keys(answer)).toEqual([
      'question',
      'interpreted',
      'answered',
      'answer',
      'answer_from',
      'quote',
      'quote_layout',
      'source',
      'confidence',
      'answer_confidence',
      'sentences',
    ]);
    expect(answer.interpreted).toBeNull();
    expect(answer.answer).toBe('Ali Abbasov');
    expect(answer.source).toMatchObject({ doc: '001_84108df0aac265aa', path: '001_84108df0aac265aa.txt', start: 78, end: 327 });
    expect(answer.sentences).toHaveLength(3);
    expect(Object.keys(answer.sentences[0])).toEqual(['text', 'doc', 'path', 'start', 'end', 'score']);
    expect(answer.confidence).toBeGreaterThan(0);
    expect(answer.confidence).toBeLessThanOrEqual(1);
    expect(answer.answer_confidence).toBeGreaterThan(0.5);
    expect(answer.answer_confidence).toBeLessThanOrEqual(1);
  });

  it('says "not in the corpus" and exits 0 when it abstains', async () => {
    const run = await ask(['Who won the 2018 FIFA World Cup?']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Not in the corpus/);
    const json = JSON.parse((await ask(['--json', 'Who won the 2018 FIFA World Cup?'])).stdout);
    expect(json).toMatchObject({ answered: false, answer: null, quote: null, source: null });
  });

  it('answers a batch in order, copying ids, with an error object for each bad line', async () => {
    const batch = join(scratch, 'batch.jsonl');
    writeFileSync(
      batch,
      [
        JSON.stringify({ id: 'a', question: "who met Portugal's minister?" }),
        'not json',
        JSON.stringify({ id: 'b', question: '' }),
        JSON.stringify({ id: 'c', question: 'What is AzerTelecom?', doc: '003_31b3e27154ee3997', top: 2 }),
        JSON.stringify({ id: 'd', question: 'What is AzerTelecom?', doc: 'no-such-doc' }),
      ].join('\n'),
    );
    const run = await ask(['--batch', batch]);
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id)).toEqual(['a', null, 'b', 'c', 'd']);
    expect(lines[0].answer).toBe('Ali Abbasov');
    expect(lines[1].error).toBe('line 2: not valid JSON');
    expect(lines[2].error).toMatch(/^The question is empty/);
    expect(lines[3].sentences).toHaveLength(2);
    expect(lines[3].sentences.every((sentence: { doc: string }) => sentence.doc === '003_31b3e27154ee3997')).toBe(true);
    expect(lines[4].error).toBe('line 5: no document with id no-such-doc');
  });

  it('answers a batch line with "after" as a follow-up to that earlier line, in its conversation', async () => {
    const lines = [
      { id: 'chair', question: 'Who is the chairman of AzerTelecom?' },
      { id: 'spoke', question: 'What did he speak about?', after: 'chair' },
      { id: 'cable', question: 'What will the cable contribute to?', after: 'spoke' },
      { id: 'alone', question: 'What did he speak about?' },
      { id: 'lost', question: 'What did he speak about?', after: 'nobody' },
      { id: 'later', question: 'Who is its chairman?', after: 'later' },
    ];
    const run = await ask(['--batch', '-'], lines.map((line) => JSON.stringify(line)).join('\n'));
    expect(run.status).toBe(0);
    const [chair, spoke, cable, alone, lost, later] = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(chair).toMatchObject({ id: 'chair', interpreted: null, answer: 'Fuad Allahverdiyev' });
    expect(spoke).toMatchObject({
      id: 'spoke',
      question: 'What did he speak about?',
      interpreted: 'What did Fuad Allahverdiyev speak about?',
    });
    expect(spoke.quote).toContain('Trans-Caspian Fiber Optic Cable');
    expect(cable.interpreted).toBe('What will the Trans-Caspian Fiber Optic Cable contribute to?');
    expect(alone.interpreted).toBeNull();
    const forgotten = '; a batch remembers the last 1000 conversations, each for 30 minutes after its last line';
    expect(lost).toEqual({ id: 'lost', error: `line 5: "after" names no earlier answered line (id "nobody")${forgotten}` });
    expect(later).toEqual({ id: 'later', error: `line 6: "after" names no earlier answered line (id "later")${forgotten}` });
  });

  it('reads a batch from standard input with -', async () => {
    const run = await ask(
      ['--batch', '-'],
      `${JSON.stringify({ id: 7, question: 'Which company connects Azerbaijan with the global Internet network?' })}\n`,
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 7, answer: 'AzerTelecom' });
  });

  it('answers from a saved snapshot, and rebuilds one that was corrupted, saying so in one line', async () => {
    const cache = join(scratch, 'cache');
    const question = "who met Portugal's minister?";
    expect((await ask(['--cache', cache, question])).stdout.split('\n')[0]).toBe('Ali Abbasov');
    const [snapshot] = readdirSync(cache);
    const documents = join(cache, snapshot!, 'documents.jsonl');
    writeFileSync(documents, readFileSync(documents, 'utf8').replace('Abbasov', 'Abbasoff'));
    const rebuilt = await ask(['--cache', cache, question]);
    expect(rebuilt.stdout.split('\n')[0]).toBe('Ali Abbasov');
    expect(rebuilt.stderr.split('\n').filter((line) => line.startsWith('snapshot'))).toHaveLength(1);
    expect(rebuilt.stderr).toMatch(/snapshot not used \(.*\); building from the corpus files/);
    expect((await ask(['--cache', cache, question])).stderr).not.toMatch(/snapshot not used/);
  });

  it('exits 2 with one line on stderr for bad usage and unreadable corpora', async () => {
    const noQuestion = await ask([]);
    expect(noQuestion.status).toBe(2);
    expect(noQuestion.stderr).toBe('error: no question given: npm run ask -- "QUESTION", or npm run chat to ask one after another\n');
    const missing = await ask(['--corpus', join(scratch, 'missing'), 'anything?']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      `error: corpus folder not found: ${join(scratch, 'missing')} (pass the folder of your documents: --corpus DIR)\n`,
    );
    const empty = await ask(['   ']);
    expect(empty.status).toBe(2);
    expect(empty.stderr.trim()).toMatch(/^error: The question is empty/);
  });
});

describe('npm run ask, given odd input', () => {
  it('keeps the first line of a batch file that starts with a UTF-8 byte-order mark', async () => {
    const batch = join(scratch, 'bom.jsonl');
    writeFileSync(batch, `\uFEFF${JSON.stringify({ id: 'first', question: "who met Portugal's minister?" })}\n`);
    const run = await ask(['--batch', batch]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 'first', answer: 'Ali Abbasov' });
  });

  it('exits 2 with "no document with id" for --doc naming no document, as a batch line says', async () => {
    const run = await ask(['--doc', 'no-such-doc', 'What is AzerTelecom?']);
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'error: no document with id no-such-doc\n' });
    const known = await ask(['--json', '--doc', '003_31b3e27154ee3997', 'What is AzerTelecom?']);
    expect(known.status).toBe(0);
    expect(JSON.parse(known.stdout).source.doc).toBe('003_31b3e27154ee3997');
  });

  it('says what is wrong with a negative or fractional --top, instead of calling it ambiguous', async () => {
    for (const top of ['-1', '0', '1.5', 'three']) {
      const run = await ask(['--top', top, 'What is AzerTelecom?']);
      expect(run, top).toEqual({ status: 2, stdout: '', stderr: `error: --top must be a positive whole number, got ${top}\n` });
    }
    expect((await ask(['--top', '2', '--json', 'What is AzerTelecom?'])).status).toBe(0);
  });
});

describe('the corpus folder options', () => {
  it('follows links out of the folder only when --follow-links or CORPUS_FOLLOW_LINKS says so, the flag first', () => {
    expect(corpusChoiceOf({}, {}).folder).toEqual({ followLinks: false, baseUrl: null });
    expect(corpusChoiceOf({}, { CORPUS_FOLLOW_LINKS: '1' }).folder).toMatchObject({ followLinks: true });
    expect(corpusChoiceOf({ 'follow-links': true }, { CORPUS_FOLLOW_LINKS: 'off' }).folder).toMatchObject({ followLinks: true });
    expect(() => corpusChoiceOf({}, { CORPUS_FOLLOW_LINKS: 'maybe' })).toThrow(
      'CORPUS_FOLLOW_LINKS must be 1/true/on or 0/false/off (got "maybe")',
    );
  });
});
