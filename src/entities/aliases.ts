import { atPausePoint, runSteps, type Steps } from '../slices.ts';
import type { EntityType } from './entityIndex.ts';
import type { Mention } from './entityMentions.ts';
import { GIVEN_NAMES } from './givenNames.ts';

/** All the mentions of one referent. */
export interface EntityGroup {
  key: string;
  name: string;
  type: EntityType;
  mentions: Mention[];
}

const INITIAL = /^\p{Lu}\.$/u;

const MAX_REMEMBERED_NAMES = 200_000;
const wordsOfName = new Map<string, readonly string[]>();

/**
 * "A.Abbasov" → ["A.", "Abbasov"]; "Mohammad Javad Azari Jahromi" → four words. Memoised (the array is
 * shared, never to be changed): grouping asks it of every pair of names in a document, and splitting was
 * 40% of indexing the names of 2,225 articles.
 */
export function nameWords(text: string): readonly string[] {
  let words = wordsOfName.get(text);
  if (words === undefined) {
    words = text
      .replace(/(\p{Lu}\.)(?=\p{Lu})/gu, '$1 ')
      .split(/\s+/)
      .filter((word) => word !== '');
    if (wordsOfName.size >= MAX_REMEMBERED_NAMES) wordsOfName.clear();
    wordsOfName.set(text, words);
  }
  return words;
}

const lastWord = (words: readonly string[]): string => (words[words.length - 1] ?? '').toLowerCase();
const isFullName = (words: readonly string[]): boolean => words.length >= 2 && !words.some((word) => INITIAL.test(word));
const isShortPersonForm = (words: readonly string[]): boolean =>
  words.length === 1 || (words.length >= 2 && words.slice(0, -1).every((word) => INITIAL.test(word)));

/** Whether a short form ("A.Abbasov", "Abbasov") can stand for a full name ("Ali Abbasov"). */
function shortFormFits(short: readonly string[], full: readonly string[]): boolean {
  if (lastWord(short) !== lastWord(full)) return false;
  const initials = short.slice(0, -1);
  return initials.every((initial, i) => full[i]?.[0]?.toUpperCase() === initial[0]);
}

/**
 * One group per referent. People: a full name absorbs its shorter forms — "Azari Jahromi" inside
 * "Mohammad Javad Azari Jahromi", "A.Abbasov" and "Abbasov" under "Ali Abbasov" — first within the
 * document (the nearest full name written before the short form wins, so two people who share a surname
 * stay apart), then across the corpus when exactly one person carries that surname. Places fold into
 * their canonical name ("Portuguese" → Portugal). Everything else is grouped by its case-folded text,
 * typed by the majority of its mentions, and an acronym joins the one organization whose initials it is.
 */
export function groupMentions(mentions: readonly Mention[]): EntityGroup[] {
  return runSteps(groupMentionSteps(mentions));
}

/** `groupMentions` as steps that may pause after each document and every 100 mentions (see `runStepsInSlices`). */
export function* groupMentionSteps(mentions: readonly Mention[]): Steps<EntityGroup[]> {
  const fullNames = new Set<string>();
  for (const [i, mention] of mentions.entries()) {
    if (isFullPersonName(mention)) fullNames.add(mention.text);
    if (atPausePoint(i)) yield;
  }
  const longest = yield* longestFormSteps(fullNames);
  const bySurname = new Map<string, Set<string>>();
  for (const name of new Set(longest.values())) {
    const surname = lastWord(nameWords(name));
    bySurname.set(surname, (bySurname.get(surname) ?? new Set()).add(name));
    if (atPausePoint(bySurname.size)) yield;
  }

  // Group keys by the mention's position, and mentions' positions by document: a Map keyed by each of a
  // million mentions held the event loop for its rehashes.
  const keyOf: string[] = new Array(mentions.length).fill('');
  const byDoc = new Map<string, number[]>();
  for (const [i, mention] of mentions.entries()) {
    push(byDoc, mention.doc.id, i);
    if (atPausePoint(i)) yield;
  }
  for (const positions of byDoc.values()) {
    const fullPersons = positions.map((i) => mentions[i]!).filter(isFullPersonName);
    for (const [n, i] of positions.entries()) {
      keyOf[i] = resolveInDocument(mentions[i]!, fullPersons, longest);
      // One long document (a 200-page PDF) holds thousands of mentions, each compared with its full names.
      if (atPausePoint(n, 100)) yield;
    }
    yield;
  }
  for (const [i, mention] of mentions.entries()) {
    if (atPausePoint(i)) yield;
    if (keyOf[i] !== '') continue;
    const words = nameWords(mention.text);
    const candidates = [...(bySurname.get(lastWord(words)) ?? [])].filter((name) => shortFormFits(words, nameWords(name)));
    const personLike = mention.type === 'person' || mention.guessed === true || words.length > 1;
    keyOf[i] = candidates.length === 1 && personLike ? `person:${candidates[0]}` : `name:${mention.text.toLowerCase()}`;
  }
  return yield* buildGroups(mentions, keyOf, new Set(bySurname.keys()));
}

/** Full name → the longest full name ending with it, when only one does ("Azari Jahromi" → the four words). */
function* longestFormSteps(fullNames: Set<string>): Steps<Map<string, string>> {
  const bySuffix = new Map<string, string[]>();
  let done = 0;
  for (const name of fullNames) {
    const words = name.split(' ');
    for (let i = 1; i < words.length - 1; i += 1) push(bySuffix, words.slice(i).join(' '), name);
    if (atPausePoint(done++)) yield;
  }
  const longest = new Map<string, string>();
  for (const name of fullNames) {
    const longer = bySuffix.get(name);
    longest.set(name, longer?.length === 1 ? longer[0]! : name);
    if (atPausePoint(longest.size - 1)) yield;
  }
  return longest;
}

