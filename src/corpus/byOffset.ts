/**
 * The last of `items` (in order of `start`) that starts at or before `offset`: the section, block or location
 * marker in force there. Binary search.
 *
 * @example lastStartingBy([{ start: 0 }, { start: 10 }], 7) // → { start: 0 }
 */
export function lastStartingBy<T extends { start: number }>(items: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (items[middle]!.start <= offset) {
      found = items[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
