import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusWarning } from '../../src/corpus/corpusDocument.ts';
import { documentIds } from '../../src/corpus/documentIds.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { Engine } from '../../src/index.ts';
import { defaultOptions } from '../../src/options.ts';
import { loadOrBuildEngine } from '../../src/snapshot/cachedEngine.ts';
import { LiveEngine } from '../../src/watch/liveEngine.ts';

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

describe('a folder replaced by a link while the corpus is read', () => {
  it('never serves a file from outside the corpus folder through it, and says so', async () => {
    const dir = join(scratch, 'swapped');
    const outside = join(scratch, 'elsewhere');
    mkdirSync(join(dir, 'notes'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(dir, 'notes', 'harbour.txt'), HARBOUR);
    writeFileSync(join(outside, 'harbour.txt'), 'Secrets\n\nThe vault code is 4242, and the harbour master keeps it.\n');
    const warnings: string[] = [];
    // Listed while `notes` was a folder; swapped for a link to another folder just before its file is opened.
    const engine = await Engine.fromFolder(dir, {
      onWarning: (warning) => warnings.push(`${warning.path}: ${warning.reason}`),
      onFileRead: (path) => {
        if (path !== 'notes/harbour.txt') return;
        renameSync(join(dir, 'notes'), join(dir, 'old-notes'));
        symlinkSync(outside, join(dir, 'notes'));
      },
    });
    expect(engine.documents.map((document) => document.text)).toEqual([]);
    expect(engine.answer('What is the vault code?').quote ?? '').not.toContain('4242');
    expect(warnings).toEqual([
      `${join(dir, 'notes', 'harbour.txt')}: opened outside the corpus folder, skipped (--follow-links or CORPUS_FOLLOW_LINKS=1 serves it)`,
    ]);
  });
});

describe('a subfolder that cannot be read', () => {
  it('is skipped with one warning, and the rest of the corpus is served', () => {
    const dir = join(scratch, 'locked');
    mkdirSync(join(dir, 'private'), { recursive: true });
    writeFileSync(join(dir, 'harbour.txt'), HARBOUR);
    writeFileSync(join(dir, 'private', 'minutes.txt'), 'Minutes\n\nThe board met on Monday.\n');
    chmodSync(join(dir, 'private'), 0o000);
    try {
      expect(loadAsUnprivilegedUser(dir)).toEqual({
        ids: ['harbour'],
        warnings: [`${join(dir, 'private')}: unreadable folder (EACCES), skipped`],
      });
    } finally {
      chmodSync(join(dir, 'private'), 0o755);
    }
  });
});

/**
 * What loading `dir` serves and warns, read by a user whom folder permissions bind: root reads every
 * folder, so under root the load runs in a child process as the unprivileged user `nobody`.
 */
function loadAsUnprivilegedUser(dir: string): { ids: string[]; warnings: string[] } {
  const script = join(scratch, 'load-corpus.mts');
  const loader = resolve(import.meta.dirname, '../../src/corpus/loadCorpus.ts');
  const options = resolve(import.meta.dirname, '../../src/options.ts');
  writeFileSync(
    script,
    `import { loadCorpus } from ${JSON.stringify(loader)};
import { defaultOptions } from ${JSON.stringify(options)};
const warnings = [];
const { documents } = await loadCorpus(process.argv[2], { ...defaultOptions, onWarning: (w) => warnings.push(\`\${w.path}: \${w.reason}\`) });
console.log(JSON.stringify({ ids: documents.map((d) => d.id), warnings }));
`,
  );
  chmodSync(scratch, 0o755);
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const output = execFileSync(process.execPath, ['--import', 'tsx', script, dir], { encoding: 'utf8', ...asNobody });
  return JSON.parse(output) as { ids: string[]; warnings: string[] };
}

describe('files that share a name and differ in extension', () => {
  const fixtures = join(import.meta.dirname, '../fixtures/documents');
  let dir: string;
  beforeAll(() => {
    dir = join(scratch, 'same-name');
    mkdirSync(join(dir, 'notes'), { recursive: true });
    copyFileSync(join(fixtures, 'reports', 'annual.pdf'), join(dir, 'report.pdf'));
    copyFileSync(join(fixtures, 'ferry-memo.docx'), join(dir, 'report.docx'));
    writeFileSync(join(dir, 'notes', 'report.md'), '# Harbour notes\n\nThe harbour of Baku opened a new ferry terminal in 2020.\n');
  });

  it('serves both, each citable under its own id, the same at every start', async () => {
    const engine = await Engine.fromFolder(dir);
    expect(engine.documents.map((document) => [document.id, document.path])).toEqual([
      ['notes/report', 'notes/report.md'],
      ['report', 'report.docx'],
      ['report.pdf', 'report.pdf'],
    ]);
    const fromPdf = engine.answer('When was the new breakwater completed?', { doc: 'report.pdf' });
    expect(fromPdf.quote).toBe('The new breakwater was completed in October at a cost of 96 million manats.');
    expect(fromPdf.source).toMatchObject({ doc: 'report.pdf', path: 'report.pdf' });
    expect(engine.answer('How much does a cabin for two cost?', { doc: 'report' }).source).toMatchObject({ path: 'report.docx' });
    const cache = join(scratch, 'same-name-cache');
    const built = await loadOrBuildEngine(dir, { cacheDir: cache });
    const restarted = await loadOrBuildEngine(dir, { cacheDir: cache });
    expect(restarted.fromSnapshot).toBe(true);
    expect(restarted.engine.documents.map((document) => document.id)).toEqual(built.engine.documents.map((document) => document.id));
    expect(built.engine.documents.map((document) => document.id)).toEqual(['notes/report', 'report', 'report.pdf']);
  });

  it('adds the second one in a live reload, never dropping either', async () => {
    const live = await LiveEngine.open(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'report.txt'), 'Ferry notes\n\nThe ferry to Aktau leaves Baku at ten in the evening.\n');
    try {
      const report = await live.reload();
      expect(report).toMatchObject({ added: ['report.txt'], changed: [], removed: [] });
      expect(live.engine.documents.map((document) => [document.id, document.path])).toEqual([
        ['report', 'report.md'],
        ['report.txt', 'report.txt'],
      ]);
      expect(live.engine.answer('When does the ferry to Aktau leave Baku?').source?.path).toBe('report.txt');
    } finally {
      rmSync(join(dir, 'notes', 'report.txt'));
    }
  });

  it('gives the plain id to the first in name order and the path to the others, never one id twice', () => {
    expect(documentIds(['a.pdf', 'a.pdf.txt', 'a.txt', 'b/a.md'])).toEqual(['a', 'a.pdf', 'a.txt', 'b/a']);
    expect(documentIds(['a.md', 'a.txt', 'a.txt.md'])).toEqual(['a', 'a.txt~2', 'a.txt']);
  });
});

