import { preferDocument, withTopic } from '../conversation/preferDocument.ts';
import { citationOf } from '../corpus/citation.ts';
import type { Citation, CorpusDocument, Sentence, TextSpan } from '../corpus/types.ts';
import type { EngineOptions, RankingWeights } from '../options.ts';
import type { PassageRetriever } from '../search/retriever.ts';
import { analyzeSentence } from '../text/tokens.ts';
import { analyzeQuestion, type QuestionAnalysis } from './analyzeQuestion.ts';
import { answerCandidates } from './answerCandidates.ts';
import { applyFeedback, isDemoted } from './applyFeedback.ts';
import { chooseSpan } from './chooseSpan.ts';
import { definitionSpan } from './definitionSpan.ts';
import { normalizeQuestion } from './normalizeQuestion.ts';
import { bySentenceScore, combine, rankSentences, type ScoredSentence, type SentenceCandidate } from './rankSentences.ts';
import type { AnswerOptions, RankedSentence, StandaloneAnswer } from './types.ts';

/** What answering needs from the engine. */
export interface AnswerContext {
  index: PassageRetriever;
  document(id: string): CorpusDocument | undefined;
  /** Index terms of a document's title: they count as present in each of its sentences. */
  titleTerms(doc: string): ReadonlySet<string>;
  options: EngineOptions;
  /** "Who is X?" answered from what the corpus says of X as an entity, when it knows X. */
  describe?(subject: string): { answer: string; source: Citation } | undefined;
}

/** A ranked sentence with the answer span found in it (offsets into the sentence), if any. */
export interface SentenceEvidence extends ScoredSentence {
  span: TextSpan | null;
}

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
  const confidence = best ? confidenceOf(best) : 0;
  const sentences = ranked.slice(0, top).map((evidence) => toRankedSentence(context, evidence));
  if (!best || confidence < context.options.abstainBelow) {
    return { question: text, answered: false, answer: null, quote: null, source: null, confidence, sentences, nearest };
  }
  const described =
    analysis.expected === 'definition' && analysis.subject !== null && options.doc === undefined
      ? context.describe?.(analysis.subject)
      : undefined;
  if (described && !isDemoted(described.source, options.feedback)) {
    return {
      question: text,
      answered: true,
      answer: described.answer,
      quote: quoteOf(context, described.source),
      source: described.source,
      confidence,
      sentences,
      nearest,
    };
  }
  const source = citation(context, best.sentence);
  // The short answer is shown, not quoted: runs of white space (no-break spaces included) read as one space.
  const answer = best.span ? best.sentence.text.slice(best.span.start, best.span.end).replace(/\s+/g, ' ') : null;
  return { question: text, answered: true, answer, quote: best.sentence.text, source, confidence, sentences, nearest };
}

/**
 * The sentences that best answer the question, best first. With `doc` and `top`, every sentence of that
 * document is ranked (answer-sentence selection); otherwise those of the best retrieved passages. Readers'
 * feedback, when given, reorders the result (applyFeedback).
 */
export function rankEvidence(context: AnswerContext, analysis: QuestionAnalysis, options: AnswerOptions = {}): SentenceEvidence[] {
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
  const analyzed = ranked.slice(0, engineOptions.sentencesToAnalyze).map((scored) => withAnswerEvidence(scored, read, weights));
  const evidence = [
    ...analyzed.sort(bySentenceScore),
    ...ranked.slice(engineOptions.sentencesToAnalyze).map((scored) => ({ ...scored, span: null })),
  ];
  return applyFeedback(evidence, options.feedback);
}

function withAnswerEvidence(scored: ScoredSentence, analysis: QuestionAnalysis, weights: RankingWeights): SentenceEvidence {
  const analyzed = analyzeSentence(scored.sentence.text);
  const span =
    analysis.expected === 'definition' && analysis.subject !== null
      ? definitionSpan(analyzed, analysis.subject)
      : chooseSpan(analyzed, answerCandidates(analyzed, analysis), analysis);
  const features = { ...scored.features, answerType: span ? 1 : 0 };
  return { sentence: scored.sentence, features, score: combine(features, weights), span };
}

/**
 * How sure the engine is, 0..1: mostly how much of the question (IDF-weighted) the sentence holds, with
 * credit for tight matches and for holding a phrase of the expected type.
 */
function confidenceOf(evidence: SentenceEvidence): number {
  const { coverage, proximity, answerType } = evidence.features;
  return Math.min(1, 0.7 * coverage + 0.15 * proximity + 0.15 * answerType);
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
