import { citationOf } from '../corpus/citation.ts';
import type { Citation, CorpusDocument, Sentence } from '../corpus/corpusDocument.ts';
import { atPausePoint, runSteps, runStepsInSlices, type Steps, sortSteps } from '../slices.ts';
import { type EntityGroup, groupMentionSteps, nameWords } from './aliases.ts';
import type { CitedQuote, EntityCard, EntityIndex, EntityRole, EntitySummary, EntityType } from './entityIndex.ts';
import { collectMentions, type Mention } from './entityMentions.ts';
import { entitySearchSteps, foldName } from './search.ts';

/**
 * A name made only of dictionary words ("United Nations") is kept when the corpus capitalises it this many
 * times, in at least two documents; a one-off ("Digital Silk Road") is a capitalised phrase, not a name.
 */
const WEAK_MIN_MENTIONS = 3;

/** How many quoted mentions and related entities a card shows. */
const CARD_MENTIONS = 3;
const CARD_RELATED = 10;

interface Entity {
  group: EntityGroup;
  summary: EntitySummary;
  /** Entity index → number of sentences shared. */
  related: Map<number, number>;
}

/**
 * Recognises the people, organizations and places of the documents' content sentences, merges the names
 * of one referent, and serves lists, cards and autocomplete. Cheap to query once built; building reads
 * every sentence once (a few seconds for a few thousand news articles).
 *
 * @example
 * const index = buildEntityIndex(documents);
 * index.card('Abbasov')?.roles[0]?.title; // → 'Minister of Communications and Information Technologies'
 */
export function buildEntityIndex(documents: readonly CorpusDocument[]): EntityIndex {
  return entityIndexFromMentions(collectMentions(documents));
}

/**
 * The index over mentions already collected (by `collectMentions`, or decoded from a snapshot with
 * `decodeMentions`): groups names into referents, links those named together and ranks them. Cheap next to
 * recognising the names, so a snapshot stores the mentions and not this.
 */
export function entityIndexFromMentions(mentions: readonly Mention[]): EntityIndex {
  return runSteps(entityIndexSteps(mentions));
}

/**
 * `entityIndexFromMentions`, pausing whenever `sliceMs` has passed: on a 100k-passage corpus indexing the
 * names takes seconds, and a live reload does it while the bot serves.
 */
export function entityIndexFromMentionsInSlices(mentions: readonly Mention[], sliceMs: number): Promise<EntityIndex> {
  return runStepsInSlices(entityIndexSteps(mentions), sliceMs);
}

function* entityIndexSteps(mentions: readonly Mention[]): Steps<EntityIndex> {
  const groups = yield* groupMentionSteps(mentions);
  const entities: Entity[] = [];
  for (const group of groups) {
    if (isSupported(group)) entities.push({ group, summary: summarize(group), related: new Map() });
    yield;
  }
  yield* linkCooccurring(entities);
  const ranked = yield* sortSteps(entities, (a, b) => b.summary.count - a.summary.count || a.summary.name.localeCompare(b.summary.name));
  const summaries = ranked.map((entity) => entity.summary);
  yield;
  const find = yield* entityFinderSteps(ranked);
  const search = yield* entitySearchSteps(summaries);
  const cards = new Map<Entity, EntityCard>();
  return {
    list: (type?: EntityType) => (type ? summaries.filter((summary) => summary.type === type) : [...summaries]),
    card: (name: string) => {
      const entity = find(name);
      if (!entity) return undefined;
      let card = cards.get(entity);
      if (!card) {
        card = buildCard(entity, entities);
        cards.set(entity, card);
      }
      return card;
    },
    search,
  };
}

function isSupported(group: EntityGroup): boolean {
  if (!group.mentions.every((mention) => mention.weak)) return true;
  return group.mentions.length >= WEAK_MIN_MENTIONS && new Set(group.mentions.map((mention) => mention.doc.id)).size >= 2;
}

function summarize(group: EntityGroup): EntitySummary {
  const counts = new Map<string, number>();
  for (const mention of group.mentions) {
    const form = mention.text.replace(/\s+/g, ' ');
    if (form !== group.name) counts.set(form, (counts.get(form) ?? 0) + 1);
  }
  const aliases = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([form]) => form);
  return { name: group.name, type: group.type, aliases, count: group.mentions.length };
}

/** Two entities are related when one sentence names both ("A.Abbasov and P.Portas also exchanged…"). */
function* linkCooccurring(entities: Entity[]): Steps<void> {
  // Sentences are grouped by document first: one Map keyed by each of a million sentences held the event
  // loop for its rehashes.
  const byDocument = new Map<CorpusDocument, { sentence: Sentence; entity: number }[]>();
  for (const [i, entity] of entities.entries()) {
    for (const mention of entity.group.mentions) {
      const named = byDocument.get(mention.doc);
      if (named) named.push({ sentence: mention.sentence, entity: i });
      else byDocument.set(mention.doc, [{ sentence: mention.sentence, entity: i }]);
    }
    yield;
  }
  yield;
  for (const named of byDocument.values()) {
    const bySentence = new Map<Sentence, Set<number>>();
    for (const { sentence, entity } of named) {
      const set = bySentence.get(sentence);
      if (set) set.add(entity);
      else bySentence.set(sentence, new Set([entity]));
    }
    for (const members of bySentence.values()) {
      if (members.size < 2) continue;
      for (const a of members) {
        const related = entities[a]!.related;
        for (const b of members) if (a !== b) related.set(b, (related.get(b) ?? 0) + 1);
      }
    }
    yield;
  }
}