const isFullPersonName = (mention: Mention): boolean => mention.type === 'person' && isFullName(nameWords(mention.text));

/**
 * The group key of a mention from its own document (whose full person names are `fullPersons`), or '' when
 * the document alone cannot tell.
 */
function resolveInDocument(mention: Mention, fullPersons: readonly Mention[], longest: Map<string, string>): string {
  if (mention.type === 'place' && mention.canonical) return `place:${mention.canonical}`;
  const words = nameWords(mention.text);
  if (mention.type === 'person' && isFullName(words)) return `person:${longest.get(mention.text) ?? mention.text}`;
  if (!isShortPersonForm(words)) return `name:${mention.text.toLowerCase()}`;
  const fitting = fullPersons.filter((other) => shortFormFits(words, nameWords(other.text)));
  if (fitting.length === 0) return '';
  const before = fitting.filter((other) => other.start < mention.start);
  const chosen = before[before.length - 1] ?? fitting[0]!;
  return `person:${longest.get(chosen.text) ?? chosen.text}`;
}

function* buildGroups(mentions: readonly Mention[], keyOf: readonly string[], surnames: ReadonlySet<string>): Steps<EntityGroup[]> {
  const groups = new Map<string, Mention[]>();
  for (const [i, mention] of mentions.entries()) {
    push(groups, keyOf[i]!, mention);
    if (atPausePoint(i)) yield;
  }
  yield* mergeAcronymSteps(groups);
  const built: EntityGroup[] = [];
  for (const [key, members] of groups) {
    built.push({
      key,
      name: groupName(key, members),
      type: key.startsWith('person:') ? 'person' : key.startsWith('place:') ? 'place' : majorityType(members, surnames),
      mentions: members,
    });
    // One group per step: a name said thousands of times makes one group cost milliseconds.
    yield;
  }
  return built;
}

function groupName(key: string, members: Mention[]): string {
  if (!key.startsWith('name:')) return key.slice(key.indexOf(':') + 1);
  const counts = new Map<string, number>();
  for (const member of members) counts.set(member.text, (counts.get(member.text) ?? 0) + 1);
  // An acronym names the group only when no spelled-out form does ("Internet Governance Forum", not "IGF").
  const spelled = (form: string): number => (/^\p{Lu}{2,6}$/u.test(form) ? 0 : 1);
  return [...counts].sort((a, b) => spelled(b[0]) - spelled(a[0]) || b[1] - a[1] || b[0].length - a[0].length)[0]![0];
}

/** An honorific right before a mention: "Mr Blair", "Dr. Fox". */
const AFTER_HONORIFIC = /\b(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame)\.?\s+$/u;

/** Whether an honorific stands right before the mention: `Mention.afterHonorific`, else read from its document's text. */
export function followsHonorific(mention: Mention): boolean {
  return mention.afterHonorific ?? AFTER_HONORIFIC.test(mention.doc.text.slice(Math.max(0, mention.start - 8), mention.start));
}

/**
 * The type most mentions give a name. A person guess from a single word counts half unless a title or an
 * honorific backs it: "Reuters said" is as common as "Blair said".
 */
function majorityType(members: Mention[], surnames: ReadonlySet<string>): EntityType {
  const votes: Record<EntityType, number> = { person: 0, organization: 0, place: 0 };
  let clues = 0;
  for (const member of members) {
    if (member.guessed) continue;
    clues += 1;
    const backed = member.title !== undefined || followsHonorific(member);
    const single = !/\s/u.test(member.text);
    votes[member.type] += backed ? 2 : member.type === 'person' && single ? 0.5 : 1;
  }
  if (clues === 0) {
    // Weak clues only: each mention votes its guess; ending someone's name elsewhere ("Williams") weighs
    // as much as half the mentions, being a given name ("Chelsea", "Sydney") a quarter.
    const word = members[0]!.text.toLowerCase();
    const guesses: Record<EntityType, number> = { person: 0, organization: 0, place: 0 };
    for (const member of members) guesses[member.type] += 1;
    guesses.person += (surnames.has(word) ? 0.5 : 0) * members.length + (GIVEN_NAMES.has(word) ? 0.25 : 0) * members.length;
    if (guesses.person > guesses.organization && guesses.person >= guesses.place) return 'person';
    return guesses.place > guesses.organization ? 'place' : 'organization';
  }
  if (votes.person > votes.organization && votes.person >= votes.place) return 'person';
  return votes.place > votes.organization ? 'place' : 'organization';
}

/** "IGF" joins "Internet Governance Forum" when exactly one multi-word name has those initials. */
function* mergeAcronymSteps(groups: Map<string, Mention[]>): Steps<void> {
  const byInitials = new Map<string, string[]>();
  let seen = 0;
  for (const [key, members] of groups) {
    if (atPausePoint(seen++)) yield;
    if (!key.startsWith('name:')) continue;
    const words = members[0]!.text.split(/[\s-]+/).filter((word) => /^\p{Lu}/u.test(word));
    if (words.length < 2) continue;
    const initials = words.map((word) => word[0]).join('');
    push(byInitials, initials, key);
  }
  for (const [i, [key, members]] of [...groups].entries()) {
    if (atPausePoint(i)) yield;
    const text = members[0]!.text;
    if (!key.startsWith('name:') || !/^\p{Lu}{2,6}$/u.test(text)) continue;
    const targets = byInitials.get(text);
    if (targets?.length !== 1) continue;
    const target = targets[0]!;
    groups.get(target)!.push(...members);
    groups.delete(key);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
