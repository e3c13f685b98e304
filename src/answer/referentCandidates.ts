import { recognizeNames } from '../entities/recognizeNames.ts';
import { termsOf as termsOfText } from '../text/terms.ts';
import type { AnalyzedSentence } from '../text/tokens.ts';
import type { AnswerCandidate, AnswerType } from './candidate.ts';
import type { Phrase } from './phrases.ts';
import { termsIn } from './spanFeatures.ts';

const PERSONAL_PRONOUNS = new Set(['he', 'she']);

/** The sentences around one, nearest first: what "he" or "the minister" may point back (or ahead) to. */
export interface Neighbours {
  before: readonly string[];
  after: readonly string[];
}

/**
 * People a sentence names only as "he"/"she" or by a bare title ("Iran's Minister of ICT asked…"), named
 * from the sentences around it: a pronoun takes the last person named before it; a title, the person the
 * nearby sentences give that title. Each candidate spans the pronoun or title in the sentence; its text is
 * the name.
 */
export function referentCandidates(
  sentence: AnalyzedSentence,
  neighbours: Neighbours,
  roles: readonly Phrase[],
  typeOf: (lemma: string) => AnswerType | null,
): AnswerCandidate[] {
  const { tokens } = sentence;
  const found: AnswerCandidate[] = [];
  const here = recognizeNames(sentence.text).filter((name) => name.type === 'person');
  tokens.forEach((token, i) => {
    if (!PERSONAL_PRONOUNS.has(token.value.toLowerCase()) || token.pos !== 'PRON') return;
    const earlier = here.filter((name) => name.end <= token.start).at(-1);
    const name = earlier?.text ?? lastPerson(neighbours.before);
    if (name)
      found.push({
        start: token.start,
        end: token.end,
        text: name,
        type: 'person',
        kind: 'name',
        first: i,
        last: i,
        head: i,
        referent: 'pronoun',
      });
  });
  for (const role of roles) {
    const head = role.head === null ? undefined : tokens[role.head];
    if ((head?.pos !== 'NOUN' && head?.pos !== 'PROPN') || typeOf(head.lemma) !== 'person') continue;
    const start = tokens[role.first]!.start;
    const end = tokens[role.last]!.end;
    // A title written with its holder's name ("Minister … Ali Abbasov") needs no look-around.
    if (here.some((name) => name.role && name.role.start <= end && name.role.end >= start)) continue;
    // "Minister of Information and Communication Technology (ICT)": the acronym after a title is part of it.
    const acronym = tokens[role.last + 1]?.value === '(' && tokens[role.last + 3]?.value === ')' ? role.last + 2 : role.last;
    const roleTerms = new Set(termsIn(sentence, role.first, acronym));
    const name = holderOf(roleTerms, [...neighbours.after, ...neighbours.before]);
    if (name)
      found.push({
        start,
        end,
        text: name,
        type: 'person',
        kind: 'name',
        first: role.first,
        last: role.last,
        head: role.head ?? role.last,
        referent: 'title',
      });
  }
  return found;
}

function lastPerson(sentences: readonly string[]): string | undefined {
  for (const text of sentences) {
    const people = recognizeNames(text).filter((name) => name.type === 'person');
    if (people.length > 0) return people.at(-1)!.text;
  }
  return undefined;
}

/** The person whose written title shares most of a title's words ("the ICT Minister Azari Jahromi"). */
function holderOf(roleTerms: ReadonlySet<string>, sentences: readonly string[]): string | undefined {
  let best: { name: string; shared: number } | undefined;
  for (const text of sentences) {
    for (const name of recognizeNames(text)) {
      if (name.type !== 'person' || !name.role) continue;
      const shared = termsOfText(name.role.text).filter((term) => roleTerms.has(term)).length;
      if (shared >= 2 && (!best || shared > best.shared)) best = { name: name.text, shared };
    }
  }
  return best?.name;
}
