import type { Answer } from '../../src/index.ts';
import { expectedCalibrationError, type Prediction } from './calibration.ts';
import { fixed } from './common.ts';

/** One question of a docs set: `expect` phrases copied from the answering sentence, `doc` the answering page. */
export interface DocsQuestion {
  id: string;
  question: string;
  kind: string;
  expect: string[];
  doc: string | null;
  code?: boolean;
}

/** What one answer scored, as the data set's scorer defines it. */
export interface DocsAnswerScore {
  answerable: boolean;
  quoteRight: boolean;
  top3: boolean;
  rightDoc: boolean;
}

/** The longest quote that counts: a longer one is no answer to read in a help channel. */
export const MAX_SCORED_QUOTE = 1200;
const TOP = 3;
const BINS = 5;

const normalize = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
const WORD = /[\p{L}\p{N}_]/u;

/** Whether `phrase` occurs in `text`, ignoring case and runs of white space, not starting or ending inside a word. */
export function holdsPhrase(phrase: string, text: string | null | undefined): boolean {
  if (!phrase || !text) return false;
  const p = normalize(phrase);
  const t = normalize(text);
  if (p === '') return false;
  for (let at = t.indexOf(p); at !== -1; at = t.indexOf(p, at + 1)) {
    const before = t[at - 1];
    const after = t[at + p.length];
    if (WORD.test(p[0]!) && before !== undefined && WORD.test(before)) continue;
    if (WORD.test(p.at(-1)!) && after !== undefined && WORD.test(after)) continue;
    return true;
  }
  return false;
}

/** A quote that answers: the question is answerable and an expected phrase is in a quote of at most `MAX_SCORED_QUOTE` characters. */
export function quoteHolds(question: DocsQuestion, quote: string): boolean {
  return (
    question.kind !== 'unanswerable' && quote.length <= MAX_SCORED_QUOTE && question.expect.some((phrase) => holdsPhrase(phrase, quote))
  );
}

export function scoreDocsAnswer(question: DocsQuestion, answer: Answer): DocsAnswerScore {
  const answerable = question.kind !== 'unanswerable';
  const holds = (text: string | null | undefined) => question.expect.some((phrase) => holdsPhrase(phrase, text));
  const quote = answer.quote ?? '';
  return {
    answerable,
    quoteRight: answer.answered && quoteHolds(question, quote),
    top3: answerable && ((answer.answered && holds(quote)) || answer.sentences.slice(0, TOP).some((sentence) => holds(sentence.text))),
    rightDoc: answerable && answer.answered && answer.source?.doc === question.doc,
  };
}

interface KindRow {
  n: number;
  quote: number;
  top: number;
  doc: number;
  abstained: number;
}

export interface DocsScore {
  kinds: Map<string, KindRow>;
  code: KindRow;
  answerable: number;
  unanswerable: number;
  quoteRight: number;
  top3: number;
  rightDoc: number;
  abstained: number;
  wronglyAbstained: number;
  calibration: Prediction[];
  misses: string[];
}

