import { preferDocument, withTopic } from '../conversation/preferDocument.ts';
import { citationOf } from '../corpus/citation.ts';
import type { Citation, CorpusDocument, Sentence } from '../corpus/types.ts';
import type { EngineOptions } from '../options.ts';
import type { PassageRetriever } from '../search/retriever.ts';
import { type AnalyzedSentence, analyzeSentence } from '../text/tokens.ts';
import { analyzeQuestion } from './analyzeQuestion.ts';
import { type AnswerModel, dot, logistic } from './answerModel.ts';
import { typeOfNoun } from './answerTypes.ts';
import { applyFeedback, isDemoted } from './applyFeedback.ts';
import { answerCandidates, hasAnswerType } from './candidates.ts';
import { type ChosenSpan, chooseSpan, type ScoredCandidate, scoreCandidates } from './chooseSpan.ts';
import { answerFeatures, heldShare, quoteFeatures, type SpanChoice } from './confidenceFeatures.ts';
import { normalizeQuestion } from './normalizeQuestion.ts';
import { nounPhrases } from './phrases.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';
import { bySentenceScore, combine, rankSentences, type ScoredSentence, type SentenceCandidate } from './rankSentences.ts';
import { type Neighbours, referentCandidates } from './referents.ts';
import type { AnswerOptions, RankedSentence, StandaloneAnswer } from './types.ts';

/** What answering needs from the engine. */
export interface AnswerContext {
  index: PassageRetriever;
  document(id: string): CorpusDocument | undefined;
  /** Index terms of a document's title: they count as present in each of its sentences. */
  titleTerms(doc: string): ReadonlySet<string>;
  options: EngineOptions;
  /** The learned span and confidence models (the committed answerModel.json unless training another). */
  model: AnswerModel;
  /** "Who is X?" answered from what the corpus says of X as an entity, when it knows X. */
  describe?(subject: string): { answer: string; source: Citation } | undefined;
}

/** A ranked sentence with its scored answer candidates (best first) and the short answer chosen, if any. */
export interface SentenceEvidence extends ScoredSentence {
  candidates: ScoredCandidate[];
  span: ChosenSpan | null;
  /**
   * The IDF-weighted share of the question's terms, as retrieval read them (a misspelt word as its close
   * spelling), that some passage holds (`heldShare`): the same for every sentence of one ranking.
   */
  held: number;
}

/** The two confidences of an answer: that the quote holds the answer, and that the short answer is right. */
export interface Confidences {
  quote: number;
  answer: number | null;
}

/** A description of an entity carries no span-model evidence: the answer model sees a neutral span. */
const DESCRIBED_SPAN: SpanChoice = { probability: 0.5, margin: 0, kind: 'definition', fit: 1 };

/**
 * Answers a question: retrieve passages, rank their sentences, extract the span, abstain when the best
 * evidence is too weak. Throws InvalidQuestionError for an empty or oversized question.
 */
export function answerQuestion(context: AnswerContext, question: string, options: AnswerOptions = {}): StandaloneAnswer {
  const text = normalizeQuestion(question, context.options.maxQuestionChars);
  const analysis = analyzeQuestion(text);
  const top = options.top ?? context.options.topSentences;
  const ranked = rankEvidence(context, analysis, options);
  const best = ranked[0];
  const nearest = nearestSources(context, ranked);
  const sentences = ranked.slice(0, top).map((evidence) => toRankedSentence(context, evidence));
  const judged = judgeEvidence(analysis, ranked, context.model);
  const abstain = { question: text, answered: false, answer: null, answerConfidence: null, quote: null, source: null, sentences, nearest };
  if (!best || judged.quote < context.options.abstainBelow) return { ...abstain, confidence: judged.quote };
  const described =
    analysis.expected === 'definition' && analysis.subject !== null && options.doc === undefined && best.span === null
      ? context.describe?.(analysis.subject)
      : undefined;
  if (described && !isDemoted(described.source, options.feedback)) {
    const answerConfidence = answerConfidenceOf(judged.quote, DESCRIBED_SPAN, analysis, context.model);
    return {
      question: text,
      answered: true,
      ...shownAnswer(described.answer, answerConfidence, context.options),
      quote: quoteOf(context, described.source),
      source: described.source,
      confidence: judged.quote,
      sentences,
      nearest,
    };
  }
  // The short answer is shown, not quoted: runs of white space (no-break spaces included) read as one space.
  const spanText = best.span ? best.span.candidate.text.replace(/\s+/g, ' ') : null;
  return {
    question: text,
    answered: true,
    ...shownAnswer(spanText, judged.answer, context.options),
    quote: best.sentence.text,
    source: citation(context, best.sentence),
    confidence: judged.quote,
    sentences,
    nearest,
  };
}

