/**
 * purpose: the model file's key lists — words or terms joined by "\n" — counted and indexed without splitting
 * them more often than once (the lists hold up to 44k words and are read on every model load).
 */

/**
 * The number of keys in a "\n"-joined key list ('' holds none), counted without splitting it: the model's lists
 * hold up to 44k words and are checked on every load.
 * @example keyCount('') // 0
 * @example keyCount('calm\nstorm') // 2
 */
export function keyCount(keys: string): number {
  if (keys === '') return 0;
  let n = 1;
  for (let i = keys.indexOf('\n'); i >= 0; i = keys.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Key → its position in the list (the row of its values).
 * @example keyIndex('calm\nstorm').get('storm') // 1
 */
export function keyIndex(keys: string): Map<string, number> {
  const index = new Map<string, number>();
  if (keys === '') return index;
  const list = keys.split('\n');
  for (let i = 0; i < list.length; i++) index.set(list[i], i);
  return index;
}
