import { termsOf } from '../text/terms.ts';
import type { RelatedSource, RelatedTerm } from './relatedTerm.ts';

/** Words someone may say (`said`) for words the corpus uses (`means`). */
export interface PhrasePair {
  said: string;
  means: string;
}

interface Phrase {
  terms: readonly string[];
  stands: readonly string[];
}

/**
 * Phrases that stand for other words: when a question says a phrase (its terms in order, stop words
 * aside), the words it stands for are searched too, each standing for the phrase's terms at `weight`.
 */
export class PhraseBridge {
  /** The phrases by their first term: a question is looked up by its own terms, not against every phrase. */
  private readonly byFirstTerm = new Map<string, Phrase[]>();

  constructor(
    pairs: readonly PhrasePair[],
    private readonly as: { weight: number; source: RelatedSource },
  ) {
    for (const pair of pairs) {
      const phrase = { terms: termsOf(pair.said, { names: true }), stands: termsOf(pair.means, { names: true }) };
      if (phrase.terms.length === 0 || phrase.stands.length === 0) continue;
      const list = this.byFirstTerm.get(phrase.terms[0]!);
      if (list) list.push(phrase);
      else this.byFirstTerm.set(phrase.terms[0]!, [phrase]);
    }
  }

  /** The words each phrase the question's terms say stands for, but those the question says already. */
  relatedTerms(questionTerms: readonly string[]): RelatedTerm[] {
    const related: RelatedTerm[] = [];
    const phrases = new Set(questionTerms.flatMap((term) => this.byFirstTerm.get(term) ?? []));
    for (const phrase of phrases) {
      if (!saysInOrder(questionTerms, phrase.terms)) continue;
      for (const of of phrase.terms) {
        for (const term of phrase.stands) {
          if (!questionTerms.includes(term)) related.push({ term, of, ...this.as });
        }
      }
    }
    return related;
  }
}

/** Whether `phrase` stands in `terms` as consecutive terms. */
function saysInOrder(terms: readonly string[], phrase: readonly string[]): boolean {
  for (let start = 0; start + phrase.length <= terms.length; start += 1) {
    if (phrase.every((term, i) => terms[start + i] === term)) return true;
  }
  return false;
}
