/**
 * Lower case without diacritics: the form names and terms are compared in ("Montréal" → "montreal").
 *
 * @example fold('Türkiye') // → 'turkiye'
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
