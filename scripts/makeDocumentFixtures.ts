/**
 * Writes the binary fixtures of the document-format tests: a two-page PDF and a Word document in
 * test/fixtures/documents, and the damaged files in test/fixtures/odd. The text fixtures (Markdown, HTML)
 * are written by hand beside them. Run after changing this file: `npx tsx scripts/makeDocumentFixtures.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDocx } from './fixtures/docx.ts';
import { makePdf } from './fixtures/pdf.ts';
import { makeZip } from './fixtures/zip.ts';

const root = join(import.meta.dirname, '../test/fixtures');
const documents = join(root, 'documents');
const odd = join(root, 'odd');
mkdirSync(join(documents, 'reports'), { recursive: true });
mkdirSync(odd, { recursive: true });

const report = makePdf(
  [
    [
      'Harbour Authority Annual Report 2023',
      '',
      'In 2023 the harbour handled 4.2 million tonnes of cargo, a rise of',
      'eight per cent on the year before. Container traffic grew fastest,',
      'driven by new routes to Aktau and Turkmenbashi.',
      '',
      'The authority employed 1,250 people at the end of the year.',
    ],
    [
      'The new breakwater was completed in October at a cost of 96 million',
      'manats. It protects the western basin from winter storms.',
      '',
      'Dredging of the approach chan-',
      'nel to a depth of 12 metres will begin in the spring of 2024.',
    ],
  ],
  { title: 'Harbour Authority Annual Report 2023', author: 'Harbour Authority of Baku', creationDate: 'D:20240215090000Z' },
);
writeFileSync(join(documents, 'reports', 'annual.pdf'), report);

writeFileSync(
  join(documents, 'ferry-memo.docx'),
  makeDocx([
    { style: 'Title', text: 'Ferry timetable changes for the winter season' },
    { text: 'From 1 November the ferry to Aktau will leave Baku at 22:00 instead of 18:00, the shipping company announced.' },
    { style: 'Heading1', text: 'Fares' },
    { text: 'A cabin for two now costs 120 manats; a place for a car costs 90 manats.' },
    {
      table: [
        ['Route', 'Departures a week'],
        ['Baku to Aktau', '4'],
        ['Baku to Turkmenbashi', '3'],
      ],
    },
    { text: 'Tickets can be bought at the port office on Neftchilar Avenue.' },
  ]),
);

writeFileSync(join(odd, 'truncated.pdf'), report.subarray(0, Math.floor(report.length * 0.3)));
writeFileSync(join(odd, 'scanned.pdf'), makePdf([[], []], { title: 'A scanned letter' }));
writeFileSync(join(odd, 'not-word.docx'), makeZip({ 'notes.txt': 'A zip archive, but not a Word document.' }));
