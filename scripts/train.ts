/**
 * Fits the answer model (src/answer/answerModel.json) on the SQuAD *train* articles only:
 *
 *   npm run train -- <squad folder> [--every K] [--seed N] [--out FILE]
 *
 * 1. The span model: for every analyzed sentence that holds a gold answer, a listwise ranker learns which
 *    candidate is right (F1 >= 0.5 against a gold answer), with a correction per expected answer type.
 * 2. The quote and answer confidences: logistic regressions on the best sentence's evidence, labelled by
 *    "the quote holds a gold answer" and "the short answer is right". Their span evidence comes from span
 *    models fitted without the question's quarter of the train articles (cross-fitting), so the confidences learn how
 *    the span model does on questions it has not seen. The quote model also sees the questions of half the
 *    train articles asked of a corpus without those articles: a bot is asked things its corpus does not
 *    hold, and the confidence that decides abstention must know what that looks like.
 * 3. With `--docs <project folder>` (a documentation set: `corpus/` and `questions.jsonl`, as in
 *    ../shared/eval/docs/), the quote model also learns from that project's help-channel questions, each
 *    counted `DOCS_WEIGHT` times: their quotes are labelled as the set's scorer labels them (an expected
 *    phrase in a quote of at most 1,200 characters; an unanswerable question's quote is wrong). Fit on one
 *    project and report on the other (`npm run eval -- docs`).
 * The run is seeded and reproducible; the test articles are never read.
 */
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { analyzeQuestion } from '../src/answer/analyzeQuestion.ts';
import { type AnswerModel, dot, logistic } from '../src/answer/answerModel.ts';
import { scoreMargin } from '../src/answer/answerQuestion.ts';
import { quotedUnit } from '../src/answer/answerUnit.ts';
import { ANSWER_FEATURES, answerFeatures, QUOTE_FEATURES, quoteFeatures, type SpanChoice } from '../src/answer/confidenceFeatures.ts';
import { normalizeQuestion } from '../src/answer/normalizeQuestion.ts';
import type { SentenceFeatures } from '../src/answer/rankSentences.ts';
import { SPAN_FEATURES } from '../src/answer/spanFeatures.ts';
import { commandLineOrExit, usageLine } from '../src/cli/commandLine.ts';
import { Engine } from '../src/engine.ts';
import { trainCommand } from './args/train.ts';
import { readJsonLines } from './eval/common.ts';
import { type DocsQuestion, quoteHolds } from './eval/docsScore.ts';
import { bestF1, holdsGold, loadSquadQuestions, type SquadQuestion } from './eval/squadData.ts';
import { type ChoiceGroup, type Example, fitLogistic, fitSpanRanker, round, type SpanWeights } from './train/fit.ts';

const { values, positionals } = commandLineOrExit(trainCommand, process.argv.slice(2));
const [path] = positionals;
if (!path) {
  process.stderr.write(`error: give the SQuAD folder (its corpus/ and questions.jsonl). ${usageLine(trainCommand)}\n`);
  process.exit(2);
}
const seed = Number(values.seed);
const out = values.out ?? 'src/answer/answerModel.json';
const RIGHT_F1 = 0.5;
/**
 * How many times each documentation question counts against a SQuAD one: a project has about 50, SQuAD's
 * train articles thousands, and the model must learn how documentation evidence reads. Chosen among 3, 5,
 * 10, 20, 30 and 50 by the calibration it gave (docs/quality.md): at 50 it fitted the one project and lost
 * the other and SQuAD.
 */
const DOCS_WEIGHT = 30;
const SPAN_FIT = { seed, epochs: 8, rate: 0.05, l2: 1e-4, groupL2: 1e-3, bias: SPAN_FEATURES.column('bias') };
/** The quote and answer models' fitting, given the column of their bias (which L2 leaves alone). */
const confidenceFit = (bias: number) => ({ seed, epochs: 20, rate: 0.05, l2: 1e-4, bias });

const questions = loadSquadQuestions(path, { split: 'train', every: Number(values.every) });
const titles = [...new Set(questions.map((q) => q.title))].sort();
/**
 * The span evidence the confidences learn from comes from span models each fitted without a quarter of the
 * articles: fitted on half, they were weaker than the model answering, and the answer confidence learnt
 * from them came out too low.
 */
const SPAN_FOLDS = 4;
const foldOf = (question: SquadQuestion) => titles.indexOf(question.title) % SPAN_FOLDS;
const log = (line: string) => process.stdout.write(`${line}\n`);
log(`train: ${questions.length} questions from ${titles.length} train articles; seed ${seed}`);
const engine = await Engine.fromFolder(join(path, 'corpus'));
const analyses = questions.map((q) => analyzeQuestion(normalizeQuestion(q.question, engine.options.maxQuestionChars)));

