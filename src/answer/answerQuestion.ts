import { citationOf } from '../corpus/citation.ts';
import type { Citation, CorpusDocument, Sentence } from '../corpus/corpusDocument.ts';
import type { EngineOptions } from '../options.ts';
import type { PassageRetriever } from '../search/retriever.ts';
import { UNHELD_TERM } from '../text/terms.ts';
import { type AnalyzedSentence, analyzeSentence } from '../text/tokens.ts';
import { askedDefault } from '../vocabulary/askedDefault.ts';
import type { PhraseBridge } from '../vocabulary/phraseBridge.ts';
import type { RelatedTerm } from '../vocabulary/relatedTerm.ts';
import { wordNetRelatedTerms } from '../vocabulary/wordNetRelated.ts';
import { analyzeQuestion } from './analyzeQuestion.ts';
import type { AnswerOptions, RankedSentence, StandaloneAnswer } from './answer.ts';
import { type AnswerModel, dot, logistic } from './answerModel.ts';
import { typeOfNoun } from './answerTypes.ts';
import { FAQ_ENTRY_MATCH, quotedUnit } from './answerUnit.ts';
import { applyFeedback, isDemoted } from './applyFeedback.ts';
import { answerCandidates, hasAnswerType } from './candidates.ts';
import { chooseSpan, scoreCandidates } from './chooseSpan.ts';
import { answerFeatures, heldShare, quoteFeatures, type SpanChoice } from './confidenceFeatures.ts';
import type { Confidences, SentenceEvidence } from './evidence.ts';
import { nounPhrases } from './phrases.ts';
import { RememberedPhrasings } from './phrasings.ts';
import { preferDocument, withTopic } from './preferDocument.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';
import { bySentenceScore, combine, rankSentences, type ScoredSentence, type SentenceCandidate } from './rankSentences.ts';
import { type Neighbours, referentCandidates } from './referentCandidates.ts';
import { shortAnswerOf } from './shortAnswer.ts';

/** What answering needs from the engine. */
export interface AnswerContext {
  index: PassageRetriever;
  document(id: string): CorpusDocument | undefined;
  /** Index terms of a document's title: they count as present in each of its sentences. */
  titleTerms(doc: string): ReadonlySet<string>;
  options: EngineOptions;
  /** The learned span and confidence models (the committed answerModel.json unless training another). */
  model: AnswerModel;
  /** The corpus folder's glossary: members' words for the documentation's. */
  glossary?: PhraseBridge;
  /** The names the documents give one thing ("command line interface" = "CLI"). */
  givenNames?: PhraseBridge;
  /** "Who is X?" answered from what the corpus says of X as an entity, when it knows X. */
  describe?(subject: string): { answer: string; source: Citation } | undefined;
  /** The ranking worked out for the same question and options before, if kept (`RecentRankings`); else `rank()`. */
  remember?(question: string, options: AnswerOptions, rank: () => readonly SentenceEvidence[]): readonly SentenceEvidence[];
}

/** A description of an entity carries no span-model evidence: the answer model sees a neutral span. */
const DESCRIBED_SPAN: SpanChoice = { probability: 0.5, margin: 0, kind: 'definition', fit: 1 };

/**
 * Answers a question: retrieve passages, rank their sentences, extract the span, abstain when the best
 * evidence is too weak. `text` is the question as `normalizeQuestion` returns it.
 */
