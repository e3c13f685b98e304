import { describe, expect, it } from 'vitest';
import { clip, escapeMarkdown, renderFitted, unescapeMarkdown } from '../../src/bot/replies/markdown.ts';

describe('escapeMarkdown', () => {
  it('shows corpus text literally: emphasis, code, spoilers, links, mentions', () => {
    expect(escapeMarkdown('**bold** _it_ `code` ||spoiler|| [link](http://x) <@123>')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\[link\\]\\(http://x\\) \\<@123\\>',
    );
  });

  it('escapes headings, list markers and quotes only at the start of a line', () => {
    expect(escapeMarkdown('# Title\n- item\n> quoted\n12. step\nIT-companies 2.5')).toBe(
      '\\# Title\n\\- item\n\\> quoted\n12\\. step\nIT-companies 2.5',
    );
  });

  it('leaves the empty string and plain words alone', () => {
    expect(escapeMarkdown('')).toBe('');
    expect(escapeMarkdown('Azerbaijan')).toBe('Azerbaijan');
  });

  it('is undone by unescapeMarkdown', () => {
    const text = "who met Portugal's *minister* (ICT)?";
    expect(unescapeMarkdown(escapeMarkdown(text))).toBe(text);
  });
});

describe('renderFitted', () => {
  it('renders styles when everything fits', () => {
    expect(
      renderFitted(
        [
          { text: 'met ', style: 'plain' },
          { text: 'Ali Abbasov', style: 'bold' },
          { text: ' in ', style: 'plain' },
          { text: 'Baku', style: 'italic' },
        ],
        100,
      ),
    ).toBe('met **Ali Abbasov** in *Baku*');
  });

  it('cuts after the last whole word that fits and closes the formatting before "…"', () => {
    expect(renderFitted([{ text: 'one two three', style: 'bold' }], 12)).toBe('**one two**…');
    expect(
      renderFitted(
        [
          { text: 'alpha ', style: 'plain' },
          { text: 'beta gamma', style: 'italic' },
        ],
        14,
      ),
    ).toBe('alpha *beta*…');
  });

  it('never cuts inside a backslash escape', () => {
    const out = renderFitted([{ text: 'a_b c_d e_f', style: 'plain' }], 10);
    expect(out).toBe('a\\_b c\\_d…');
  });

  it('cuts inside a single word longer than the limit rather than show nothing', () => {
    expect(renderFitted([{ text: 'https://example.com/a_very_long_path', style: 'plain' }], 12)).toBe('https://exa…');
    expect(renderFitted([{ text: 'Supercalifragilistic', style: 'bold' }], 10)).toBe('**Super**…');
  });

  it('keeps styled edges hugging the text, since "** x**" would show the asterisks', () => {
    expect(renderFitted([{ text: ' Ali ', style: 'bold' }], 50)).toBe(' **Ali** ');
  });
});

describe('clip', () => {
  it('cuts unformatted text at a word boundary', () => {
    expect(clip('Azerbaijani ICT companies to join', 20)).toBe('Azerbaijani ICT…');
    expect(clip('short', 20)).toBe('short');
  });
});
