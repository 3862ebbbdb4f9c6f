import { describe, it, expect } from 'vitest';
import { resolve } from 'node:path';
import { parseModelFlags } from './model-flags.js';

describe('--model', () => {
  it('one file serves melody and harmony; melody=/harmony= set one group; later flags win', () => {
    expect(parseModelFlags(['a.json'])).toEqual({ melody: resolve('a.json'), harmony: resolve('a.json') });
    expect(parseModelFlags(['harmony=b.json'], { melody: 'm.json' })).toEqual({ melody: 'm.json', harmony: resolve('b.json') });
    expect(parseModelFlags(['a.json', 'rhythm=r.json'])).toEqual({ melody: resolve('r.json'), harmony: resolve('a.json') });
    expect(parseModelFlags([])).toEqual({});
  });
  it('rejects an unknown group with one clear line', () => {
    expect(() => parseModelFlags(['bass=x.json'])).toThrow(/--model takes FILE, melody=FILE or harmony=FILE/);
  });
});