export function answerQuestion(context: AnswerContext, text: string, options: AnswerOptions = {}): StandaloneAnswer {
  const analysis = analyzeQuestion(text);
  const top = options.top ?? context.options.topSentences;
  const rank = () => rankEvidence(context, analysis, options);
  const ranked = context.remember ? context.remember(text, options, rank) : rank();
  const best = ranked[0];
  const nearest = nearestSources(context, ranked);
  const sentences = ranked.slice(0, top).map((evidence) => toRankedSentence(context, evidence));
  const judged = judgeEvidence(analysis, ranked, context.model);
  const abstain = { question: text, answered: false, answer: null, answerConfidence: null, quote: null, source: null, sentences, nearest };
  const asked = best !== undefined && best.features.faq >= FAQ_ENTRY_MATCH;
  if (!best || (judged.answerable < context.options.abstainBelow && !asked)) return { ...abstain, confidence: judged.quote };
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
  const document = context.document(best.sentence.doc);
  const short = shortAnswerOf(document, best, analysis, judged);
  const shown = shownAnswer(short.text, short.confidence, context.options);
  const unit = document ? quotedUnit(document, best, analysis, context.options.maxPassageQuoteChars) : { ...best.sentence, blocks: [] };
  return {
    question: text,
    answered: true,
    ...shown,
    ...(short.from && shown.answer !== null && { answerFrom: short.from }),
    quote: document ? document.text.slice(unit.start, unit.end) : best.sentence.text,
    ...(unit.blocks.length > 0 && {
      quoteLayout: unit.blocks.map((block) => ({ ...block, start: block.start - unit.start, end: block.end - unit.start })),
    }),
    source: document ? citationOf(document, unit) : citation(context, best.sentence),
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
 * The calibrated judgements of the best evidence (answerModel.json), from the sentence's ranking features,
 * its lead over other documents (`scoreMargin`), how much of the question the corpus holds
 * (`SentenceEvidence.held`) and whether its document is documentation (`layout`): P(the quote holds the
 * answer); P(the corpus answers the question at all); and P(the short answer is right), from the first and
 * the span model's view of the chosen span.
 */
export function judgeEvidence(analysis: QuestionAnalysis, ranked: readonly SentenceEvidence[], model: AnswerModel): Confidences {
  const [best] = ranked;
  if (!best) return { quote: 0, answer: null, answerable: 0 };
  const evidence = quoteFeatures({ sentence: best.features, margin: scoreMargin(ranked), analysis, held: best.held, layout: best.layout });
  const quote = logistic(dot(model.quote.weights, evidence));
  return {
    quote,
    answer: best.span ? answerConfidenceOf(quote, best.span, analysis, model) : null,
    answerable: logistic(dot(model.answerable.weights, evidence)),
  };
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
  const related = relatedTermsIn(context, analysis);
  const retrieved = index.retrieve(analysis.text, { limit: engineOptions.passagesToRank, doc: options.doc, related });
  let hits = retrieved.hits;
  if (options.prefer !== undefined && options.doc === undefined) {
    hits = preferDocument(
      hits,
      index.retrieve(analysis.text, { limit: engineOptions.passagesToRank, doc: options.prefer.doc, related }).hits,
    );
  }
  const phrasings = context.options.vocabulary.feedback ? new RememberedPhrasings(options.feedback?.phrasings ?? []) : undefined;
  if (phrasings && phrasings.size > 0 && options.doc === undefined) {
    hits = phrasings.withSources(hits, analysis.terms, (id) => context.document(id));
  }
  // Sentences are ranked by index terms: a misspelt question word counts as the terms retrieval read it as.
  const corrected = analysis.terms.flatMap((term) => retrieved.corrections.get(term) ?? [term]);
  const read = { ...analysis, terms: [...new Set(corrected)], related };
  const candidates: SentenceCandidate[] = [];
  if (options.doc !== undefined) {
    const scores = new Map(hits.map((hit) => [hit.passage.id, hit.score]));
    for (const passage of context.document(options.doc)?.passages ?? []) {
      for (const sentence of passage.sentences)
        candidates.push({ sentence, passageScore: scores.get(passage.id) ?? 0, headings: passage.headings });
    }
  } else {
    for (const hit of hits)
      for (const sentence of hit.passage.sentences) candidates.push({ sentence, passageScore: hit.score, headings: hit.passage.headings });
  }
  const ranked = rankSentences(
    read,
    candidates,
    (term) => index.idf(term),
    weights,
    inheritedTerms(
      withTopic((doc) => context.titleTerms(doc), options.doc === undefined ? options.prefer : undefined),
      phrasings,
    ),
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
  const held = heldShare(heldReading(analysis.terms, retrieved.corrections), (term) => index.idf(term));
  return ordered.map((scored, i) => {
    const sentence = analyzed.get(scored);
    const layout = (context.document(scored.sentence.doc)?.blocks.length ?? 0) > 0;
    return { ...(i < spanSentences && sentence ? withSpan(context, scored, sentence, read) : unread(scored)), held, layout };
  });
}

/**
 * A word of this many characters or fewer that the corpus lacks is too close to too many corpus words for its
 * spelling correction to say the corpus holds it: "saml" is read as "sampl", "quic" as "quick", "shud" as
 * "shut", and a question about a name the pages never mention would count as held.
 */
const MAX_UNTRUSTED_CORRECTION = 4;

/**
 * The question's terms as `SentenceEvidence.held` reads them: a misspelt word as its corrections, unless it is
 * too short for them to be trusted (`MAX_UNTRUSTED_CORRECTION`); retrieval and ranking still read it corrected.
 */
export function heldReading(terms: readonly string[], corrections: ReadonlyMap<string, readonly string[]>): string[] {
  const read = terms.flatMap((term) => {
    const corrected = corrections.get(term);
    return corrected && term.length > MAX_UNTRUSTED_CORRECTION ? corrected : [term];
  });
  return [...new Set(read)];
}

/**
 * The related terms that bridge the question's words to the corpus's, from each source the engine reads
 * (`EngineOptions.vocabulary`): the glossary's words for the members' words the question says; the other
 * name the corpus gives a thing the question names ("CLI" for "command line interface"); "default" for a
 * question that asks for one in other words ("if I don't pick one"); WordNet's
 * words only for a question word no passage holds (where the corpus uses the question's own word, a
 * synonym would only add noise).
 */
function relatedTermsIn(context: AnswerContext, analysis: QuestionAnalysis): RelatedTerm[] {
  const { vocabulary } = context.options;
  const related: RelatedTerm[] = [];
  if (vocabulary.glossary && context.glossary) related.push(...context.glossary.relatedTerms(analysis.terms));
  if (vocabulary.corpusNames && context.givenNames) related.push(...context.givenNames.relatedTerms(analysis.terms));
  if (vocabulary.idioms) related.push(...askedDefault(analysis.text, analysis.terms));
  if (vocabulary.wordNet) {
    const unheld = context.index.idf(UNHELD_TERM);
    const unknown = analysis.words.filter((word) => context.index.idf(word.term) >= unheld);
    if (unknown.length > 0) related.push(...wordNetRelatedTerms(unknown, analysis.terms));
  }
  return related;
}

/**
 * The terms a sentence counts as saying besides its own: its document's title's (or the preferred
 * document's topic's), and the words of the questions readers said it answers.
 */
function inheritedTerms(
  titleTerms: (doc: string) => ReadonlySet<string>,
  phrasings: RememberedPhrasings | undefined,
): (sentence: Sentence) => ReadonlySet<string> {
  if (!phrasings || phrasings.size === 0) return (sentence) => titleTerms(sentence.doc);
  return (sentence) => {
    const heard = phrasings.termsOf(sentence);
    return heard.size === 0 ? titleTerms(sentence.doc) : new Set([...titleTerms(sentence.doc), ...heard]);
  };
}

function unread(scored: ScoredSentence): Omit<SentenceEvidence, 'held' | 'layout'> {
  return { ...scored, candidates: [], span: null };
}

/** Every candidate of the sentence scored by the span model, and the one chosen. */
function withSpan(
  context: AnswerContext,
  scored: ScoredSentence,
  analyzed: AnalyzedSentence,
  analysis: QuestionAnalysis,
): Omit<SentenceEvidence, 'held' | 'layout'> {
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
