import { nameWords } from '../entities/aliases.ts';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES } from '../entities/givenNames.ts';
import type { Referent, ReferentType } from './turnReferents.ts';

export type Gender = 'male' | 'female';

/** What a pronoun can point to. */
export interface PronounSense {
  /** Referent types it accepts, in tiers: a later tier only when the earlier ones have no referent. */
  tiers: ReferentType[][];
  gender?: Gender;
  /** "his", "its", "their": the name is written with "'s". */
  possessive: boolean;
  /** "they": several referents together ("Elan and Biogen Idec") come first. */
  plural?: boolean;
}

const person = (gender: Gender, possessive = false): PronounSense => ({ tiers: [['person']], gender, possessive });
// "It" is mostly a company or a thing in news questions; a place only when nothing else was talked about.
const thing = (possessive = false): PronounSense => ({ tiers: [['organization', 'thing'], ['place']], possessive });
const group = (possessive = false): PronounSense => ({ tiers: [['organization'], ['place']], possessive, plural: true });

/** The personal pronouns a follow-up uses to point back, by lower-case form. "her" is read by what follows it. */
export const PRONOUNS: ReadonlyMap<string, PronounSense> = new Map([
  ['he', person('male')],
  ['him', person('male')],
  ['himself', person('male')],
  ['his', person('male', true)],
  ['she', person('female')],
  ['her', person('female')],
  ['herself', person('female')],
  ['hers', person('female', true)],
  ['it', thing()],
  ['itself', thing()],
  ['its', thing(true)],
  ['they', group()],
  ['them', group()],
  ['themselves', group()],
  ['their', group(true)],
]);

/** "there" points to a place. */
export const THERE: PronounSense = { tiers: [['place']], possessive: false };

/** "that" and "this" standing alone point to the thing the last turn was about, never to a person. */
export const DEMONSTRATIVE: PronounSense = { tiers: [['thing', 'organization', 'place']], possessive: false };

/** A person's gender as far as an English given name tells it; undefined for a name both lists hold or neither. */
function genderOf(name: string): Gender | undefined {
  const words = nameWords(name);
  if (words.length < 2) return undefined;
  const given = words[0]!.toLowerCase();
  const isFemale = FEMALE_GIVEN_NAMES.has(given);
  const isMale = MALE_GIVEN_NAMES.has(given);
  return isFemale === isMale ? undefined : isFemale ? 'female' : 'male';
}

/**
 * The referent a pronoun points to: the most salient one of the first tier of types that has any, of a
 * compatible gender ("she" passes over "Michael Howard"). For "they", several names answered together, or
 * the two most salient people, come before a single organization of the same salience.
 */
export function choosePronounReferent(referents: readonly Referent[], sense: PronounSense): Referent | undefined {
  if (sense.plural) {
    const groups = [...referents.filter((referent) => referent.members), ...personGroup(referents)];
    const together = groups.sort((a, b) => a.rank - b.rank)[0];
    const organization = firstInTiers(referents, sense, 1);
    if (together && (!organization || together.rank <= organization.rank)) return together;
  }
  return firstInTiers(referents, sense);
}

function firstInTiers(referents: readonly Referent[], sense: PronounSense, tiers = sense.tiers.length): Referent | undefined {
  for (const tier of sense.tiers.slice(0, tiers)) {
    const fits = referents.filter(
      (referent) =>
        tier.includes(referent.type) &&
        !referent.members &&
        (sense.gender === undefined || referent.type !== 'person' || genderOf(referent.text) !== opposite(sense.gender)),
    );
    const best = fits.sort((a, b) => a.rank - b.rank)[0];
    if (best) return best;
  }
  // A name typed on a weak clue ("Microsoft said" reads like a person) may be what "it" means after all.
  return tiers === sense.tiers.length ? referents.filter((referent) => referent.guessed).sort((a, b) => a.rank - b.rank)[0] : undefined;
}

const opposite = (gender: Gender): Gender => (gender === 'male' ? 'female' : 'male');

/** The two most salient people, as one referent ranked at the second of them. */
function personGroup(referents: readonly Referent[]): Referent[] {
  const people = referents.filter((referent) => referent.type === 'person' && !referent.members);
  const [first, second] = people.sort((a, b) => a.rank - b.rank);
  if (!first || !second) return [];
  return [{ text: `${first.text} and ${second.text}`, type: 'person', rank: second.rank, said: null, members: [first.text, second.text] }];
}
