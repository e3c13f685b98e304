import { certaintyLine, shownShortAnswer } from '../answer/certainty.ts';
import type { Answer } from '../answer/types.ts';
import { locationLabel } from '../corpus/citation.ts';
import type { Citation } from '../corpus/types.ts';

const WRAP = 100;

/**
 * An answer as the terminal shows it: the short answer (when sure enough to stand alone), the quote as a
 * `> ` block, the citation, and how sure it is in words.
 */
export function formatAnswerText(answer: Answer): string {
  if (!answer.answered || answer.quote === null || answer.source === null) {
    const lines = ['Not in the corpus: nothing there answers this question.'];
    if (answer.nearest.length > 0) {
      lines.push('Nearest sources:');
      for (const source of answer.nearest) lines.push(`  — ${citationText(source)}`);
    }
    return lines.join('\n');
  }
  const lines: string[] = [];
  const shown = shownShortAnswer(answer);
  if (shown) lines.push(shown);
  lines.push(`(${certaintyLine(answer)})`);
  const { elided } = answer.source;
  const quote = `${elided === 'before' || elided === 'both' ? '…' : ''}${answer.quote.replace(/\s+/g, ' ')}${elided === 'after' || elided === 'both' ? '…' : ''}`;
  for (const line of wrap(quote, WRAP)) lines.push(`> ${line}`);
  lines.push(`— ${citationText(answer.source)}`);
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
    quote: answer.quote,
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
