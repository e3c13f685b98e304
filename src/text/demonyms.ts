import countries from 'world-countries';
import { fold } from './fold.ts';

const STATE_FORM = /^(?:republic|kingdom|state|commonwealth|federation|principality|sultanate|emirate|union) of (\p{L}+)$/iu;

/**
 * Folded one-word country names and demonyms → one canonical key per country, so that "the Turkish minister"
 * matches "the Minister … of Turkey" and "Türkiye": demonyms ("portuguese"), the common name, and one-word
 * forms in the official alternative spellings ("Republic of Turkey" → "turkey").
 * Data: the world-countries package (ISO 3166 names, alternative spellings, English demonyms).
 */
export const COUNTRY_VARIANTS: ReadonlyMap<string, string> = buildCountryVariants();

function buildCountryVariants(): Map<string, string> {
  const variants = new Map<string, string>();
  for (const country of countries) {
    const canonical = fold(country.name.common);
    if (/\s/.test(canonical)) continue;
    const english = country.demonyms?.eng;
    const forms = [english?.m, english?.f, ...country.altSpellings.map((spelling) => STATE_FORM.exec(spelling)?.[1])];
    for (const form of forms) {
      if (form && !/\s/.test(form)) variants.set(fold(form), canonical);
    }
  }
  return variants;
}
