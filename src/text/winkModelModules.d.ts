declare module 'wink-eng-lite-web-model/dist/wn-verb-exceptions.js' {
  /** WordNet's irregular verb forms mapped to their lemma ("met" → "meet"). */
  const exceptions: Record<string, string>;
  export default exceptions;
}