/**
 * Name → entity: the canonical name, then an alias, then a word of one person's name ("Abbasov"),
 * all compared case- and accent-folded. Among several, the most mentioned.
 */
function* entityFinderSteps(ranked: Entity[]): Steps<(name: string) => Entity | undefined> {
  const byName = new Map<string, Entity>();
  const byAlias = new Map<string, Entity>();
  const byWord = new Map<string, Entity[]>();
  for (const [i, entity] of ranked.entries()) {
    if (atPausePoint(i, 500)) yield;
    const folded = foldName(entity.summary.name);
    if (!byName.has(folded)) byName.set(folded, entity);
    for (const alias of entity.summary.aliases) if (!byAlias.has(foldName(alias))) byAlias.set(foldName(alias), entity);
    if (entity.summary.type !== 'person') continue;
    for (const word of nameWords(entity.summary.name)) {
      const key = foldName(word);
      byWord.set(key, [...(byWord.get(key) ?? []), entity]);
    }
  }
  return (name) => {
    const folded = foldName(name);
    if (folded === '') return undefined;
    const people = byWord.get(folded);
    return byName.get(folded) ?? byAlias.get(folded) ?? (people?.length === 1 ? people[0] : undefined);
  };
}

function citation(mention: Mention, start = mention.sentence.start, end = mention.sentence.end): Citation {
  const { sentence } = mention;
  // A narrower span is a clause inside the sentence: the sentence's own cuts do not reach it.
  return citationOf(mention.doc, start === sentence.start && end === sentence.end ? sentence : { start, end });
}

const quoteOf = (mention: Mention): CitedQuote => ({ quote: mention.sentence.text, source: citation(mention) });

function buildCard(entity: Entity, entities: Entity[]): EntityCard {
  const { group, summary } = entity;
  const documents = new Map<string, CorpusDocument>();
  for (const mention of group.mentions) documents.set(mention.doc.id, mention.doc);
  const dates = [...documents.values()]
    .map((doc) => doc.date)
    .filter((date): date is string => date !== null)
    .sort();
  const related = [...entity.related]
    .sort((a, b) => b[1] - a[1] || entities[a[0]]!.summary.name.localeCompare(entities[b[0]]!.summary.name))
    .slice(0, CARD_RELATED)
    .map(([i, count]) => ({ name: entities[i]!.summary.name, type: entities[i]!.summary.type, count }));
  return {
    name: summary.name,
    type: summary.type,
    aliases: [...summary.aliases],
    roles: rolesOf(group),
    mentions: quotedMentions(group.mentions),
    documents: [...documents.values()].map((doc) => ({ doc: doc.id, title: doc.title, date: doc.date })),
    related,
    count: summary.count,
    firstDate: dates[0] ?? null,
    lastDate: dates[dates.length - 1] ?? null,
  };
}

/** Titles first, then descriptions; one entry per distinct wording, most often said first. */
function rolesOf(group: EntityGroup): EntityRole[] {
  const found = new Map<string, { role: EntityRole; count: number; rank: number }>();
  group.mentions.forEach((mention, order) => {
    for (const [said, rank] of [
      [mention.title, 0],
      [mention.description, 1],
    ] as const) {
      if (!said) continue;
      const title = said.text.replace(/\s+/g, ' ');
      const key = foldName(title);
      const seen = found.get(key);
      if (seen) seen.count += 1;
      else found.set(key, { role: { title, ...quoteOf(mention) }, count: 1, rank: rank * 1e6 + order });
    }
  });
  return [...found.values()]
    .sort((a, b) => Math.floor(a.rank / 1e6) - Math.floor(b.rank / 1e6) || b.count - a.count || a.rank - b.rank)
    .map((entry) => entry.role);
}

/** Up to three sentences naming the entity: the first of each document, then later ones. */
function quotedMentions(mentions: Mention[]): CitedQuote[] {
  const chosen: Mention[] = [];
  const seenDocs = new Set<string>();
  const seenSentences = new Set<Sentence>();
  for (const pass of [0, 1]) {
    for (const mention of mentions) {
      if (chosen.length >= CARD_MENTIONS) break;
      if (seenSentences.has(mention.sentence) || (pass === 0 && seenDocs.has(mention.doc.id))) continue;
      chosen.push(mention);
      seenDocs.add(mention.doc.id);
      seenSentences.add(mention.sentence);
    }
  }
  return chosen.map(quoteOf);
}
