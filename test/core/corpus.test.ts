import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKind } from '../../src/corpus/blockKind.ts';
import type { CorpusDocument } from '../../src/corpus/corpusDocument.ts';
import { findDate } from '../../src/corpus/dates.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { CorpusError } from '../../src/errors.ts';
import { defaultOptions } from '../../src/options.ts';

describe('loading the shipped corpus', () => {
  let documents: CorpusDocument[];
  beforeAll(async () => {
    ({ documents } = await loadCorpus('corpus', defaultOptions));
  });
  const byId = (id: string) => documents.find((document) => document.id === id)!;

  it('names documents by their path without extension and cites the path inside the corpus folder', () => {
    expect(documents.map((document) => document.id)).toEqual([
      '000_f68f3fbda75e491a',
      '001_84108df0aac265aa',
      '002_b4e39bc22c88a020',
      '003_31b3e27154ee3997',
    ]);
    expect(byId('001_84108df0aac265aa').path).toBe('001_84108df0aac265aa.txt');
  });

  it('takes the headline as the title, skipping a slogan in another language', () => {
    expect(byId('001_84108df0aac265aa').title).toBe('Azerbaijani ICT companies to join Europe and Africa markets trough Portugal');
    expect(byId('002_b4e39bc22c88a020').title).toBe(
      'Azerbaijani delegation participates in 9th Meeting of Internet Governance Forum in Istanbul',
    );
    expect(byId('001_84108df0aac265aa').titleFromLead).toBe(false);
  });

  it('derives a title from the lead sentence when the file has no headline', () => {
    expect(byId('000_f68f3fbda75e491a').title).toBe(
      "Iran's Minister of Information and Communication Technology (ICT) asked Turkish Minister of…",
    );
    expect(byId('003_31b3e27154ee3997').title).toBe('The digital submarine infrastructure project through the bottom of the Caspian Sea…');
    expect(byId('003_31b3e27154ee3997').titleFromLead).toBe(true);
  });

  it('reads the date from datelines and stamps, and none when the text carries none', () => {
    expect(byId('001_84108df0aac265aa').date).toBe('2025-03-14');
    expect(byId('003_31b3e27154ee3997').date).toBe('2021-03-05');
    expect(byId('000_f68f3fbda75e491a').date).toBeNull();
  });

  it('keeps boilerplate out of every passage', () => {
    const indexed = documents.flatMap((document) => document.passages.map((passage) => passage.text)).join('\n');
    for (const boilerplate of [
      'Views: 1752',
      'Follow us on Twitter',
      'All rights reserved',
      'By Trend',
      'Facebook Google Favorites',
      '14 March 2025 15:14:49',
      'Trend:',
      '---',
    ]) {
      expect(indexed).not.toContain(boilerplate);
    }
    expect(indexed).toContain('AzerTelecom is a telecommunications operator in Azerbaijan.');
  });

  it('keeps every passage and sentence verbatim at its offsets in the original file', () => {
    for (const document of documents) {
      for (const passage of document.passages) {
        expect(document.text.slice(passage.start, passage.end)).toBe(passage.text);
        for (const sentence of passage.sentences) expect(document.text.slice(sentence.start, sentence.end)).toBe(sentence.text);
      }
    }
  });

  it('keeps initials and honorifics inside one sentence', () => {
    const sentences = byId('001_84108df0aac265aa').passages.flatMap((passage) => passage.sentences.map((sentence) => sentence.text));
    expect(sentences).toContain(
      'During the meeting A.Abbasov and P.Portas also exchanged their opinions on expanding Azerbaijan-Portugal relations in ICT sphere and perspectives for the future.',
    );
  });
});

describe('boilerplate and date rules', () => {
  it('tells boilerplate, metadata and foreign blocks from content', () => {
    expect(blockKind('Views: 1752')).toBe('boilerplate');
    expect(blockKind('By Trend')).toBe('boilerplate');
    expect(blockKind('Follow us on Twitter @AzerNewsAz')).toBe('boilerplate');
    expect(blockKind('©ictnews.az. All rights reserved.')).toBe('boilerplate');
    expect(blockKind('Share: Facebook Twitter WhatsApp Telegram')).toBe('boilerplate');
    expect(blockKind('13 03 2025')).toBe('metadata');
    expect(blockKind('Tuesday, 5 March 2024, 10:12')).toBe('metadata');
    expect(blockKind('Prezident İlham Əliyev:İnformasiya və kommunikasiya texnologiyalari sahəsi sürətlə inkişaf edir.')).toBe('foreign');
    expect(blockKind('By the end of the year, the company will have hired 300 engineers in Baku.')).toBe('content');
  });

  it('reads dates in the usual news formats and rejects impossible ones', () => {
    expect(findDate('14 March 2025 15:14:49')).toBe('2025-03-14');
    expect(findDate('date 2021-03-05 BAKU')).toBe('2021-03-05');
    expect(findDate('Mar. 5, 2021')).toBe('2021-03-05');
    expect(findDate('31 02 2025')).toBeNull();
    expect(findDate('no date here')).toBeNull();
  });
});

describe('bad corpus files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-qa-bad-'));
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'good.txt'), 'A good headline\n\nThe harbour of Baku opened a new ferry terminal in 2020.\n');
    writeFileSync(join(dir, 'nested', 'deep.md'), 'Nested notes\n\nThe ferry terminal handles two million tonnes a year.\n');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
    writeFileSync(join(dir, 'empty.txt'), '  \n\n ');
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 au lait in Montr\xe9al.', 'latin1'));
    writeFileSync(join(dir, 'fake.pdf'), 'not a PDF at all');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('skips binary, empty, non-UTF-8 and damaged files with one warning each and serves the rest', async () => {
    const warnings: string[] = [];
    const { documents } = await loadCorpus(dir, {
      ...defaultOptions,
      onWarning: (warning) => warnings.push(`${warning.path}: ${warning.reason}`),
    });
    expect(documents.map((document) => document.id)).toEqual(['good', 'nested/deep']);
    expect(warnings).toEqual([
      `${join(dir, 'binary.txt')}: binary file (not text), skipped`,
      `${join(dir, 'empty.txt')}: empty file, skipped`,
      `${join(dir, 'fake.pdf')}: damaged PDF (Invalid PDF structure.), skipped`,
      `${join(dir, 'latin1.txt')}: not valid UTF-8 text, skipped (re-save it as UTF-8)`,
    ]);
  });

  it('fails with a clear error when the folder does not exist', async () => {
    await expect(loadCorpus(join(dir, 'missing'), defaultOptions)).rejects.toThrow(CorpusError);
    await expect(loadCorpus(join(dir, 'missing'), defaultOptions)).rejects.toThrow(`corpus folder not found: ${join(dir, 'missing')}`);
  });
});
