import type { AnalyzedSentence } from '../text/tokens.ts';
import type { AnswerCandidate, AnswerType } from './candidate.ts';
import { nounClass } from './nounClass.ts';
import type { QuestionAnalysis } from './questionAnalysis.ts';
import { definitionCandidates, mannerClauses, measureCandidates, reasonClauses, thatClauses, yearCandidates } from './typedSpans.ts';

/** How one answer type is asked for and found. */
export interface AnswerTypeRule {
  /** Head nouns ("which company", "what year") that ask for this type before WordNet is asked. */
  headNouns: readonly string[];
  /** Classes of phrase that answer it, best first; empty when any phrase may. */
  accepts: readonly AnswerType[];
  /** Phrases of this type beyond the names, noun phrases, numbers and dates every sentence offers. */
  extract?: (sentence: AnalyzedSentence, analysis: QuestionAnalysis) => AnswerCandidate[];
  /** Only the extracted phrases answer (a definition is read, not picked among noun phrases). */
  extractedOnly?: boolean;
  /**
   * A candidate that the sentence introduces in the question's own words is the party the question names,
   * not its answer, unless the question's verb is "be" (see `chooseSpan`).
   */
  describedIsOtherParty?: boolean;
}

/**
 * Every answer type in one table: a new type is an entry here, plus a question-word rule in
 * `analyzeQuestion` when a question word (rather than a head noun) asks for it.
 */
export const ANSWER_TYPES: Record<AnswerType, AnswerTypeRule> = {
  person: {
    headNouns: [
      'person',
      'people',
      'minister',
      'president',
      'leader',
      'man',
      'woman',
      'player',
      'ceo',
      'chairman',
      'director',
      'actor',
      'actress',
      'singer',
      'author',
      'writer',
      'king',
      'queen',
      'official',
      'manager',
      'coach',
      'founder',
      'chief',
      'member',
      'ambassador',
      'head',
      'politician',
      'scientist',
      'artist',
      'composer',
      'emperor',
      'pope',
    ],
    accepts: ['person', 'organization'],
    describedIsOtherParty: true,
  },
  organization: {
    headNouns: [
      'company',
      'firm',
      'organization',
      'organisation',
      'agency',
      'ministry',
      'team',
      'club',
      'party',
      'group',
      'operator',
      'provider',
      'bank',
      'band',
      'network',
      'newspaper',
      'channel',
      'airline',
      'institution',
      'body',
      'union',
      'association',
      'corporation',
      'brand',
      'label',
      'studio',
      'league',
      'government',
      'army',
      'court',
      'council',
    ],
    accepts: ['organization', 'facility', 'person'],
  },
  place: {
    headNouns: [
      'country',
      'city',
      'place',
      'region',
      'state',
      'capital',
      'town',
      'sea',
      'continent',
      'location',
      'area',
      'island',
      'river',
      'province',
      'county',
      'nation',
      'village',
      'territory',
      'district',
      'ocean',
      'lake',
      'mountain',
    ],
    accepts: ['place', 'facility', 'organization'],
  },
  facility: {
    headNouns: ['venue', 'stadium', 'building', 'university', 'school', 'college', 'museum', 'church', 'hospital', 'airport'],
    accepts: ['facility', 'organization', 'place'],
  },
  date: {
    headNouns: ['date', 'day', 'month', 'century', 'decade', 'time', 'period', 'era', 'season'],
    accepts: ['date'],
  },
  year: { headNouns: ['year'], accepts: ['year', 'date'], extract: yearCandidates, extractedOnly: true },
  number: {
    headNouns: ['number', 'amount', 'percentage', 'percent', 'population', 'count', 'total'],
    accepts: ['number', 'measure'],
  },
  measure: {
    headNouns: ['size', 'age', 'distance', 'length', 'height', 'weight', 'price', 'cost', 'speed', 'temperature', 'duration'],
    accepts: ['measure', 'number', 'date'],
    extract: measureCandidates,
  },
  work: { headNouns: ['book', 'film', 'movie', 'song', 'album', 'novel', 'play', 'painting', 'poem', 'opera', 'show'], accepts: ['work'] },
  reason: { headNouns: ['reason', 'cause', 'purpose', 'aim', 'goal'], accepts: ['reason'], extract: reasonClauses },
  manner: { headNouns: ['way', 'method', 'means'], accepts: ['manner', 'reason'], extract: mannerClauses },
  definition: { headNouns: [], accepts: ['definition'], extract: definitionCandidates, extractedOnly: true },
  thing: { headNouns: [], accepts: [], extract: thatClauses },
};

const HEAD_NOUN_TYPES = new Map<string, AnswerType>(
  (Object.entries(ANSWER_TYPES) as [AnswerType, AnswerTypeRule][]).flatMap(([type, rule]) => rule.headNouns.map((noun) => [noun, type])),
);

/** The answer type the table's head nouns give a noun ("company" → organization), without asking WordNet. */
export function headNounType(noun: string): AnswerType | undefined {
  return HEAD_NOUN_TYPES.get(noun.toLowerCase());
}

/**
 * The answer type a noun asks for or names: the table's head nouns first, then WordNet
 * ("mathematician" → person, "song" → work); null when neither knows.
 *
 * @example typeOfNoun('chancellor') // → 'person'
 */
export function typeOfNoun(lemma: string): AnswerType | null {
  return headNounType(lemma) ?? nounClass(lemma);
}

/** How well a phrase of class `candidate` answers a question expecting `expected`: 1 best, 0.5 acceptable, 0 not. */
export function typeFit(expected: AnswerType, candidate: AnswerType): number {
  const accepts = ANSWER_TYPES[expected].accepts;
  const at = accepts.indexOf(candidate);
  return at === 0 ? 1 : at > 0 ? 0.5 : 0;
}
