import type { Citation } from '../answer/types.ts';

export type EntityType = 'person' | 'organization' | 'place';

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
