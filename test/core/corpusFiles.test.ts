import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { CorpusWarning } from '../../src/corpus/types.ts';
import { Engine } from '../../src/index.ts';
import { defaultOptions } from '../../src/options.ts';

const HARBOUR = 'Harbour news\n\nThe harbour of Baku opened a new ferry terminal in 2020.\n';

let scratch: string;
let corpus: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-files-'));
  corpus = join(scratch, 'corpus');
  mkdirSync(join(corpus, 'notes'), { recursive: true });
  writeFileSync(join(corpus, 'notes', 'harbour.txt'), HARBOUR);
  writeFileSync(join(scratch, 'secret.txt'), 'Secrets\n\nDISCORD_TOKEN is MTEwSECRETtoken and the vault code is 4242.\n');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function load(dir: string, options: Partial<typeof defaultOptions> = {}) {
  const warnings: CorpusWarning[] = [];
  const { documents } = await loadCorpus(dir, { ...defaultOptions, ...options, onWarning: (warning) => warnings.push(warning) });
  return { documents, warnings: warnings.map((warning) => `${warning.path}: ${warning.reason}`) };
}

describe('links and special files in the corpus folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = join(scratch, 'linked');
    mkdirSync(dir);
    writeFileSync(join(dir, 'harbour.txt'), HARBOUR);
    symlinkSync(join(scratch, 'secret.txt'), join(dir, 'settings.txt'));
    symlinkSync(join(dir, 'harbour.txt'), join(dir, 'alias.txt'));
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'broken.txt'));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
  });

  it('skips a link to a file outside the corpus folder with one warning, and serves links inside it', async () => {
    const { documents, warnings } = await load(dir);
    expect(documents.map((document) => document.id)).toEqual(['alias', 'harbour']);
    expect(warnings).toEqual([
      `${join(dir, 'broken.txt')}: broken link, skipped`,
      `${join(dir, 'pipe.txt')}: not a regular file (a FIFO, socket or device), skipped`,
      `${join(dir, 'settings.txt')}: link to a file outside the corpus folder, skipped (--follow-links or CORPUS_FOLLOW_LINKS=1 serves it)`,
    ]);
  });

  it('never quotes the linked file, whatever the question', async () => {
    const engine = await Engine.fromFolder(dir);
    expect(engine.answer('What is the vault code?').quote ?? '').not.toContain('4242');
    expect(engine.documents.map((document) => document.title)).not.toContain('Secrets');
  });

  it('serves a link out of the folder when the operator opts in', async () => {
    const { documents } = await load(dir, { followLinks: true });
    expect(documents.map((document) => document.id)).toEqual(['alias', 'harbour', 'settings']);
  });

  it('skips a FIFO, or a link to one, without waiting on it', async () => {
    const fifoDir = join(scratch, 'fifo');
    mkdirSync(fifoDir);
    writeFileSync(join(fifoDir, 'harbour.txt'), HARBOUR);
    execFileSync('mkfifo', [join(fifoDir, 'queue.md')]);
    symlinkSync(join(fifoDir, 'queue.md'), join(fifoDir, 'queue-link.txt'));
    const { documents, warnings } = await load(fifoDir);
    expect(documents.map((document) => document.id)).toEqual(['harbour']);
    expect(warnings).toEqual([
      `${join(fifoDir, 'queue-link.txt')}: link to something that is not a regular file, skipped`,
      `${join(fifoDir, 'queue.md')}: not a regular file (a FIFO, socket or device), skipped`,
    ]);
  });
});

describe('encodings and sizes', () => {
  let dir: string;
  beforeAll(() => {
    dir = join(scratch, 'encodings');
    mkdirSync(dir);
    writeFileSync(join(dir, 'bom.txt'), `\ufeff${HARBOUR}`);
    writeFileSync(
      join(dir, 'utf16le.txt'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Cable news\n\nThe Caspian cable reached Aktau in 2023.\n', 'utf16le')]),
    );
    const bigEndian = Buffer.from('Rail news\n\nThe new railway to Kars carries 5 million tonnes.\n', 'utf16le').swap16();
    writeFileSync(join(dir, 'utf16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian]));
    writeFileSync(join(dir, 'unmarked16.txt'), Buffer.from('Unmarked news\n\nThis file has no byte-order mark at all.\n', 'utf16le'));
    // A 3 GB file that takes no disk space: reading it whole would fail (Node reads at most 2 GiB at once).
    const fd = openSync(join(dir, 'huge.txt'), 'w');
    ftruncateSync(fd, 3 * 1024 ** 3);
    closeSync(fd);
  });

  it('quotes a file that starts with a byte-order mark at the offsets of the file as read', async () => {
    const engine = await Engine.fromFolder(dir);
    const answer = engine.answer('When did the harbour of Baku open a ferry terminal?');
    expect(answer.quote).toBe('The harbour of Baku opened a new ferry terminal in 2020.');
    const fileText = readFileSync(join(dir, 'bom.txt'), 'utf8');
    expect(fileText.slice(answer.source!.start, answer.source!.end)).toBe(answer.quote);
    expect(engine.document('bom')?.title).toBe('Harbour news');
  });

  it('reads UTF-16 files with a byte-order mark and names the ones without', async () => {
    const { documents, warnings } = await load(dir);
    expect(documents.map((document) => [document.id, document.title])).toEqual([
      ['bom', 'Harbour news'],
      ['utf16be', 'Rail news'],
      ['utf16le', 'Cable news'],
    ]);
    expect(documents[2]!.passages[0]!.text).toBe('The Caspian cable reached Aktau in 2023.');
    expect(warnings).toContain(`${join(dir, 'unmarked16.txt')}: UTF-16 text without a byte-order mark, skipped (re-save it as UTF-8)`);
  });

  it('skips a huge file as too large from its size, without reading it', async () => {
    const { warnings } = await load(dir);
    expect(warnings).toContain(`${join(dir, 'huge.txt')}: larger than 32 MiB, skipped`);
  });
});

describe('paths in citations', () => {
  it('cites the path inside the corpus folder, never the folder the server keeps it in', async () => {
    const engine = await Engine.fromFolder(corpus);
    const answer = engine.answer('When did the harbour of Baku open a ferry terminal?');
    expect(answer.source?.path).toBe('notes/harbour.txt');
    expect(answer.sentences[0]?.path).toBe('notes/harbour.txt');
    expect(JSON.stringify(answer)).not.toContain(scratch);
  });
});
