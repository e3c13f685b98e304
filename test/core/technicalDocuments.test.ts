import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/corpus/buildDocument.ts';
import { locationAt } from '../../src/corpus/citation.ts';
import type { CorpusDocument } from '../../src/corpus/corpusDocument.ts';
import { readHtml } from '../../src/corpus/formats/html.ts';
import { readMarkdown } from '../../src/corpus/formats/markdown.ts';
import { defaultOptions } from '../../src/options.ts';
import { decodeDocument, encodeDocument } from '../../src/snapshot/encode.ts';
import { splitSentences } from '../../src/text/tokens.ts';

const docs = join(import.meta.dirname, '../fixtures/docs');
const page = (path: string) => readFileSync(join(docs, path), 'utf8');
const build = (path: string, read = readMarkdown): CorpusDocument =>
  buildDocument(path.replace(/\.\w+$/, ''), path, read(page(path)), defaultOptions);
const sentences = (document: CorpusDocument) => document.passages.flatMap((passage) => passage.sentences);

describe('reading technical Markdown', () => {
  const responses = build('guide/responses.md');
  const options = build('reference/options.md');

  it('keeps code blocks verbatim, lines and all, with the language their fence names', () => {
    const code = responses.blocks.filter((block) => block.kind === 'code');
    expect(code.map((block) => [responses.text.slice(block.start, block.end), block.language])).toEqual([
      ["await interaction.reply({ content: 'Only you can see this.', flags: MessageFlags.Ephemeral });", 'js'],
      ["await interaction.reply('Pong!');\nawait wait(2_000);\nawait interaction.editReply('Pong again!');", 'js'],
    ]);
    expect(sentences(responses).filter((sentence) => sentence.code)).toHaveLength(2);
  });

  it('reads admonitions (:::, > [!WARNING], !!!) as paragraphs without their markers, the kind kept', () => {
    for (const document of [responses, options]) {
      expect(document.text).not.toMatch(/:::|\[!WARNING\]|!!!|Retries and timeouts/);
    }
    const note = (document: CorpusDocument, text: string) =>
      document.blocks.find((block) => document.text.slice(block.start, block.end).startsWith(text))?.note;
    expect(note(responses, 'Ephemeral responses are only available')).toBe('tip');
    expect(note(responses, 'Replies can be edited for 15 minutes')).toBe('warning');
    expect(note(options, 'A retried request gets the full timeout again.')).toBe('note');
    expect(note(options, 'Retries repeat side effects')).toBe('warning');
  });

  it('cites a block by the line of the file it starts on, inside admonitions and after multi-line code (a code block at its fence)', () => {
    const lineOf = (text: string) => {
      const block = responses.blocks.find((candidate) => responses.text.slice(candidate.start, candidate.end).startsWith(text));
      return block && locationAt(responses.locations, block.start)?.line;
    };
    expect(lineOf('You may not want everyone')).toBe(11);
    expect(lineOf("await interaction.reply({ content: 'Only you")).toBe(13);
    expect(lineOf('Ephemeral responses are only available')).toBe(18);
    expect(lineOf("await interaction.reply('Pong!');")).toBe(25);
    expect(lineOf('Replies can be edited for 15 minutes')).toBe(32);
    expect(lineOf('If your command needs more than three seconds')).toBe(36);
  });

  it('keeps the text of inline components and inline code, and leaves out a table of contents and images', () => {
    expect(responses.text).toContain('This can be achieved with the editReply() method:');
    expect(responses.text).not.toContain('DocsLink');
    expect(options.text).not.toMatch(/logo|\[timeout\]/);
    expect(options.text.startsWith('Options\n\ntimeout\n\nType: number')).toBe(true);
  });

  it('gives each passage its heading path and each section the anchor the page names for it', () => {
    const timeout = options.passages.find((passage) => passage.text.includes('Default: 5_000'));
    expect(timeout?.headings).toEqual(['Options', 'timeout']);
    expect(options.sections.map((section) => [section.headings.at(-1), section.anchor])).toEqual([
      ['Options', undefined],
      ['timeout', 'request-timeout'],
      ['retries', 'retries'],
    ]);
  });

  it('never ends a sentence inside a dotted name, a version, a file name or inline code', () => {
    const setup = build('guide/setup.md');
    expect(sentences(setup).map((sentence) => sentence.text)).toContain('The bot is written for discord.js v14.2.1 and Node.js 20.');
    expect(sentences(setup).map((sentence) => sentence.text)).toContain(
      'Then create a config.json file beside index.js and put the token in it.',
    );
    for (const sentence of sentences(setup)) expect(sentence.text).not.toMatch(/^(js|json|\d)\b/);
    expect(splitSentences('Call `.delete()` on the message. It is gone.', [{ start: 5, end: 16 }]).length).toBe(2);
    expect(splitSentences('Set PORT=53134 in the .env file. Restart.').length).toBe(2);
  });

  it('keeps every sentence and passage a verbatim slice of the text, and takes aliases from front matter and abbreviations', () => {
    for (const document of [responses, options]) {
      for (const passage of document.passages) {
        expect(passage.text).toBe(document.text.slice(passage.start, passage.end));
        for (const sentence of passage.sentences) expect(sentence.text).toBe(document.text.slice(sentence.start, sentence.end));
      }
    }
    expect(options.aliases).toEqual([
      ['Options | Reference', 'settings reference'],
      ['command line interface', 'CLI'],
    ]);
  });

  it('keeps the layout, sections, aliases and code through a snapshot', () => {
    const restored = decodeDocument(encodeDocument(options));
    expect(restored).toEqual(options);
  });
});

describe('reading technical HTML', () => {
  const upgrading = build('guide/upgrading.html', readHtml);

  it('keeps <pre> code with its language and reads an admonition box without its title', () => {
    expect(upgrading.text).toBe(
      [
        'Upgrading',
        'To move from version 13 to version 14, update the package and run the migration script.',
        'Running the migration',
        'Run the script from the project folder:',
        'npx bot-migrate --from 13 --to 14',
        'The script makes a backup of config.json first.',
      ].join('\n\n'),
    );
    expect(upgrading.blocks.map((block) => [block.kind, block.language, block.note])).toEqual([
      ['prose', undefined, undefined],
      ['prose', undefined, undefined],
      ['code', 'bash', undefined],
      ['prose', undefined, 'tip'],
    ]);
    expect(upgrading.passages.at(-1)?.headings).toEqual(['Upgrading', 'Running the migration']);
  });
});
