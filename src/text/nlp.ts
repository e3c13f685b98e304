import model from 'wink-eng-lite-web-model';
import winkNLP, { type WinkMethods } from 'wink-nlp';

let sentenceSplitter: WinkMethods | undefined;
let fullPipeline: WinkMethods | undefined;

/**
 * wink-nlp with only sentence boundary detection: about three times faster than the full pipeline,
 * and all the corpus loader needs.
 */
export function sentenceNlp(): WinkMethods {
  sentenceSplitter ??= winkNLP(model, ['sbd']);
  return sentenceSplitter;
}

/** wink-nlp with POS tags and its built-in entities (dates, numbers…), for questions and candidate sentences. */
export function fullNlp(): WinkMethods {
  fullPipeline ??= winkNLP(model, ['sbd', 'pos', 'ner', 'negation']);
  return fullPipeline;
}

/** The model's standalone Porter2 stemmer; no document needs to be read for it. */
export const stemWord = (model.addons as { stem: (word: string) => string }).stem;
