import { describe, expect, it } from 'vitest';
import { makeScreenplay } from '../../bench/make-screenplay.js';
import { parseScript } from './index.js';

describe('bench screenplay generator', () => {
  it('is deterministic in its seed', () => {
    expect(makeScreenplay(5, 7)).toBe(makeScreenplay(5, 7));
    expect(makeScreenplay(5, 7)).not.toBe(makeScreenplay(5, 8));
  });
  it('produces about the requested length, with recurring characters and varied scenes', () => {
    const s = parseScript(makeScreenplay(10, 1), { filename: 'bench.fountain' });
    expect(s.format).toBe('fountain');
    expect(s.pages).toBeGreaterThan(8);
    expect(s.pages).toBeLessThan(12.5);
    expect(s.duration).toBeGreaterThan(8 * 60);
    expect(s.scenes.length).toBeGreaterThanOrEqual(8);
    expect(s.characters.length).toBeGreaterThanOrEqual(3);
    // leads recur in several scenes
    expect(Math.max(...s.characters.map((c) => c.scenes.length))).toBeGreaterThanOrEqual(5);
    const kinds = new Set(s.scenes.flatMap((x) => x.elements.map((e) => e.type)));
    for (const k of ['action', 'dialogue', 'section']) expect(kinds.has(k as never)).toBe(true);
    expect(s.warnings).toEqual([]);
  });
  it('a ~5 MB screenplay parses (linear time)', () => {
    // ~5 MB: a 120-page screenplay's body repeated (generation is not what is being tested)
    const body = makeScreenplay(120, 3).split('\n').slice(6).join('\n');
    const text = Array.from({ length: 34 }, () => body).join('\n');
    expect(text.length).toBeGreaterThan(4_800_000);
    const s = parseScript(text, { format: 'fountain' });
    expect(s.scenes.length).toBeGreaterThan(6000);
    expect(s.pages).toBeGreaterThan(3900);
  });
});
