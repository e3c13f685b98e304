import type { Citation } from '../corpus/corpusDocument.ts';

/**
 * The kinds of names the engine recognizes: the one list that the CLI, the slash commands and the snapshot
 * format read. Append only: a snapshot stores a mention's type by its position here.
 */
export const ENTITY_TYPES = ['person', 'organization', 'place'] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

/** Whether a string (a command option, a snapshot field) names an entity type. */
export const isEntityType = (value: unknown): value is EntityType => ENTITY_TYPES.includes(value as EntityType);

/** A verbatim quote and where it comes from. */
export interface CitedQuote {
  quote: string;
  source: Citation;
}

export interface EntityRole extends CitedQuote {
  title: string;
}

export interface EntitySummary {
  name: string;
  type: EntityType;
  aliases: string[];
  count: number;
}

/** Everything the corpus says of one referent. */
export interface EntityCard {
  name: string;
  type: EntityType;
  aliases: string[];
  roles: EntityRole[];
  mentions: CitedQuote[];
  documents: { doc: string; title: string; date: string | null }[];
  related: { name: string; type: EntityType; count: number }[];
  /** Number of mentions across the corpus. */
  count: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** The people, organizations and places a corpus mentions. */
export interface EntityIndex {
  /** All entities, most mentioned first, optionally of one type. */
  list(type?: EntityType): EntitySummary[];
  /** The card of the entity a name or alias refers to, or undefined. */
  card(name: string): EntityCard | undefined;
  /** Prefix and fuzzy match over names and aliases, best first (for autocomplete). */
  search(query: string, limit?: number): EntitySummary[];
}

/** A span of text, with offsets into the text it was found in. */
export interface TextMatch {
  start: number;
  end: number;
  text: string;
}

/** A name found in a sentence: `text === input.slice(start, end)`. */
export interface RecognizedName extends TextMatch {
  type: EntityType;
  /** The title written in front of a person's name in the same phrase ("Minister of … Ali Abbasov"). */
  role?: TextMatch;
  /** For places: the canonical place a demonym or alternative name folds into ("Portuguese" → "Portugal"). */
  canonical?: string;
  /**
   * The type of a lone unknown word rests on a weak clue ("Jahromi said", "in Melbourne") or none
   * ("Thion", "Guidant"): an index should let the rest of the corpus decide.
   */
  guessed?: boolean;
  /**
   * Only from `recognizeCandidates`: a run of dictionary words ("United Nations", "Digital Silk Road") that
   * is a name only if the corpus capitalises it again and again.
   */
  weak?: boolean;
}
