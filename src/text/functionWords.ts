/**
 * Closed lists of English function words that question analysis, span features, name recognition and the
 * reading of follow-ups test tokens against. Where two readers need different lists, each list has a name
 * that says what it holds.
 */

/** The forms of "be". */
export const BE_FORMS: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);

/** The forms of "be" as tokens: with "'s", which wink-nlp splits from "he's" and "what's". */
export const BE_TOKENS: ReadonlySet<string> = new Set([...BE_FORMS, "'s"]);

/**
 * The tokens that make a question ask what something is when they follow its question word ("Who is…",
 * "What's…"): `BE_TOKENS` but "being", which does not follow a question word as its verb.
 */
export const COPULAS_AFTER_QUESTION_WORD: ReadonlySet<string> = new Set([...BE_TOKENS].filter((word) => word !== 'being'));

/** The words a question opens its wh-phrase with. */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(['who', 'whom', 'whose', 'what', 'when', 'where', 'which', 'why', 'how']);

/** The articles. */
export const ARTICLES: ReadonlySet<string> = new Set(['the', 'a', 'an']);

/** The determiners of a noun phrase that points back to something already said: "the company", "that man". */
export const DEFINITE_DETERMINERS: ReadonlySet<string> = new Set(['the', 'this', 'that', 'these', 'those']);

/**
 * Articles, demonstratives and possessives: a capitalised run after one is seldom a person's name ("the Tel
 * Aviv stock market", "its Trend unit").
 */
export const DETERMINERS_AND_POSSESSIVES: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'its',
  'their',
  'his',
  'her',
  'our',
  'your',
]);
