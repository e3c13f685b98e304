import { nounDatabase, withHypernyms } from '../text/wordNet.ts';
import type { AnswerType } from './candidate.ts';

/**
 * WordNet synsets whose hyponyms answer as one type: a chancellor is a person, a film a work, a cathedral
 * a facility. The nearest hypernym of the noun's commonest sense that is one of these decides.
 */
const HYPERNYM_TYPES = new Map<string, AnswerType>([
  ...['person', 'people'].map((word) => [word, 'person'] as const),
  ...['creation', 'work', 'writing', 'written_communication', 'musical_composition', 'movie', 'show', 'publication'].map(
    (word) => [word, 'work'] as const,
  ),
  ...['structure', 'facility', 'building'].map((word) => [word, 'facility'] as const),
  ...['location', 'region', 'body_of_water', 'land', 'geological_formation', 'celestial_body'].map((word) => [word, 'place'] as const),
  ...['organization', 'social_group'].map((word) => [word, 'organization'] as const),
  ...['time_period', 'time_unit', 'calendar_day'].map((word) => [word, 'date'] as const),
  ...['measure', 'magnitude', 'quantity'].map((word) => [word, 'measure'] as const),
]);

const MAX_REMEMBERED = 50_000;
const classes = new Map<string, AnswerType | null>();

/**
 * The answer type a common noun names, from WordNet hypernyms of its commonest sense: "mathematician" →
 * person, "song" → work, "river" → place; null for a noun WordNet lacks or that names none of them.
 *
 * @example nounClass('chancellor') // → 'person'
 */
export function nounClass(lemma: string): AnswerType | null {
  const known = classes.get(lemma);
  if (known !== undefined) return known;
  const [first] = nounDatabase().senses(lemma);
  let found: AnswerType | null = null;
  if (first !== undefined) {
    for (const synset of withHypernyms(first)) {
      const word = synset.words.find((w) => HYPERNYM_TYPES.has(w));
      if (word !== undefined) {
        found = HYPERNYM_TYPES.get(word)!;
        break;
      }
    }
  }
  if (classes.size >= MAX_REMEMBERED) classes.clear();
  classes.set(lemma, found);
  return found;
}
