import type { Answer, QuoteLayout } from '../answer/answer.ts';
import { certaintyLine, documentDateNote, shownShortAnswer } from '../answer/certainty.ts';
import { locationLabel } from '../corpus/citation.ts';
import type { Citation, CorpusDocument } from '../corpus/corpusDocument.ts';

const WRAP = 100;

/**
 * An answer as the terminal shows it, as the bot shows it in Discord: how a follow-up was read (when it was),
 * the short answer (when sure enough to stand alone), how sure it is in words, the quote as a `> ` block and
 * the citation with its link.
 */
export function formatAnswerText(answer: Answer): string {
  const lines: string[] = [];
  const interpretation = interpretationText(answer);
  if (interpretation !== null) lines.push(interpretation);
  if (!answer.answered || answer.quote === null || answer.source === null) {
    lines.push('Not in the corpus: nothing there answers this question.');
    if (answer.nearest.length > 0) {
      lines.push('Nearest sources:');
      for (const source of answer.nearest) lines.push(`  — ${citationText(source)}`);
    }
    return lines.join('\n');
  }
  const shown = shownShortAnswer(answer);
  const dated = documentDateNote(answer);
  if (dated) lines.push(`(${dated})`);
  else if (shown) lines.push(shown);
  lines.push(`(${certaintyLine(answer)})`);
  lines.push(...quoteWithLayout(answer.quote, answer.quoteLayout ?? [], answer.source.elided));
  lines.push(`— ${citationText(answer.source)}`);
  return lines.join('\n');
}

/**
 * How a follow-up was read, as the bot's small line says it: `(taking "he" as Fuad Allahverdiyev)`, or for a
 * fragment ("And in Turkey?") the question it was read as. Null when the question was read as asked.
 */
export function interpretationText(answer: Answer): string | null {
  if (answer.interpreted === null || answer.references.length === 0) return null;
  if (answer.references.some((reference) => reference.said === answer.question)) return `(reading this as "${answer.interpreted}")`;
  return `(taking ${answer.references.map(({ said, as }) => `"${said}" as ${as}`).join(', ')})`;
}

/**
 * A quote as its document lays it out: prose and list items as `> ` lines (an item after `• `), code as its
 * own lines, indented and kept as written, with "…" where the quote goes on. A quote without layout is one
 * block of `> ` lines.
 */
function quoteWithLayout(quote: string, layout: readonly QuoteLayout[], elided: Citation['elided']): string[] {
  if (!layout.some((part) => part.kind !== 'prose')) return quoteLines(quote, elided);
  const lines: string[] = [];
  layout.forEach((part, i) => {
    const text = quote.slice(part.start, part.end);
    const goesOnBefore = i === 0 && (elided === 'before' || elided === 'both');
    const goesOnAfter = i === layout.length - 1 && (elided === 'after' || elided === 'both');
    if (part.kind === 'code') {
      lines.push(`  ${part.language ?? 'code'}:`, ...text.split('\n').map((line) => `    ${line}`));
      if (goesOnAfter) lines.push('    …');
      return;
    }
    const item = part.kind === 'item' ? '• ' : '';
    const quoted = quoteLines(text, goesOnBefore ? (goesOnAfter ? 'both' : 'before') : goesOnAfter ? 'after' : null);
    lines.push(...quoted.map((line, n) => (n === 0 ? line.replace(/^> /, `> ${item}`) : line)));
  });
  return lines;
}

/** A verbatim quote as `> ` lines, white space collapsed, with "…" where its sentence goes on. */
function quoteLines(quote: string, elided: Citation['elided'], indent = ''): string[] {
  const text = `${elided === 'before' || elided === 'both' ? '…' : ''}${quote.replace(/\s+/g, ' ').trim()}${elided === 'after' || elided === 'both' ? '…' : ''}`;
  return wrap(text, WRAP - indent.length).map((line) => `${indent}> ${line}`);
}

/**
 * One page of further sources: each numbered quote with its citation, and how to get the next page.
 *
 * @example formatMoreSourcesText(question, sources, 0, true) // → 'More sources for "…":\n1. > …'
 */
export function formatMoreSourcesText(
  question: string,
  sources: readonly { citation: Citation; text: string }[],
  offset: number,
  hasMore: boolean,
): string {
  if (sources.length === 0) return offset === 0 ? 'No other sources for this question.' : 'No more sources for this question.';
  const lines = [`More sources for "${question}":`];
  sources.forEach(({ citation, text }, i) => {
    const number = `${offset + i + 1}. `;
    const quoted = quoteLines(text, citation.elided, ' '.repeat(number.length));
    lines.push(`${number}${quoted[0]!.trimStart()}`, ...quoted.slice(1), `${' '.repeat(number.length)}— ${citationText(citation)}`);
  });
  if (hasMore) lines.push('(/more for the next ones)');
  return lines.join('\n');
}

/** A document's card, as `/source` shows it in Discord: title, date, file, link, size and its lead passage. */
export function formatSourceText(doc: CorpusDocument): string {
  const lines = [
    `"${doc.title}"`,
    `${doc.path} · ${doc.date ?? 'no date'} · ${doc.passages.length} passage${doc.passages.length === 1 ? '' : 's'} · id ${doc.id}`,
  ];
  if (doc.url) lines.push(doc.url);
  const lead = doc.passages[0]?.text;
  lines.push(...(lead ? quoteLines(lead, null) : ['(no text passages)']));
  return lines.join('\n');
}

/** `"Title" (guide/setup.md, line 14, 2024-03-18) https://…`: what a terminal shows of a citation. */
function citationText(citation: Citation): string {
  const details = [citation.path, locationLabel(citation.location), citation.date].filter((part) => part !== null);
  return `"${citation.title}" (${details.join(', ')})${citation.url ? ` ${citation.url}` : ''}`;
}

/** The `--json` contract: exactly these keys, in this order. */
export function answerJson(answer: Answer): Record<string, unknown> {
  return {
    question: answer.question,
    interpreted: answer.interpreted,
    answered: answer.answered,
    answer: answer.answer,
    answer_from: answer.answer === null ? null : (answer.answerFrom ?? 'quote'),
    quote: answer.quote,
    quote_layout: answer.quoteLayout ?? [],
    source: answer.source,
    confidence: Math.round(answer.confidence * 1000) / 1000,
    answer_confidence: answer.answerConfidence === null ? null : Math.round(answer.answerConfidence * 1000) / 1000,
    sentences: answer.sentences,
  };
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}
