/**
 * Sets `key` in a map kept in order of use as its most recent entry, then drops the least recently used
 * entries past `capacity`: a Map iterates in insertion order, so its first entry is the one used longest ago.
 * Setting a key again (with its value, on a read) counts as using it.
 *
 * @example setMostRecent(kept, question, ranking, 32) // the 33rd question pushes out the one asked longest ago
 */
export function setMostRecent<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > capacity) map.delete(map.keys().next().value!);
}
