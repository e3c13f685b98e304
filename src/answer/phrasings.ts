import type { CorpusDocument, Passage, Sentence } from '../corpus/corpusDocument.ts';
import type { PassageHit } from '../search/retriever.ts';
import { termsOf } from '../text/terms.ts';
import type { Phrasing } from './answer.ts';

/** A remembered phrasing shares at least this share of a question's terms to bring its source to the question. */
const SAME_QUESTION_SHARE = 0.5;

interface Heard {
  terms: ReadonlySet<string>;
  source: Phrasing['source'];
}

/**
 * Questions readers said a quote answers (`RankingFeedback.phrasings`): each sentence of a quote counts as
 * saying the words of the questions it answered, as a sentence counts as saying its title's, so a
 * community's own words find the passage it voted for; and a question put much the same way brings that
 * passage to the ranking even when retrieval would not.
 */
export class RememberedPhrasings {
  private readonly heard: Heard[];

  constructor(phrasings: readonly Phrasing[]) {
    this.heard = phrasings.map(({ question, source }) => ({ terms: new Set(termsOf(question, { names: true })), source }));
  }

  get size(): number {
    return this.heard.length;
  }

  /** The words readers used for what this sentence answers. */
  termsOf(sentence: Pick<Sentence, 'doc' | 'start' | 'end'>): ReadonlySet<string> {
    const terms = new Set<string>();
    for (const { terms: said, source } of this.heard) {
      if (source.doc === sentence.doc && source.start <= sentence.start && sentence.end <= source.end)
        for (const term of said) terms.add(term);
    }
    return terms;
  }

  /**
   * The passages of the quotes readers said answer a question put much the same way, as retrieval hits
   * scored like the best hit, added to `hits` where missing.
   */
  withSources(
    hits: readonly PassageHit[],
    questionTerms: readonly string[],
    document: (id: string) => CorpusDocument | undefined,
  ): PassageHit[] {
    const asked = new Set(questionTerms);
    const lift = hits[0]?.score ?? 1;
    const have = new Set(hits.map((hit) => hit.passage.id));
    const added: PassageHit[] = [];
    for (const { terms, source } of this.heard) {
      const shared = questionTerms.filter((term) => terms.has(term)).length;
      if (asked.size === 0 || shared / asked.size < SAME_QUESTION_SHARE) continue;
      for (const passage of passagesOf(document(source.doc), source)) {
        if (have.has(passage.id)) continue;
        have.add(passage.id);
        added.push({ passage, score: lift });
      }
    }
    return [...added, ...hits];
  }
}

function passagesOf(document: CorpusDocument | undefined, span: { start: number; end: number }): Passage[] {
  return document?.passages.filter((passage) => passage.start < span.end && span.start < passage.end) ?? [];
}
