import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.js';
import { loadStyleModel } from '../style/node.js';
import { attribute } from './attribution.js';
import type { CopyNote } from './definition.js';

// Two tiny corpora with disjoint styles, written for this test (CC0): stepwise major tunes, and minor tunes
// made only of leaps (thirds, fourths, fifths, octaves).
const STEPWISE = `X:1
T:Step One
M:4/4
L:1/8
K:C
CDEF GABc|BAGF EDCD|EFGA GFED|C8|]

X:2
T:Step Two
M:4/4
L:1/8
K:C
EFGA BcBA|GFED CDEF|GABc dcBA|G8|]

X:3
T:Step Three
M:4/4
L:1/8
K:C
GFED CDEF|EDCD EFGA|BcBA GFED|C8|]
`;
const LEAPS = `X:1
T:Leap One
M:4/4
L:1/8
K:Am
A,CEA ECA,E|cAec AEce|aeca ecAE|A,8|]

X:2
T:Leap Two
M:4/4
L:1/8
K:Am
EAce aecA|E,A,CE A,EAc|eAcE CA,E,A,|A,8|]

X:3
T:Leap Three
M:4/4
L:1/8
K:Am
CEAc eAcE|A,EAe cAEC|EA,CE A,CEA|A8|]
`;

const dir = mkdtempSync(join(tmpdir(), 'lm-attr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function train(): Promise<string> {
  mkdirSync(join(dir, 'stepwise'), { recursive: true });
  mkdirSync(join(dir, 'leaps'), { recursive: true });
  writeFileSync(join(dir, 'stepwise', 'tunes.abc'), STEPWISE);
  writeFileSync(join(dir, 'leaps', 'tunes.abc'), LEAPS);
  const out = join(dir, 'two.lmstyle.json');
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await main(['node', 'leitmotif', 'train', join(dir, 'stepwise'), join(dir, 'leaps'), '-o', out, '--folds', '0', '--order', '3', '--licence', 'CC0'])).toBe(0);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return out;
}

const line = (pitches: number[]): CopyNote[] => pitches.map((pitch) => ({ pitch, duration: 0.5 }));
const sum = (xs: Array<{ share: number }>) => xs.reduce((s, x) => s + x.share, 0);

describe('attribution', () => {
  it('sums to 1 and names the corpus whose style an output follows', async () => {
    const model = loadStyleModel(await train());
    const corpus = model.corpusIndex!;
    expect(corpus.pieces.map((p) => p.corpus).sort()).toEqual(['leaps', 'leaps', 'leaps', 'stepwise', 'stepwise', 'stepwise']);
    const lm = { melody: { ppm: model.tables.interval!, corpus } };

    // New lines (in neither corpus), one in each style.
    const steps = attribute({ melody: line([62, 64, 65, 67, 65, 64, 62, 60, 62, 64, 62, 60, 59, 60, 62, 64, 65, 64]) }, lm);
    const leaps = attribute({ melody: line([57, 64, 69, 60, 64, 57, 52, 57, 69, 76, 72, 69, 64, 60, 57, 64]) }, lm);
    for (const a of [steps, leaps]) {
      expect(sum(a.byCorpus)).toBeCloseTo(1, 4);
      expect(sum(a.byCollection)).toBeCloseTo(1, 4);
      expect(sum(a.byLicence)).toBeCloseTo(1, 4);
      expect(a.byLicence[0].licence).toBe('CC0');
      expect(a.novelty).toBeGreaterThan(0);
      expect(a.novelty).toBeLessThan(1);
    }
    expect(steps.byCorpus[0].corpus).toBe('stepwise');
    expect(steps.byCorpus[0].share).toBeGreaterThan(0.75);
    expect(steps.topPieces[0].title).toMatch(/^Step/);
    expect(leaps.byCorpus[0].corpus).toBe('leaps');
    expect(leaps.byCorpus[0].share).toBeGreaterThan(0.75);
    expect(leaps.topPieces[0].title).toMatch(/^Leap/);
    expect(steps.events.melody).toBe(17);
  });
});
