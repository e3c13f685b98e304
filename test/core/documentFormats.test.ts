import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/corpus/buildDocument.ts';
import { citationOf } from '../../src/corpus/citation.ts';
import { urlForPath } from '../../src/corpus/documentUrl.ts';
import { readDocx } from '../../src/corpus/formats/docx.ts';
import { readHtml } from '../../src/corpus/formats/html.ts';
import { readMarkdown } from '../../src/corpus/formats/markdown.ts';
import { readPdf } from '../../src/corpus/formats/pdf.ts';
import { readPlainText } from '../../src/corpus/formats/plainText.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { Engine } from '../../src/index.ts';
import { defaultOptions } from '../../src/options.ts';
import { decodeDocument, encodeDocument } from '../../src/snapshot/encode.ts';

const fixtures = join(import.meta.dirname, '../fixtures');
const documents = join(fixtures, 'documents');
const fixture = (path: string) => readFileSync(join(documents, path));

describe('reading Markdown', () => {
  const read = readMarkdown(fixture('guide/setup.md').toString('utf8'));

  it('keeps prose, list items, table rows and code blocks verbatim; drops front matter, comments, images and link targets', () => {
    expect(read.text).toBe(
      [
        'Tide gauge server',
        'The tide gauge server collects sea level readings from the harbour sensors and publishes them every ten minutes. It runs on any Linux machine with Node.js 20 or later.',
        'Installing',
        'Download the release archive from the project page.',
        'Unpack it into /opt/tides and run npm ci there.',
        'Copy config.example.toml to config.toml and set the station name.',
        'tar xzf tides-2.4.0.tar.gz -C /opt/tides\nnpm run deploy-commands',
        'Sensor ports',
        'Sensor: Radar gauge; Port: /dev/ttyUSB0; Baud rate: 9600.',
        'Sensor: Pressure gauge; Port: /dev/ttyUSB1; Baud rate: 19200.',
        'The radar gauge must be calibrated by the harbour master before its first reading is published. See the calibration notes for the procedure.',
        'Troubleshooting',
        'If no readings arrive, check that the user tides belongs to the dialout group.',
        'Readings older than one hour are marked as stale.',
      ].join('\n\n'),
    );
  });

  it('takes title, date, URL and author from the front matter', () => {
    expect([read.format, read.title, read.date, read.url, read.author]).toEqual([
      'markdown',
      'Setting up the tide gauge server',
      '2024-03-18',
      'https://docs.example.org/tides/guide/setup',
      'Marta Quiroga',
    ]);
  });

  it('locates each block by its line in the file and its section', () => {
    const at = (text: string) =>
      citationOf(buildDocument('setup', 'guide/setup.md', read, defaultOptions), spanOf(read.text, text)).location;
    expect(at('Sensor: Pressure gauge; Port: /dev/ttyUSB1; Baud rate: 19200.')).toEqual({
      line: 34,
      section: 'Sensor ports',
      anchor: 'sensor-ports',
    });
    expect(at('Readings older than one hour are marked as stale.')).toEqual({
      line: 42,
      section: 'Troubleshooting',
      anchor: 'troubleshooting',
    });
  });

  it('uses the first heading as the title without front matter, and quotes no heading', () => {
    const document = buildDocument(
      'notes',
      'notes.md',
      readMarkdown('## Notes\n\n# Harbour notes\n\nThe quay is 400 metres long.\n'),
      defaultOptions,
    );
    expect(document.title).toBe('Harbour notes');
    expect(document.passages.map((passage) => passage.text)).toEqual(['The quay is 400 metres long.']);
  });
});

