import { describe, expect, it } from 'vitest';
import { keyCount, keyIndex } from './key-list.js';

describe('key lists', () => {
  const CASES: Array<[string, string[]]> = [
    ['', []],
    ['calm', ['calm']],
    ['calm\nstorm', ['calm', 'storm']],
    ['a b\nNOT_c\n', ['a b', 'NOT_c', '']],
    ['\n', ['', '']],
  ];
  it.each(CASES)('counts and indexes %j like splitting it', (keys, list) => {
    expect(keyCount(keys)).toBe(list.length);
    const index = keyIndex(keys);
    expect([...index.keys()]).toEqual([...new Set(list)]);
    list.forEach((k) => expect(list[index.get(k)!]).toBe(k));
  });
});
