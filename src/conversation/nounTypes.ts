import { headNounType } from '../answer/answerTypes.ts';
import { ORG_HEADS, PLACE_HEADS, ROLE_HEADS } from '../entities/lexicon.ts';
import type { ReferentType } from './turn.ts';

/**
 * Nouns that can stand for any referent of their type the conversation named: "the company" for AzerTelecom,
 * "the country" for Turkey. Other nouns ("the ministry", "the union") point only to a referent whose name or
 * description holds them, so "the government" is not taken for whichever company was named last.
 */
export const GENERIC_NOUNS: Readonly<Record<Exclude<ReferentType, 'thing'>, ReadonlySet<string>>> = {
  organization: new Set(
    `company companies firm firms group business operator provider organisation organization corporation carrier
    airline bank club team side band label broker insurer retailer maker manufacturer giant network broadcaster
    publisher developer agency`.split(/\s+/),
  ),
  place: new Set('country countries nation city town capital region state area island province county village'.split(/\s+/)),
  person: new Set('man woman person boy girl player star'.split(/\s+/)),
};

/** The kind of referent a noun names: a role or person noun, an organization, a place, a thing; null for a date or number noun. */
export function nounType(noun: string): ReferentType | null {
  const lower = noun.toLowerCase();
  const typed = headNounType(lower);
  if (typed === 'date' || typed === 'year' || typed === 'number' || typed === 'measure') return null;
  if (typed === 'person' || ROLE_HEADS.has(lower) || GENERIC_NOUNS.person.has(lower)) return 'person';
  if (typed === 'organization' || typed === 'facility' || ORG_HEADS.has(lower) || GENERIC_NOUNS.organization.has(lower))
    return 'organization';
  if (typed === 'place' || PLACE_HEADS.has(lower) || GENERIC_NOUNS.place.has(lower)) return 'place';
  return 'thing';
}
