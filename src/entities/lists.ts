import type { EntityType, RecognizedName } from './entityIndex.ts';

/** What may stand between two items of a list: commas, semicolons, slashes, "and", "or", "(capt)". */
const LIST_GAP = /^(?:\s*(?:[,;/&]|\(capt\)|\band\b|\bor\b)\s*)+$/u;

/**
 * Items of one list are of one kind: a name typed by guess, or a dictionary word that may be a name,
 * takes the type of the nearest item of the same list typed on evidence — "Day, Schofield; Caillet"
 * (people), "Helsinki, Oslo, Munich" (places). Guesses stay marked as guesses. Mutates `names`.
 */
export function alignListTypes(text: string, names: RecognizedName[]): RecognizedName[] {
  for (const order of [names, [...names].reverse()]) {
    let source: EntityType | undefined;
    let previous: RecognizedName | undefined;
    for (const name of order) {
      if (!previous || !inOneList(text, previous, name)) source = undefined;
      if (!name.guessed && !name.weak) source = name.type;
      else if (source) name.type = source;
      previous = name;
    }
  }
  return names;
}

function inOneList(text: string, a: RecognizedName, b: RecognizedName): boolean {
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  return LIST_GAP.test(text.slice(first.end, second.start));
}
