import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeQuestion } from '../../src/answer/analyzeQuestion.ts';
import { committedAnswerModel } from '../../src/answer/answerModel.ts';
import { judgeEvidence } from '../../src/answer/answerQuestion.ts';
import { type Answer, Engine, type EngineOptionsInput } from '../../src/index.ts';
import { expectedCalibrationError, formatReliability, type Prediction } from './calibration.ts';
import { evalArgs, fixed, percentile } from './common.ts';
import { bestF1, exactMatch, holdsGold, loadSquadQuestions, parseSplit, type SquadQuestion } from './squadData.ts';

/** What one question scored; `--dump` writes these as JSON lines for error analysis. */
interface QuestionResult {
  id: string;
  question: string;
  golds: string[];
  doc: string;
  answered: boolean;
  answer: string | null;
  quote: string;
  citedDoc: string | null;
  confidence: number;
  answerConfidence: number | null;
  quoteRight: boolean;
  citedRight: boolean;
  exact: boolean;
  f1: number;
  ms: number;
}

/** A short answer counts as right at this SQuAD F1 or above. */
const RIGHT_F1 = 0.5;

/**
 * SQuAD v1.1 dev as an open corpus: the engine indexes every paragraph (both halves of the split) and
 * answers each question of the chosen split (`--split test` by default; fit on `--split train`) from all
 * of them. Reports the top-1 quote, the cited paragraph, the short answer (exact match, F1, how often one
 * is given and how often it is right), the calibration of both confidences and latency. `--holdout`
 * instead indexes half of the articles, to measure abstention: questions about the missing half should
 * abstain (by the answerable model's probability, which `abstainBelow` thresholds).
 */
export async function evalSquad(path: string, args: string[]): Promise<void> {
  const values = evalArgs(args, {
    limit: { type: 'string' },
    every: { type: 'string' },
    split: { type: 'string' },
    holdout: { type: 'string' },
    dump: { type: 'string' },
  });
  const split = parseSplit(values.split);
  const every = Number(values.every ?? 1);
  const questions = loadSquadQuestions(path, { split, every, limit: values.limit === undefined ? undefined : Number(values.limit) });
  const options = JSON.parse(values.options ?? '{}') as EngineOptionsInput;
  if (values.holdout !== undefined) return calibrateAbstention(path, questions, options);

  const started = performance.now();
  const engine = await Engine.fromFolder(join(path, 'corpus'), options);
  const buildMs = performance.now() - started;
  const results = questions.map((question) => scoreQuestion(engine, question));
  if (values.dump) writeFileSync(values.dump, `${results.map((result) => JSON.stringify(result)).join('\n')}\n`);
  process.stdout.write(
    `squad --split ${split}${every > 1 ? ` --every ${every}` : ''}: ${results.length} questions over ${engine.documents.length} paragraphs (index built in ${fixed(buildMs / 1000, 1)} s)\n${squadReport(results)}\n`,
  );
}

function scoreQuestion(engine: Engine, question: SquadQuestion): QuestionResult {
  const t0 = performance.now();
  const answer = engine.answer(question.question, { top: 1 });
  const ms = performance.now() - t0;
  const quote = answer.quote ?? answer.sentences[0]?.text ?? '';
  const citedDoc = answer.source?.doc ?? answer.sentences[0]?.doc ?? null;
  const prediction = answer.answer ?? '';
  return {
    id: question.id,
    question: question.question,
    golds: question.answers,
    doc: question.doc,
    answered: answer.answered,
    answer: answer.answer,
    quote,
    citedDoc,
    confidence: answer.confidence,
    answerConfidence: answer.answerConfidence,
    quoteRight: holdsGold(quote, question.answers),
    citedRight: citedDoc === question.doc.replace(/\.txt$/, ''),
    exact: answer.answer !== null && exactMatch(prediction, question.answers),
    f1: answer.answer === null ? 0 : bestF1(prediction, question.answers),
    ms,
  };
}

