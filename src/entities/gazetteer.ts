import countries from 'world-countries';

/** A place name as the gazetteer knows it, and the canonical name it folds into. */
export interface PlaceEntry {
  /** Canonical name: the country's common English name, or the region's name. */
  canonical: string;
  /** Whether the form is an adjective ("Portuguese"): a mention, but never a name on its own in a title. */
  adjective: boolean;
  /** An upper-case abbreviation ("US", "UK"): matches only when written in capitals, never "Us". */
  upperOnly: boolean;
}

/**
 * Continents and macro-regions the country data does not name as such but news uses constantly.
 * (Sub-regions such as "Central Asia" come from the country data itself.)
 */
const EXTRA_REGIONS = [
  'Middle East',
  'Far East',
  'Caucasus',
  'South Caucasus',
  'Balkans',
  'Scandinavia',
  'Latin America',
  'North America',
  'South America',
  'Asia-Pacific',
  'Gulf',
  'Persian Gulf',
  'Siberia',
  'Arctic',
  'Antarctica',
  'Mediterranean',
  'Baltic',
  'Black Sea',
  'Caspian Sea',
  'Central Europe',
  'Eastern Europe',
  'Western Europe',
  'Southeast Asia',
  'South Asia',
  'East Asia',
  'West Africa',
  'East Africa',
  'North Africa',
  'Sub-Saharan Africa',
  'Europe',
  'Asia',
  'Africa',
  'Americas',
  'Oceania',
];

/** Dotted and two-letter country abbreviations that the data leaves out. */
const ABBREVIATIONS: [string, string][] = [
  ['US', 'United States'],
  ['UK', 'United Kingdom'],
  ['U.S.', 'United States'],
  ['U.S.A.', 'United States'],
  ['U.K.', 'United Kingdom'],
  ['Britain', 'United Kingdom'],
  ['England', 'England'],
  ['Scotland', 'Scotland'],
  ['Wales', 'Wales'],
  ['Northern Ireland', 'Northern Ireland'],
  ['Turkey', 'Turkey'],
  ['Republic of Turkey', 'Turkey'],
  ['Russia', 'Russia'],
];

/** Adjectives of continents, macro-regions and the UK's nations ("European" → Europe, "Welsh" → Wales). */
const REGION_ADJECTIVES: [string, string][] = [
  ['European', 'Europe'],
  ['African', 'Africa'],
  ['Asian', 'Asia'],
  ['Latin American', 'Latin America'],
  ['North American', 'North America'],
  ['South American', 'South America'],
  ['Middle Eastern', 'Middle East'],
  ['Scandinavian', 'Scandinavia'],
  ['Caucasian', 'Caucasus'],
  ['Balkan', 'Balkans'],
  ['Arab', 'Middle East'],
  ['Mediterranean', 'Mediterranean'],
  ['Baltic', 'Baltic'],
  ['Pacific', 'Pacific'],
  ['Atlantic', 'Atlantic'],
  // The United Kingdom's nations have no entries of their own in the country data.
  ['English', 'England'],
  ['Scottish', 'Scotland'],
  ['Scots', 'Scotland'],
  ['Welsh', 'Wales'],
  ['Briton', 'United Kingdom'],
];

/** Common names the data spells in a way English text seldom does. */
const ENGLISH_NAMES: Record<string, string> = { Türkiye: 'Turkey', Czechia: 'Czech Republic' };
const englishName = (common: string): string => ENGLISH_NAMES[common] ?? common;

/**
 * Lower-cased place form (one or more words joined by one space) → entry. Built once from the
 * world-countries package: common and official names, English-written alternative spellings,
 * capitals and English demonyms (singular and plural).
 */
export const PLACES: ReadonlyMap<string, PlaceEntry> = buildPlaces();

/** The longest place form, in words: bounds the gazetteer look-up. */
export const MAX_PLACE_WORDS = Math.max(...[...PLACES.keys()].map((form) => form.split(' ').length));

function buildPlaces(): Map<string, PlaceEntry> {
  const places = new Map<string, PlaceEntry>();
  const add = (form: string | undefined, canonical: string, adjective = false): void => {
    if (!form || !/^[A-Z][\p{L}.'’ -]*$/u.test(form)) return;
    const key = normalizePlaceForm(form);
    if (!places.has(key)) places.set(key, { canonical, adjective, upperOnly: form === form.toUpperCase() });
  };
  for (const [form, canonical] of ABBREVIATIONS) add(form, canonical);
  for (const country of countries) {
    add(country.name.common, englishName(country.name.common));
  }
  // Sovereign states first, so a demonym shared with a territory ("American") folds into the state.
  const ordered = [...countries].sort((a, b) => Number(b.independent) - Number(a.independent) || Number(b.unMember) - Number(a.unMember));
  for (const country of ordered) {
    const name = englishName(country.name.common);
    add(country.name.official, name);
    // Two-letter codes read as words ("IT", "MP"); the two that English uses as names are in ABBREVIATIONS.
    for (const spelling of country.altSpellings) if (spelling.length > 2) add(spelling, name);
    // Capitals of territories are often also names ("Douglas", "Hamilton", "Stanley").
    if (country.independent) for (const capital of country.capital) add(capital, capital);
    add(country.demonyms?.eng?.m, name, true);
    add(country.demonyms?.eng?.f, name, true);
    if (country.subregion) add(country.subregion, country.subregion);
    add(country.region, country.region);
  }
  for (const region of EXTRA_REGIONS) add(region, region);
  for (const [adjective, region] of REGION_ADJECTIVES) add(adjective, region, true);
  // Plural demonyms name people of the place: "Americans", "Europeans".
  for (const [form, entry] of [...places]) if (entry.adjective && !form.endsWith('s')) places.set(`${form}s`, entry);
  return places;
}

/** Gazetteer key of a form: lower case, curly apostrophes straightened, single spaces. */
export function normalizePlaceForm(form: string): string {
  return form.toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ').trim();
}