/** A short answer less likely right than `minAnswerConfidence` is withheld: the quote alone answers. */
function shownAnswer(
  text: string | null,
  confidence: number | null,
  options: EngineOptions,
): { answer: string | null; answerConfidence: number | null } {
  if (text === null || confidence === null || confidence < options.minAnswerConfidence) return { answer: null, answerConfidence: null };
  return { answer: text, answerConfidence: confidence };
}

/**
 * The calibrated confidences of the best evidence (answerModel.json): P(the quote holds the answer), from
 * the sentence's ranking features, its lead over other documents (`scoreMargin`) and how much of the question the corpus
 * holds (`SentenceEvidence.held`); P(the short answer is right), from that
 * and the span model's view of the chosen span.
 */
export function judgeEvidence(analysis: QuestionAnalysis, ranked: readonly SentenceEvidence[], model: AnswerModel): Confidences {
  const [best] = ranked;
  if (!best) return { quote: 0, answer: null };
  const quote = logistic(dot(model.quote.weights, quoteFeatures(best.features, scoreMargin(ranked), analysis, best.held)));
  return { quote, answer: best.span ? answerConfidenceOf(quote, best.span, analysis, model) : null };
}

/** How far the best sentence leads the best sentence of any other document in ranking score (1 when none competes). */
export function scoreMargin(ranked: readonly ScoredSentence[]): number {
  const [best] = ranked;
  // A sentence of the same document that scores close behind says the same thing again more often than it
  // competes ("the multilateral treaty between Iran, Turkey…" twice in one article): the lead that tells is
  // the lead over the best sentence of another document.
  const rival = ranked.find((scored) => scored.sentence.doc !== best?.sentence.doc);
  return best && rival ? best.score - rival.score : 1;
}

function answerConfidenceOf(quote: number, span: SpanChoice, analysis: QuestionAnalysis, model: AnswerModel): number {
  return logistic(dot(model.answer.weights, answerFeatures(quote, span, analysis)));
}

/**
 * The sentences that best answer the question, best first. With `doc` and `top`, every sentence of that
 * document is ranked (answer-sentence selection); otherwise those of the best retrieved passages. The best
 * few are read with wink-nlp for evidence of the expected answer type, and re-ranked; readers' feedback,
 * when given, reorders the result (applyFeedback); then the best `spanSentences` (1 when answering; more
 * when training) get the costlier span analysis: names, every candidate phrase, the span model.
 */
export function rankEvidence(
  context: AnswerContext,
  analysis: QuestionAnalysis,
  options: AnswerOptions = {},
  spanSentences = 1,
): SentenceEvidence[] {
  const { index, options: engineOptions } = context;
  const weights = options.doc === undefined ? engineOptions.ranking : engineOptions.documentRanking;
  if (analysis.terms.length === 0) return [];
  const retrieved = index.retrieve(analysis.text, { limit: engineOptions.passagesToRank, doc: options.doc });
  let hits = retrieved.hits;
  if (options.prefer !== undefined && options.doc === undefined) {
    hits = preferDocument(hits, index.retrieve(analysis.text, { limit: engineOptions.passagesToRank, doc: options.prefer.doc }).hits);
  }
  // Sentences are ranked by index terms: a misspelt question word counts as the terms retrieval read it as.
  const corrected = analysis.terms.flatMap((term) => retrieved.corrections.get(term) ?? [term]);
  const read = { ...analysis, terms: [...new Set(corrected)] };
  const candidates: SentenceCandidate[] = [];
  if (options.doc !== undefined) {
    const scores = new Map(hits.map((hit) => [hit.passage.id, hit.score]));
    for (const passage of context.document(options.doc)?.passages ?? []) {
      for (const sentence of passage.sentences) candidates.push({ sentence, passageScore: scores.get(passage.id) ?? 0 });
    }
  } else {
    for (const hit of hits) for (const sentence of hit.passage.sentences) candidates.push({ sentence, passageScore: hit.score });
  }
  const ranked = rankSentences(
    read,
    candidates,
    (term) => index.idf(term),
    weights,
    withTopic((doc) => context.titleTerms(doc), options.doc === undefined ? options.prefer : undefined),
  );
  const analyzed = new Map<ScoredSentence, AnalyzedSentence>();
  const typed = ranked.slice(0, engineOptions.sentencesToAnalyze).map((scored) => {
    const sentence = analyzeSentence(scored.sentence.text);
    const features = { ...scored.features, answerType: hasAnswerType(sentence, read) ? 1 : 0 };
    const evidence = { sentence: scored.sentence, features, score: combine(features, weights) };
    analyzed.set(evidence, sentence);
    return evidence;
  });
  const ordered = applyFeedback([...typed.sort(bySentenceScore), ...ranked.slice(engineOptions.sentencesToAnalyze)], options.feedback);
  const held = heldShare(read.terms, (term) => index.idf(term));
  return ordered.map((scored, i) => {
    const sentence = analyzed.get(scored);
    return { ...(i < spanSentences && sentence ? withSpan(context, scored, sentence, read) : unread(scored)), held };
  });
}