describe('reading HTML', () => {
  const read = readHtml(fixture('ferry-terminal.html').toString('utf8'));

  it('keeps the article and its code blocks, and leaves out navigation, header, aside, footer and scripts', () => {
    expect(read.text).toBe(
      [
        'Ferry terminal opens in Baku',
        'By Leyla Aliyeva · 2 May 2024',
        'The port of Baku opened a new ferry terminal on Thursday. The terminal can handle two million tonnes of cargo a year, the port authority said in a statement.',
        'Capacity and trade',
        'Officials expect the terminal to double trade with Kazakhstan within five years. Trucks will board ferries to Aktau directly from the new quay, cutting waiting times from days to hours.',
        'Two new berths for rail ferries',
        'A customs hall open day and night',
        'Route: Baku to Aktau; Crossings a week: 12.',
        'Route: Baku to Turkmenbashi; Crossings a week: 8.',
        'History',
        'The old terminal, built in 1902, will become a maritime museum. It served passengers for more than a century before it closed in 2018.',
        "trackReader('ferry-terminal');",
      ].join('\n\n'),
    );
    expect(read.blocks?.at(-1)).toMatchObject({ kind: 'code', language: null });
    expect(read.blocks?.slice(0, 2).map((block) => block.kind)).toEqual(['heading', 'boilerplate']);
  });

  it('finds the main text with Readability when the page marks no article', () => {
    const page = `<html><head><title>Rail link | Caspian News</title></head><body>
      <div class="menu"><a href="/">Home</a> | <a href="/rail">Rail</a> | <a href="/sea">Sea</a></div>
      <div id="story"><div class="story-body">
        <p>The railway between Baku and Kars carried five million tonnes of freight last year, twice as much as the year
          before, the operator said on Monday.</p>
        <p>Most of the freight was grain and cotton bound for Turkish ports. The operator plans a second track by 2027,
          which would let passenger trains run every day.</p>
      </div></div>
      <div class="footer">Copyright 2024 Caspian News. Contact us. Advertise with us.</div></body></html>`;
    const read = readHtml(page);
    expect(read.text).toBe(
      [
        'The railway between Baku and Kars carried five million tonnes of freight last year, twice as much as the year before, the operator said on Monday.',
        'Most of the freight was grain and cotton bound for Turkish ports. The operator plans a second track by 2027, which would let passenger trains run every day.',
      ].join('\n\n'),
    );
    expect(read.title).toBe('Rail link | Caspian News');
  });

  it('takes the canonical URL, the published date, the author and the title', () => {
    expect([read.format, read.title, read.date, read.url, read.author]).toEqual([
      'html',
      'Ferry terminal opens in Baku',
      '2024-05-02',
      'https://news.example.org/2024/05/ferry-terminal-opens',
      'Leyla Aliyeva',
    ]);
  });

  it('locates text by the id of the heading above it', () => {
    expect(read.locations).toEqual([
      { start: 0, section: 'Ferry terminal opens in Baku' },
      { start: read.text.indexOf('Capacity and trade'), section: 'Capacity and trade', anchor: 'capacity' },
      { start: read.text.indexOf('History'), section: 'History', anchor: 'history' },
    ]);
  });
});

describe('reading PDF', () => {
  let read: Awaited<ReturnType<typeof readPdf>>;
  beforeAll(async () => {
    read = await readPdf(fixture('reports/annual.pdf'));
  });

  it('joins lines into paragraphs, mends words hyphenated at a line end, and marks where each page starts', () => {
    expect(read.text).toBe(
      [
        'Harbour Authority Annual Report 2023',
        'In 2023 the harbour handled 4.2 million tonnes of cargo, a rise of eight per cent on the year before. Container traffic grew fastest, driven by new routes to Aktau and Turkmenbashi.',
        'The authority employed 1,250 people at the end of the year.',
        'The new breakwater was completed in October at a cost of 96 million manats. It protects the western basin from winter storms.',
        'Dredging of the approach channel to a depth of 12 metres will begin in the spring of 2024.',
      ].join('\n\n'),
    );
    expect(read.locations).toEqual([
      { start: 0, page: 1 },
      { start: read.text.indexOf('The new breakwater'), page: 2 },
    ]);
  });

  it("takes title, author and date from the PDF's metadata", () => {
    expect([read.format, read.title, read.date, read.author]).toEqual([
      'pdf',
      'Harbour Authority Annual Report 2023',
      '2024-02-15',
      'Harbour Authority of Baku',
    ]);
  });
});

describe('reading Word documents', () => {
  it('keeps paragraphs and table rows, the Title style as the title', async () => {
    const read = await readDocx(fixture('ferry-memo.docx'));
    expect(read.text).toBe(
      [
        'Ferry timetable changes for the winter season',
        'From 1 November the ferry to Aktau will leave Baku at 22:00 instead of 18:00, the shipping company announced.',
        'Fares',
        'A cabin for two now costs 120 manats; a place for a car costs 90 manats.',
        'Route: Baku to Aktau; Departures a week: 4.',
        'Route: Baku to Turkmenbashi; Departures a week: 3.',
        'Tickets can be bought at the port office on Neftchilar Avenue.',
      ].join('\n\n'),
    );
    expect(read.title).toBe('Ferry timetable changes for the winter season');
  });
});

