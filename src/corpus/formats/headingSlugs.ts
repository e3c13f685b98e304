/**
 * The anchor a docs site gives a heading, GitHub's way: lower case, punctuation dropped, spaces to
 * hyphens; a repeated heading gets `-1`, `-2`.
 *
 * @example new HeadingSlugs().slug('Capacity & trade') // → 'capacity--trade'
 */
export class HeadingSlugs {
  private readonly seen = new Map<string, number>();

  slug(heading: string): string {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = this.seen.get(base) ?? 0;
    this.seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  }
}
