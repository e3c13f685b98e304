import model from 'wink-eng-lite-web-model';
import winkNLP, { type WinkMethods } from 'wink-nlp';
import { yieldToEventLoop } from '../slices.ts';

/**
 * The wink-nlp pipelines the engine reads text with:
 * - `sentences`: sentence boundaries only, about three times faster than `full`; the corpus loader's.
 * - `tags`: POS tags only; the name recogniser's.
 * - `full`: sentences, POS tags, built-in entities (dates, numbers…) and negation; questions and answers.
 */
const PIPELINES = {
  sentences: ['sbd'],
  tags: ['pos'],
  full: ['sbd', 'pos', 'ner', 'negation'],
} as const;

export type Pipeline = keyof typeof PIPELINES;

const instances = new Map<Pipeline, WinkMethods>();
/** Each instance's lexicon size before it read anything: words it learns later get ids from there on. */
const lexiconSizes = new Map<Pipeline, number>();

/**
 * The one place wink-nlp instances are made: one per pipeline, made on first use (≈120 ms and 9 MB each).
 * Each instance adds the words it reads to its own lexicon, so the pipelines do not share one: what the
 * name recogniser reads never changes how a question is read.
 */
export function nlp(pipeline: Pipeline): WinkMethods {
  let instance = instances.get(pipeline);
  if (!instance) {
    instance = winkNLP(model, [...PIPELINES[pipeline]]);
    instances.set(pipeline, instance);
    const probe = instance.readDoc('qxzvjkwq').tokens().out(instance.its.uniqueId) as unknown as number[];
    lexiconSizes.set(pipeline, probe[0] ?? 0);
  }
  return instance;
}

/**
 * Makes the pipelines' instances now, one per turn of the event loop, so that the first file a reload
 * analyzes does not hold the loop for them (each takes its ≈120 ms in one piece).
 */
export async function preparePipelines(pipelines: readonly Pipeline[]): Promise<void> {
  for (const pipeline of pipelines) {
    await yieldToEventLoop();
    nlp(pipeline);
  }
}

const addons = model.addons as {
  stem: (word: string) => string;
  lemmatize: (word: string, pos: string, lexicon: { hasSamePOS: (word: string, pos: string) => boolean }) => string;
};

/** The model's standalone Porter2 stemmer; no document needs to be read for it. */
export const stemWord = addons.stem;

/** A lexicon in which no regular form is a verb: the model's lemmatizer then returns irregular lemmas alone. */
const NO_REGULAR_FORMS = { hasSamePOS: () => false };

/**
 * The lemma of an irregular verb form ("met" → "meet", "spoke" → "speak"), else the word itself: the
 * model's lemmatizer add-on (the one `its.lemma` calls), told that the word is a verb. Regular forms are
 * left to the stemmer. Reading each word through `its.lemma` would also lemmatize nouns and adjectives
 * ("media" → "medium", "higher" → "high") and cost a document read per word.
 *
 * @example irregularVerbLemma('met') // → 'meet'
 */
export function irregularVerbLemma(word: string): string {
  return addons.lemmatize(word, 'VERB', NO_REGULAR_FORMS);
}

const commonWords = new Map<string, boolean>();

/**
 * Whether a lower-case word is in the model's lexicon as a common word ("currently", "time", not
 * "abbasov"). Proper nouns the lexicon knows ("Portugal") carry a capitalised lemma and do not count.
 * Read with the `tags` instance, whose lexicon size before any reading tells a known word from a learnt
 * one. Memoised: a corpus repeats its words.
 */
export function isCommonWord(lower: string): boolean {
  let known = commonWords.get(lower);
  if (known === undefined) {
    const wink = nlp('tags');
    const tokens = wink.readDoc(lower).tokens();
    const id = (tokens.out(wink.its.uniqueId) as unknown as number[])[0] ?? Number.POSITIVE_INFINITY;
    // wink's typings declare `its.lemma` with the model add-ons argument that `out` does not type.
    const outAny = tokens.out.bind(tokens) as (accessor: unknown) => string[];
    const lemma = outAny(wink.its.lemma)[0] ?? '';
    known = id < (lexiconSizes.get('tags') ?? 0) && lemma === lemma.toLowerCase() && /\p{L}/u.test(lower);
    commonWords.set(lower, known);
  }
  return known;
}
