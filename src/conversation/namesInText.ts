import type { EntityType } from '../entities/entityIndex.ts';
import { MAX_PLACE_WORDS, normalizePlaceForm, PLACES } from '../entities/gazetteer.ts';
import { recognizeNames } from '../entities/recognizeNames.ts';
import { appositiveTitle, description } from '../entities/roles.ts';
import { foldName } from '../entities/search.ts';

/** A name found in a short text, with offsets into it. */
export interface NameInText {
  start: number;
  end: number;
  text: string;
  type: EntityType;
  /** The title or description the text binds to the name: "Chairman of the Board of Directors at AzerTelecom". */
  said: string | null;
  /** The type rests on a weak clue (see `RecognizedName.guessed`). */
  guessed?: boolean;
  /** A place adjective ("Turkish", "Azerbaijani"): it names the place but is no noun to point back to. */
  adjective?: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}.'’-]*/gu;

/**
 * The people, organizations and places of a sentence or a question. Questions are often typed in lower
 * case ("who met portugal's minister?"), where the recogniser, which reads capitals, finds nothing: known
 * place names are looked up in the gazetteer whatever their case, and `known` names (found in the
 * conversation's quotes) are found again wherever they occur.
 */
export function namesInText(text: string, known: readonly NameInText[] = []): NameInText[] {
  const found: NameInText[] = recognizeNames(text).map((name) => ({
    start: name.start,
    end: name.end,
    text: name.text,
    type: name.type,
    said: (name.role ?? appositiveTitle(text, name.end) ?? description(text, name.end))?.text ?? null,
    ...(name.guessed && { guessed: true }),
    ...(name.type === 'place' && PLACES.get(normalizePlaceForm(name.text))?.adjective && { adjective: true }),
  }));
  const add = (name: NameInText) => {
    if (!found.some((other) => other.start < name.end && name.start < other.end)) found.push(name);
  };
  for (const name of known) for (const at of occurrences(text, name.text)) add({ ...name, ...at });
  for (const place of gazetteerPlaces(text)) add(place);
  return found.sort((a, b) => a.start - b.start);
}

/** Where `name` occurs in `text` as whole words, compared case- and accent-folded. */
function occurrences(text: string, name: string): { start: number; end: number; text: string }[] {
  const wanted = foldName(name);
  if (wanted === '') return [];
  const words = [...text.matchAll(WORD)];
  const size = wanted.split(' ').length;
  const out: { start: number; end: number; text: string }[] = [];
  for (let i = 0; i + size <= words.length; i += 1) {
    const start = words[i]!.index;
    const last = words[i + size - 1]!;
    const end = last.index + last[0].length;
    const slice = text.slice(start, end).replace(/['’]s$/u, '');
    if (foldName(slice) === wanted) out.push({ start, end: start + slice.length, text: slice });
  }
  return out;
}

/** Countries, capitals and regions named in any case ("turkey", "Central Asia"); adjectives ("Turkish") are left out. */
function gazetteerPlaces(text: string): NameInText[] {
  const words = [...text.matchAll(WORD)].map((match) => ({
    start: match.index,
    end: match.index + match[0].replace(/['’]s$/u, '').length,
  }));
  const places: NameInText[] = [];
  for (let i = 0; i < words.length; i += 1) {
    for (let size = Math.min(MAX_PLACE_WORDS, words.length - i); size >= 1; size -= 1) {
      const start = words[i]!.start;
      const end = words[i + size - 1]!.end;
      const form = text.slice(start, end);
      const entry = PLACES.get(normalizePlaceForm(form));
      if (!entry || entry.adjective || (entry.upperOnly && form !== form.toUpperCase())) continue;
      places.push({ start, end, text: form, type: 'place', said: null });
      i += size - 1;
      break;
    }
  }
  return places;
}