function squadReport(results: readonly QuestionResult[]): string {
  const n = results.length;
  const share = (count: number, of: number) => fixed(of ? count / of : 0);
  const answered = results.filter((result) => result.answered);
  const withSpan = answered.filter((result) => result.answer !== null);
  const spanRight = withSpan.filter((result) => result.f1 >= RIGHT_F1);
  const quotePredictions: Prediction[] = results.map((result) => ({ confidence: result.confidence, right: result.quoteRight }));
  const spanPredictions: Prediction[] = withSpan.map((result) => ({
    confidence: result.answerConfidence ?? 0,
    right: result.f1 >= RIGHT_F1,
  }));
  const latencies = results.map((result) => result.ms);
  return [
    `  top-1 quote holds a gold answer:   ${share(results.filter((r) => r.quoteRight).length, n)}`,
    `  cited paragraph right:             ${share(results.filter((r) => r.citedRight).length, n)}`,
    `  answered (not abstained):          ${share(answered.length, n)}`,
    `  short answer exact match:          ${share(results.filter((r) => r.exact).length, n)}`,
    `  short answer F1:                   ${fixed((100 * results.reduce((sum, r) => sum + r.f1, 0)) / (n || 1), 1)}`,
    `  answered with a short answer:      ${share(withSpan.length, answered.length)}`,
    `  short answers right (F1 >= ${RIGHT_F1}):  ${share(spanRight.length, withSpan.length)}`,
    `  quote confidence ECE:              ${fixed(expectedCalibrationError(quotePredictions))}`,
    `  short answer confidence ECE:       ${fixed(expectedCalibrationError(spanPredictions))}`,
    `  answer latency: median ${fixed(percentile(latencies, 50), 1)} ms, p99 ${fixed(percentile(latencies, 99), 1)} ms`,
    '',
    formatReliability('quote confidence', quotePredictions),
    '',
    formatReliability('short answer confidence', spanPredictions),
  ].join('\n');
}

/**
 * Indexes the articles whose title hashes even; every question about the other half should abstain.
 * Choose the threshold on `--split train`, report it on `--split test`.
 */
async function calibrateAbstention(path: string, questions: SquadQuestion[], options: EngineOptionsInput): Promise<void> {
  const corpus = join(path, 'corpus');
  const kept = new Set(readdirSync(corpus).filter((file) => hash(file.replace(/__\d+\.txt$/, '')) % 2 === 0));
  const folder = mkdtempSync(join(tmpdir(), 'corpus-qa-holdout-'));
  try {
    for (const file of kept) symlinkSync(resolve(corpus, file), join(folder, file));
    const engine = await Engine.fromFolder(folder, { ...options, abstainBelow: 0, followLinks: true });
    const rows: { inCorpus: boolean; confidence: number; hit: boolean }[] = [];
    for (const question of questions) {
      const answer: Answer = engine.answer(question.question, { top: 1 });
      // Abstention follows the answerable model's judgement, not the quote's confidence.
      const judged = judgeEvidence(analyzeQuestion(answer.question), engine.evidence(question.question), committedAnswerModel());
      rows.push({ inCorpus: kept.has(question.doc), confidence: judged.answerable, hit: holdsGold(answer.quote ?? '', question.answers) });
    }
    const answerable = rows.filter((row) => row.inCorpus);
    const unanswerable = rows.filter((row) => !row.inCorpus);
    process.stdout.write(
      `abstention: ${answerable.length} answerable, ${unanswerable.length} unanswerable questions (half the articles held out)\n`,
    );
    process.stdout.write('threshold  answerable answered  right when answered  unanswerable answered (false answers)\n');
    for (let threshold = 0; threshold <= 0.901; threshold += 0.05) {
      const answered = answerable.filter((row) => row.confidence >= threshold);
      const right = answered.filter((row) => row.hit).length;
      const wrong = unanswerable.filter((row) => row.confidence >= threshold).length;
      process.stdout.write(
        `${fixed(threshold, 2).padStart(9)}  ${fixed(answered.length / answerable.length).padStart(19)}  ${fixed(answered.length ? right / answered.length : 0).padStart(19)}  ${fixed(wrong / unanswerable.length).padStart(21)}\n`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function hash(text: string): number {
  let h = 0;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) >>> 0;
  return h;
}