/** The set's figures from each question's answer and score. */
export function docsScore(results: readonly { question: DocsQuestion; answer: Answer; score: DocsAnswerScore }[]): DocsScore {
  const row = (): KindRow => ({ n: 0, quote: 0, top: 0, doc: 0, abstained: 0 });
  const score: DocsScore = {
    kinds: new Map(),
    code: row(),
    answerable: 0,
    unanswerable: 0,
    quoteRight: 0,
    top3: 0,
    rightDoc: 0,
    abstained: 0,
    wronglyAbstained: 0,
    calibration: [],
    misses: [],
  };
  for (const { question, answer, score: one } of results) {
    const kind = score.kinds.get(question.kind) ?? row();
    score.kinds.set(question.kind, kind);
    kind.n += 1;
    if (answer.answered) score.calibration.push({ confidence: answer.confidence, right: one.quoteRight });
    if (!one.answerable) {
      score.unanswerable += 1;
      if (answer.answered) score.misses.push(`  ${question.id} [unanswerable] answered from ${answer.source?.doc}`);
      else {
        score.abstained += 1;
        kind.abstained += 1;
      }
      continue;
    }
    score.answerable += 1;
    for (const target of question.code ? [kind, score.code] : [kind]) {
      if (target === score.code) target.n += 1;
      target.quote += one.quoteRight ? 1 : 0;
      target.top += one.top3 ? 1 : 0;
      target.doc += one.rightDoc ? 1 : 0;
    }
    score.quoteRight += one.quoteRight ? 1 : 0;
    score.top3 += one.top3 ? 1 : 0;
    score.rightDoc += one.rightDoc ? 1 : 0;
    if (!answer.answered) {
      score.wronglyAbstained += 1;
      kind.abstained += 1;
    }
    if (!one.quoteRight) {
      const quote = answer.quote ?? '';
      const why = !answer.answered
        ? 'abstained'
        : quote.length > MAX_SCORED_QUOTE && question.expect.some((phrase) => holdsPhrase(phrase, quote))
          ? `quote of ${quote.length} chars`
          : `quoted ${answer.source?.doc}`;
      score.misses.push(`  ${question.id} [${question.kind}] ${why}${one.top3 ? ' (top-3 hit)' : ''}`);
    }
  }
  return score;
}

/** The scorer's report: a row per kind, the code-only row, calibration, misses, and the summary line. */
export function formatDocsScore(path: string, score: DocsScore, { misses }: { misses: boolean }): string {
  const lines = [`${path} (${score.answerable + score.unanswerable} questions)`, ''];
  const cell = (a: number, n: number) => `${a}/${n}`.padEnd(7);
  lines.push(`${'kind'.padEnd(13)}${'n'.padStart(3)}  quote right  top-3    right doc  abstained`);
  for (const [kind, row] of score.kinds) {
    lines.push(
      kind === 'unanswerable'
        ? `${kind.padEnd(13)}${String(row.n).padStart(3)}  ${'-'.padEnd(11)}  ${'-'.padEnd(7)}  ${'-'.padEnd(9)}  ${cell(row.abstained, row.n)} (correct)`
        : `${kind.padEnd(13)}${String(row.n).padStart(3)}  ${cell(row.quote, row.n).padEnd(11)}  ${cell(row.top, row.n)}  ${cell(row.doc, row.n).padEnd(9)}  ${cell(row.abstained, row.n)} (wrong)`,
    );
  }
  if (score.code.n > 0)
    lines.push(
      `${'(code only)'.padEnd(13)}${String(score.code.n).padStart(3)}  ${cell(score.code.quote, score.code.n).padEnd(11)}  ${cell(score.code.top, score.code.n)}`,
    );
  const right = score.calibration.filter((p) => p.right);
  const wrong = score.calibration.filter((p) => !p.right);
  const mean = (ps: Prediction[]) => (ps.length === 0 ? 'n/a' : fixed(ps.reduce((sum, p) => sum + p.confidence, 0) / ps.length));
  const ece = score.calibration.length === 0 ? 'n/a' : fixed(expectedCalibrationError(score.calibration, BINS));
  lines.push(
    '',
    `calibration: ${score.calibration.length} answered; mean confidence right ${mean(right)} (n=${right.length}), wrong ${mean(wrong)} (n=${wrong.length}); ECE (${BINS} bins) ${ece}`,
  );
  if (misses && score.misses.length > 0) lines.push('', 'not right:', ...score.misses);
  lines.push(
    '',
    `docs: quote right ${score.quoteRight}/${score.answerable}, top-3 ${score.top3}/${score.answerable}, right doc ${score.rightDoc}/${score.answerable}, abstained ${score.abstained}/${score.unanswerable}, wrongly abstained ${score.wronglyAbstained}, ECE ${ece}`,
  );
  return lines.join('\n');
}
