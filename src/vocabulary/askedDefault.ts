import { normalizeTerm } from '../text/terms.ts';
import type { RelatedTerm } from './relatedTerm.ts';

/**
 * "If I don't pick one", "without setting it", "when nothing is configured": the question asks what happens
 * by default, and documentation says so in its own word ("By default, v8 will be used", "Default: 302").
 */
const UNSET =
  /\b(?:(?:if|when|unless) (?:i|we|you|it)(?: (?:do|does|did) ?n[o']?t| dont| never| (?:is|was) ?n[o']?t| isnt)|(?:if|when) (?:nothing|none) is|without) (setting|picking|choosing|specifying|configuring|giving|passing|providing|selecting|set|pick|choose|specify|configure|give|pass|provide|select|configured|specified|given|passed|provided|selected)\b/i;

/** What a match on "default" counts for when the question only implies it. */
const ASKED_DEFAULT_WEIGHT = 0.7;

/**
 * "default" for a question that asks for a default without the word ("which provider does it use if I
 * don't pick one?"), standing for the verb that says what is not done ("pick"): the docs say "by default"
 * where the question says what its asker leaves out. None when the question says "default" itself.
 *
 * @example askedDefault('what code does redirect send if i dont give one', ['code', 'redirect', 'send', 'give'])
 * // → [{ term: 'default', of: 'give', weight: 0.7, source: 'idiom' }]
 */
export function askedDefault(text: string, terms: readonly string[]): RelatedTerm[] {
  const term = normalizeTerm('default');
  const unset = UNSET.exec(text);
  if (term === null || terms.includes(term) || !unset) return [];
  const of = normalizeTerm(unset[1]!);
  return of !== null && terms.includes(of) ? [{ term, of, weight: ASKED_DEFAULT_WEIGHT, source: 'idiom' }] : [];
}
