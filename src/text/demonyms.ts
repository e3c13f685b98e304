import countries from 'world-countries';

/**
 * Lower-cased demonym → lower-cased country name, for countries named by one word ("portuguese" →
 * "portugal", "turkish" → "turkey"), so that "the Turkish minister" matches "the Minister … of Turkey".
 * Data: the world-countries package (ISO 3166 names with English demonyms).
 */
export const DEMONYM_COUNTRY: ReadonlyMap<string, string> = buildDemonymMap();

function buildDemonymMap(): Map<string, string> {
  const map = new Map<string, string>();
  for (const country of countries) {
    const name = country.name.common.toLowerCase();
    if (/\s/.test(name)) continue;
    const english = country.demonyms?.eng;
    for (const demonym of [english?.m, english?.f]) {
      if (demonym && !/\s/.test(demonym) && demonym.toLowerCase() !== name) map.set(demonym.toLowerCase(), name);
    }
  }
  return map;
}