describe('control characters in a text file', () => {
  it('blanks NUL, escape sequences and other control characters anywhere, every quote still at its offset', async () => {
    const dir = join(scratch, 'controls');
    mkdirSync(dir);
    const filler = 'The port authority publishes its timetable every spring. '.repeat(160);
    const line = 'The ferry \u001b[31mto Aktau\u001b[0m leaves at ten\u0000\u0000 in the evening\u0007.';
    const title = '\u001b]0;owned\u0007Ferry news';
    writeFileSync(join(dir, 'ferry.txt'), `${title}\n\n${filler}\n\n${line}\n`);
    expect(Buffer.byteLength(filler)).toBeGreaterThan(8192);
    const engine = await Engine.fromFolder(dir);
    const fileText = readFileSync(join(dir, 'ferry.txt'), 'utf8');
    const document = engine.document('ferry')!;
    expect(document.text.length).toBe(fileText.length);
    let blanked = fileText;
    for (const run of ['\u001b]0;owned\u0007', '\u001b[31m', '\u001b[0m', '\u0000', '\u0007'])
      blanked = blanked.replaceAll(run, ' '.repeat(run.length));
    expect(document.text).toBe(blanked);
    expect(document.title).toBe('Ferry news');
    const answer = engine.answer('When does the ferry to Aktau leave?');
    expect(answer.quote).toBe('The ferry      to Aktau     leaves at ten   in the evening .');
    expect(document.text.slice(answer.source!.start, answer.source!.end)).toBe(answer.quote);
    expect(JSON.stringify(engine.documents)).not.toMatch(/\\u00(?:0[0-8bcef]|1[0-9a-f]|7f)/);
  });
});