// A model with every weight 0: the candidates and their features do not depend on it.
const untrained: AnswerModel = {
  trainedOn: 'untrained',
  span: { features: [...SPAN_FEATURES.recorded], shared: SPAN_FEATURES.names.map(() => 0), byType: {} },
  quote: { features: [...QUOTE_FEATURES.recorded], weights: QUOTE_FEATURES.names.map(() => 0) },
  answerable: { features: [...QUOTE_FEATURES.recorded], weights: QUOTE_FEATURES.names.map(() => 0) },
  answer: { features: [...ANSWER_FEATURES.recorded], weights: ANSWER_FEATURES.names.map(() => 0) },
};

// 1. Span model: candidates of every analyzed sentence that holds a gold answer.
const groups: (ChoiceGroup & { fold: number })[] = [];
questions.forEach((question, q) => {
  for (const evidence of engine.evidence(question.question, {}, untrained, engine.options.sentencesToAnalyze)) {
    if (evidence.candidates.length < 2 || !holdsGold(evidence.sentence.text, question.answers)) continue;
    const right = evidence.candidates.map((c) => bestF1(c.candidate.text, question.answers) >= RIGHT_F1);
    if (!right.some(Boolean)) continue;
    groups.push({ group: analyses[q]!.expected, candidates: evidence.candidates.map((c) => c.features), right, fold: foldOf(question) });
  }
});
log(`span model: ${groups.length} sentences holding an answer, ${groups.reduce((n, g) => n + g.candidates.length, 0)} candidates`);
const withSpan = (weights: SpanWeights): AnswerModel => ({
  ...untrained,
  span: { features: [...SPAN_FEATURES.recorded], shared: round(weights.shared), byType: roundGroups(weights.byGroup) },
});
const foldModels = Array.from({ length: SPAN_FOLDS }, (_, fold) =>
  withSpan(
    fitSpanRanker(
      groups.filter((g) => g.fold !== fold),
      SPAN_FIT,
    ),
  ),
);
const spanModel = withSpan(fitSpanRanker(groups, SPAN_FIT));

// 2. Confidences, from answers whose span model never saw the question's article.
interface Judged {
  features: SentenceFeatures;
  margin: number;
  held: number;
  quoteRight: boolean;
  span: SpanChoice | null;
  spanRight: boolean;
}
const judged: Judged[] = questions.map((question, q) => {
  const ranked = engine.evidence(question.question, {}, foldModels[foldOf(question)]!);
  const best = ranked[0];
  if (!best) return { features: emptyFeatures(), margin: 0, held: 0, quoteRight: false, span: null, spanRight: false };
  return {
    features: best.features,
    margin: scoreMargin(ranked),
    held: best.held,
    quoteRight: holdsGold(best.sentence.text, question.answers),
    span: best.span,
    spanRight: best.span !== null && bestF1(best.span.candidate.text, question.answers) >= RIGHT_F1 && analyses[q] !== undefined,
  };
});
const quoteExamples: Example[] = judged.map((j, q) => ({
  features: quoteFeatures({ sentence: j.features, margin: j.margin, analysis: analyses[q]!, held: j.held, layout: false }),
  label: j.quoteRight,
}));
const unanswerable = await notInCorpusExamples(1);
log(`quote model: ${unanswerable.length} questions asked of a corpus without their article`);
const docs = values.docs === undefined ? [] : await docsEvidence(values.docs);
const docsExamples = docs.map(({ features, quoteRight }) => ({ features, label: quoteRight }));
if (values.docs !== undefined) log(`quote model: ${docs.length} documentation questions of ${values.docs}, ${share(docsExamples)} right`);
const weighed = (examples: readonly Example[]) => examples.flatMap((example) => Array.from({ length: DOCS_WEIGHT }, () => example));
const quoteWeights = round(
  fitLogistic([...quoteExamples, ...unanswerable, ...weighed(docsExamples)], confidenceFit(QUOTE_FEATURES.column('bias'))),
);
// Whether the corpus answers at all: every train question of an article in the corpus does; none asked of the
// corpus without its article, nor a documentation question the set marks unanswerable, does.
const answerableWeights = round(
  fitLogistic(
    [
      ...quoteExamples.map(({ features }) => ({ features, label: true })),
      ...unanswerable,
      ...weighed(docs.map(({ features, answerable }) => ({ features, label: answerable }))),
    ],
    confidenceFit(QUOTE_FEATURES.column('bias')),
  ),
);
const answerExamples: Example[] = judged.flatMap((j, q) => {
  if (!j.span) return [];
  const quote = logistic(dot(quoteWeights, quoteExamples[q]!.features));
  return [{ features: answerFeatures(quote, j.span, analyses[q]!), label: j.spanRight }];
});
const answerWeights = round(fitLogistic(answerExamples, confidenceFit(ANSWER_FEATURES.column('bias'))));
log(`quote model: ${quoteExamples.length} questions, ${share(quoteExamples)} right`);
log(`answer model: ${answerExamples.length} short answers, ${share(answerExamples)} right`);