function unread(scored: ScoredSentence): Omit<SentenceEvidence, 'held'> {
  return { ...scored, candidates: [], span: null };
}

/** Every candidate of the sentence scored by the span model, and the one chosen. */
function withSpan(
  context: AnswerContext,
  scored: ScoredSentence,
  analyzed: AnalyzedSentence,
  analysis: QuestionAnalysis,
): Omit<SentenceEvidence, 'held'> {
  const candidates = answerCandidates(analyzed, analysis);
  if (analysis.expected === 'person' && mayNameByReference(analyzed)) {
    const neighbours = neighbourTexts(context, scored.sentence);
    candidates.push(...referentCandidates(analyzed, neighbours, nounPhrases(analyzed.tokens), typeOfNoun));
  }
  const scoredCandidates = scoreCandidates(analyzed, candidates, analysis, context.model);
  return { ...scored, candidates: scoredCandidates, span: chooseSpan(scoredCandidates, analysis) };
}

/** "he said", "Iran's Minister of ICT asked…": a person named by pronoun or by title alone. */
function mayNameByReference(sentence: AnalyzedSentence): boolean {
  return sentence.tokens.some(
    (token) =>
      (token.pos === 'PRON' && /^(he|she)$/i.test(token.value)) ||
      ((token.pos === 'NOUN' || token.pos === 'PROPN') && typeOfNoun(token.lemma) === 'person'),
  );
}

/** Up to two sentences on each side of one in its document, nearest first. */
function neighbourTexts(context: AnswerContext, sentence: Sentence): Neighbours {
  const all = context.document(sentence.doc)?.passages.flatMap((passage) => passage.sentences) ?? [];
  const at = all.findIndex((s) => s.start === sentence.start);
  if (at === -1) return { before: [], after: [] };
  return {
    before: all
      .slice(Math.max(0, at - 2), at)
      .reverse()
      .map((s) => s.text),
    after: all.slice(at + 1, at + 3).map((s) => s.text),
  };
}

/** The public shape of a ranked sentence. */
export function toRankedSentence(context: AnswerContext, evidence: ScoredSentence): RankedSentence {
  const { sentence } = evidence;
  const path = context.document(sentence.doc)?.path ?? sentence.doc;
  return { text: sentence.text, doc: sentence.doc, path, start: sentence.start, end: sentence.end, score: round(evidence.score) };
}

function citation(context: AnswerContext, sentence: Sentence): Citation {
  const document = context.document(sentence.doc);
  if (document) return citationOf(document, sentence);
  return {
    doc: sentence.doc,
    title: sentence.doc,
    path: sentence.doc,
    url: null,
    date: null,
    start: sentence.start,
    end: sentence.end,
    location: null,
    elided: null,
  };
}

function quoteOf(context: AnswerContext, source: Citation): string {
  return context.document(source.doc)?.text.slice(source.start, source.end) ?? '';
}

/** Distinct documents of the ranking, best first, each cited at its best sentence. */
function nearestSources(context: AnswerContext, ranked: readonly SentenceEvidence[], limit = 5): Citation[] {
  const seen = new Set<string>();
  const sources: Citation[] = [];
  for (const evidence of ranked) {
    if (seen.has(evidence.sentence.doc)) continue;
    seen.add(evidence.sentence.doc);
    sources.push(citation(context, evidence.sentence));
    if (sources.length === limit) break;
  }
  return sources;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
