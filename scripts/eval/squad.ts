import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Answer, Engine } from '../../src/index.ts';
import { evalArgs, fixed, percentile, readJsonLines } from './common.ts';

interface SquadQuestion {
  id: string;
  question: string;
  answers: string[];
  doc: string;
  title: string;
}

/**
 * SQuAD v1.1 dev as an open corpus: the engine indexes every paragraph and answers each question from all of
 * them. Reports the share of top-1 quotes holding a gold answer, of right cited paragraphs, the answer-span
 * exact match and F1 (SQuAD's official normalisation), and latency. `--holdout` instead indexes half of the
 * articles and asks every question, to measure abstention: questions about the missing half should abstain.
 */
export async function evalSquad(path: string, args: string[]): Promise<void> {
  const values = evalArgs(args, { limit: { type: 'string' }, every: { type: 'string' }, holdout: { type: 'string' } });
  const every = Number(values.every ?? 1);
  const all = readJsonLines<SquadQuestion>(join(path, 'questions.jsonl')).filter((_, i) => i % every === 0);
  const questions = all.slice(0, Number(values.limit ?? all.length));
  const options = JSON.parse(values.options ?? '{}');
  if (values.holdout !== undefined) return calibrateAbstention(path, questions, options);

  const started = performance.now();
  const engine = await Engine.fromFolder(join(path, 'corpus'), options);
  const buildMs = performance.now() - started;
  let hits = 0;
  let cited = 0;
  let exact = 0;
  let f1Sum = 0;
  let answered = 0;
  const latencies: number[] = [];
  for (const question of questions) {
    const t0 = performance.now();
    const answer = engine.answer(question.question, { top: 1 });
    latencies.push(performance.now() - t0);
    const quote = normalizeAnswer(answer.quote ?? answer.sentences[0]?.text ?? '');
    if (question.answers.some((gold) => quote.includes(normalizeAnswer(gold)))) hits += 1;
    if ((answer.source?.doc ?? answer.sentences[0]?.doc) === question.doc.replace(/\.txt$/, '')) cited += 1;
    answered += answer.answered ? 1 : 0;
    const prediction = answer.answer ?? '';
    exact += question.answers.some((gold) => normalizeAnswer(gold) === normalizeAnswer(prediction)) ? 1 : 0;
    f1Sum += Math.max(...question.answers.map((gold) => tokenF1(prediction, gold)));
  }
  const n = questions.length;
  process.stdout.write(
    `${[
      `squad: ${n} questions over ${engine.documents.length} paragraphs (index built in ${fixed(buildMs / 1000, 1)} s)`,
      `  top-1 quote holds a gold answer: ${fixed(hits / n)}`,
      `  cited paragraph right:           ${fixed(cited / n)}`,
      `  answered (not abstained):        ${fixed(answered / n)}`,
      `  answer span exact match:         ${fixed(exact / n)}`,
      `  answer span F1:                  ${fixed(f1Sum / n)}`,
      `  answer latency: median ${fixed(percentile(latencies, 50), 1)} ms, p99 ${fixed(percentile(latencies, 99), 1)} ms`,
    ].join('\n')}\n`,
  );
}

/** Indexes the articles whose title hashes even; every question about the other half should abstain. */
async function calibrateAbstention(path: string, questions: SquadQuestion[], options: object): Promise<void> {
  const corpus = join(path, 'corpus');
  const kept = new Set(readdirSync(corpus).filter((file) => hash(file.replace(/__\d+\.txt$/, '')) % 2 === 0));
  const folder = mkdtempSync(join(tmpdir(), 'corpus-qa-holdout-'));
  try {
    for (const file of kept) symlinkSync(resolve(corpus, file), join(folder, file));
    const engine = await Engine.fromFolder(folder, { ...options, abstainBelow: 0 });
    const rows: { inCorpus: boolean; confidence: number; hit: boolean }[] = [];
    for (const question of questions) {
      const answer: Answer = engine.answer(question.question, { top: 1 });
      const quote = normalizeAnswer(answer.quote ?? '');
      rows.push({
        inCorpus: kept.has(question.doc),
        confidence: answer.confidence,
        hit: question.answers.some((gold) => quote.includes(normalizeAnswer(gold))),
      });
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

/** SQuAD's official answer normalisation: lower case, no punctuation, no articles, single spaces. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~‘’“”–—]/g, '')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function tokenF1(prediction: string, gold: string): number {
  const predicted = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const truth = normalizeAnswer(gold).split(' ').filter(Boolean);
  if (predicted.length === 0 || truth.length === 0) return predicted.length === truth.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const token of truth) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of predicted) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(token, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / truth.length;
  return (2 * precision * recall) / (precision + recall);
}