const docsNote =
  values.docs === undefined
    ? ''
    : `; quote model also on ${docsExamples.length} questions of the docs of ${basename(resolve(values.docs))}`;
const model: AnswerModel = {
  trainedOn: `npm run train -- <squad> --every ${values.every} --seed ${seed}${values.docs === undefined ? '' : ' --docs <project>'}: SQuAD v1.1 dev, ${titles.length} train articles of split.json, ${questions.length} questions; span model on ${groups.length} sentences${docsNote}`,
  span: spanModel.span,
  quote: { features: [...QUOTE_FEATURES.recorded], weights: quoteWeights },
  answerable: { features: [...QUOTE_FEATURES.recorded], weights: answerableWeights },
  answer: { features: [...ANSWER_FEATURES.recorded], weights: answerWeights },
};
writeFileSync(out, `${modelJson(model)}\n`);
log(`wrote ${out}`);

/** The questions of one fold's articles, asked of the corpus without those articles: the quote cannot hold the answer. */
async function notInCorpusExamples(fold: number): Promise<Example[]> {
  const corpus = join(path!, 'corpus');
  const left = new Set(titles.filter((_, i) => i % 2 === fold));
  const folder = mkdtempSync(join(tmpdir(), 'corpus-qa-train-'));
  try {
    for (const file of readdirSync(corpus)) {
      if (!left.has(file.replace(/__\d+\.txt$/, ''))) symlinkSync(resolve(corpus, file), join(folder, file));
    }
    const reduced = await Engine.fromFolder(folder, { followLinks: true });
    return questions.flatMap((question, q) => {
      if (!left.has(question.title)) return [];
      const ranked = reduced.evidence(question.question, {}, foldModels[foldOf(question)]!);
      const best = ranked[0];
      return best
        ? [
            {
              features: quoteFeatures({
                sentence: best.features,
                margin: scoreMargin(ranked),
                analysis: analyses[q]!,
                held: best.held,
                layout: false,
              }),
              label: false,
            },
          ]
        : [];
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * A documentation project's questions (`questions.jsonl`) asked of its pages, each the quote model's
 * evidence for the answer quoted (abstention off), labelled as the set's scorer would: the quote is right
 * when an expected phrase is in it and it is at most `MAX_SCORED_QUOTE` characters; the question is
 * answerable unless the set marks it not.
 */
async function docsEvidence(folder: string): Promise<{ features: number[]; quoteRight: boolean; answerable: boolean }[]> {
  const docsEngine = await Engine.fromFolder(join(folder, 'corpus'), { abstainBelow: 0 });
  return readJsonLines<DocsQuestion>(join(folder, 'questions.jsonl')).flatMap((question) => {
    const ranked = docsEngine.evidence(question.question, {}, spanModel);
    const best = ranked[0];
    if (!best) return [];
    const analysis = analyzeQuestion(normalizeQuestion(question.question, docsEngine.options.maxQuestionChars));
    const document = docsEngine.document(best.sentence.doc)!;
    const unit = quotedUnit(document, best, analysis, docsEngine.options.maxPassageQuoteChars);
    const quote = document.text.slice(unit.start, unit.end);
    const evidence = { sentence: best.features, margin: scoreMargin(ranked), analysis, held: best.held, layout: best.layout };
    return [{ features: quoteFeatures(evidence), quoteRight: quoteHolds(question, quote), answerable: question.kind !== 'unanswerable' }];
  });
}

/** The model as JSON, one feature (name and scale) a line; `npm run format` lays out the rest. */
function modelJson(value: AnswerModel): string {
  return JSON.stringify(value, null, 1).replace(/\{\s*("name": "(?:[^"\\]|\\.)*"),\s*("scale": "(?:[^"\\]|\\.)*")\s*\}/g, '{ $1, $2 }');
}

function roundGroups(byGroup: Record<string, number[]>): AnswerModel['span']['byType'] {
  return Object.fromEntries(Object.entries(byGroup).map(([group, weights]) => [group, round(weights)]));
}

function share(examples: readonly Example[]): string {
  return (examples.filter((e) => e.label).length / Math.max(1, examples.length)).toFixed(3);
}

function emptyFeatures(): SentenceFeatures {
  return { coverage: 0, proximity: 0, order: 0, passage: 0, position: 0, answerType: 0, heading: 0, prose: 1, faq: 0 };
}