describe('a corpus of every format', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.fromFolder(documents, { baseUrl: 'https://docs.example.org/tides' });
  });

  it.each([
    [
      'Which port does the pressure gauge use?',
      'guide/setup.md',
      'Sensor: Pressure gauge; Port: /dev/ttyUSB1; Baud rate: 19200.',
      'https://docs.example.org/tides/guide/setup#sensor-ports',
      { line: 34, section: 'Sensor ports', anchor: 'sensor-ports' },
    ],
    [
      'Who must calibrate the radar gauge?',
      'guide/setup.md',
      'The radar gauge must be calibrated by the harbour master before its first reading is published.',
      'https://docs.example.org/tides/guide/setup#sensor-ports',
      { line: 36, section: 'Sensor ports', anchor: 'sensor-ports' },
    ],
    [
      'When was the old terminal built?',
      'ferry-terminal.html',
      'The old terminal, built in 1902, will become a maritime museum.',
      'https://news.example.org/2024/05/ferry-terminal-opens#history',
      { section: 'History', anchor: 'history' },
    ],
    [
      'How much cargo can the new ferry terminal handle a year?',
      'ferry-terminal.html',
      'The terminal can handle two million tonnes of cargo a year, the port authority said in a statement.',
      'https://news.example.org/2024/05/ferry-terminal-opens',
      { section: 'Ferry terminal opens in Baku' },
    ],
    [
      'When was the new breakwater completed?',
      'reports/annual.pdf',
      'The new breakwater was completed in October at a cost of 96 million manats.',
      'https://docs.example.org/tides/reports/annual#page=2',
      { page: 2 },
    ],
    [
      'How much cargo did the harbour handle in 2023?',
      'reports/annual.pdf',
      'In 2023 the harbour handled 4.2 million tonnes of cargo, a rise of eight per cent on the year before.',
      'https://docs.example.org/tides/reports/annual#page=1',
      { page: 1 },
    ],
    [
      'How much does a cabin for two cost?',
      'ferry-memo.docx',
      'A cabin for two now costs 120 manats; a place for a car costs 90 manats.',
      'https://docs.example.org/tides/ferry-memo',
      { section: 'Fares' },
    ],
    [
      'How many departures a week does the ferry from Baku to Turkmenbashi have?',
      'ferry-memo.docx',
      'Route: Baku to Turkmenbashi; Departures a week: 3.',
      'https://docs.example.org/tides/ferry-memo',
      { section: 'Fares' },
    ],
  ])('answers %j from %s with its link', (question, path, quote, url, location) => {
    const answer = engine.answer(question);
    expect(answer.answered).toBe(true);
    expect(answer.quote).toBe(quote);
    expect(answer.source).toMatchObject({ path, url, location });
  });

  it('gives the short answers the sentences hold', () => {
    expect(engine.answer('When was the old terminal built?').answer).toBe('1902');
    expect(engine.answer('When was the new breakwater completed?').answer).toBe('October');
    expect(engine.answer('How much does a cabin for two cost?').answer).toBe('120 manats');
  });

  it('quotes every sentence as the stored text at its offsets', () => {
    for (const question of [
      'Which port does the pressure gauge use?',
      'When was the old terminal built?',
      'How deep will the approach channel be dredged?',
    ]) {
      const answer = engine.answer(question, { top: 10 });
      const text = (doc: string) => engine.document(doc)!.text;
      expect(text(answer.source!.doc).slice(answer.source!.start, answer.source!.end)).toBe(answer.quote);
      for (const sentence of answer.sentences) expect(text(sentence.doc).slice(sentence.start, sentence.end)).toBe(sentence.text);
    }
    for (const document of engine.documents) {
      for (const passage of document.passages) {
        for (const sentence of passage.sentences) expect(document.text.slice(sentence.start, sentence.end)).toBe(sentence.text);
      }
    }
  });

  it('keeps the extracted text, metadata and locations through a snapshot', () => {
    for (const document of engine.documents) expect(decodeDocument(encodeDocument(document))).toEqual(document);
  });
});

describe('odd files', () => {
  it('skips a truncated PDF, a scanned PDF, a zip that is not a Word document and HTML without a body, one warning each', async () => {
    const warnings: string[] = [];
    const odd = join(fixtures, 'odd');
    const { documents: served } = await loadCorpus(odd, {
      ...defaultOptions,
      onWarning: (warning) => warnings.push(`${warning.path}: ${warning.reason}`),
    });
    expect(served.map((document) => document.id)).toEqual(['harbour']);
    expect(warnings).toEqual([
      `${join(odd, 'no-body.html')}: HTML without text in its body, skipped`,
      `${join(odd, 'not-word.docx')}: not a readable Word document (Could not find main document part. Are you sure this is a valid .docx file?), skipped`,
      `${join(odd, 'scanned.pdf')}: PDF without a text layer (a scan?); run it through OCR first, skipped`,
      `${join(odd, 'truncated.pdf')}: damaged PDF (Invalid PDF structure.), skipped`,
    ]);
  });
});

describe('links and long sentences', () => {
  it('maps a file path to the page a docs site publishes it at', () => {
    expect(urlForPath('https://example.org/', 'guide/setup.md')).toBe('https://example.org/guide/setup');
    expect(urlForPath('https://example.org/docs/', 'guide/index.md')).toBe('https://example.org/docs/guide/');
    expect(urlForPath('https://example.org/', 'notes/ferry times.txt')).toBe('https://example.org/notes/ferry%20times');
  });

  it('marks the pieces of a sentence cut for length, so the quote shows where it goes on', () => {
    const clause = 'the committee reviewed clause number 4 about harbour dues and berth fees';
    const sentence = `In its long session ${Array.from({ length: 12 }, () => clause).join(' and ')}.`;
    const document = buildDocument('minutes', 'minutes.txt', readPlainText(`Minutes\n\n${sentence}\n`), defaultOptions);
    const pieces = document.passages.flatMap((passage) => passage.sentences);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((piece) => piece.text.length <= defaultOptions.maxSentenceChars)).toBe(true);
    expect(pieces.map((piece) => citationOf(document, piece).elided)).toEqual([
      'after',
      ...Array.from({ length: pieces.length - 2 }, () => 'both'),
      'before',
    ]);
    expect(decodeDocument(encodeDocument(document))).toEqual(document);
  });
});

function spanOf(text: string, part: string): { start: number; end: number } {
  const start = text.indexOf(part);
  if (start < 0) throw new Error(`not in the text: ${part}`);
  return { start, end: start + part.length };
}
