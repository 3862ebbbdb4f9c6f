import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.js';
import { loadDefaultStyleModels, loadStyleModel } from '../style/node.js';
import { SamplingEvidence } from '../style/evidence.js';
import { Rng } from '../util/rng.js';
import { composeCue } from '../compose/compose-cue.js';
import { parseCueSpec, resolveCue } from '../cue/index.js';
import { attribute, attributeSampled, shareAgreement as agreement, type Attribution } from './attribution.js';
import type { CopyNote } from './definition.js';
import { lineModels } from './line-models.js';
import { scoreLines } from './score-lines.js';
import { outputReport } from './output-report.js';

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

let trained: string | undefined;
const twoCorpora = async () => loadStyleModel((trained ??= await train()));

describe('attribution', () => {
  it('sums to 1 and names the corpus whose style an output follows', async () => {
    const model = await twoCorpora();
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

describe('sampled attribution (the composer’s sampling record)', () => {
  it('credits what was drawn to the corpus it was drawn from, and sums to 1', async () => {
    const model = await twoCorpora();
    const lm = { melody: { ppm: model.tables.interval!, corpus: model.corpusIndex! } };
    // A continuation drawn after a stepwise opening in C, and one after a leaping opening in A minor: the
    // model's contexts of order ≥ 1 live in one corpus each, so the draw follows that corpus.
    const cases = [
      { context: [60, 62, 64, 65, 67, 69, 71, 72], key: { tonic: 0, mode: 'major' as const }, want: 'stepwise' },
      { context: [57, 60, 64, 69, 64, 60, 57, 64], key: { tonic: 9, mode: 'minor' as const }, want: 'leaps' },
    ];
    for (const c of cases) {
      const evidence = new SamplingEvidence();
      const r = model.sampleMelody({ key: c.key, meter: { numerator: 4, denominator: 4 }, bars: 4, range: [52, 81], context: c.context, maxCopy: Infinity, temperature: 0.5, evidence, rng: new Rng(7) });
      expect(evidence.melody.length).toBe(r.notes.length);
      const heard = line([...c.context, ...r.notes.map((n) => n.pitch)]);
      const a = attributeSampled({ melody: heard }, evidence, lm);
      expect(a.method).toBe('sampled');
      expect(sum(a.byCorpus)).toBeCloseTo(1, 4);
      expect(sum(a.byLicence)).toBeCloseTo(1, 4);
      expect(sum(a.topPieces)).toBeLessThanOrEqual(1 + 1e-6);
      expect(a.byCorpus[0].corpus).toBe(c.want);
      expect(a.byCorpus[0].share).toBeGreaterThan(0.75);
      // Every drawn note survives here, so every one is credited (a context note is too when it repeats a drawn
      // figure: records match by content, not position); every event is either credited or unsampled.
      expect(a.events.melody).toBeGreaterThanOrEqual(r.notes.length);
      expect(a.events.melody + a.unsampled!.melody).toBe(heard.length - 1);
    }
  });

  it('does not credit notes changed after sampling', async () => {
    const model = await twoCorpora();
    const lm = { melody: { ppm: model.tables.interval!, corpus: model.corpusIndex! } };
    const evidence = new SamplingEvidence();
    const context = [60, 62, 64, 65, 67, 69, 71, 72];
    const r = model.sampleMelody({ key: { tonic: 0, mode: 'major' }, meter: { numerator: 4, denominator: 4 }, bars: 4, range: [55, 79], context, maxCopy: Infinity, evidence, rng: new Rng(3) });
    const pitches = [...context, ...r.notes.map((n) => n.pitch)];
    const before = attributeSampled({ melody: line(pitches) }, evidence, lm);
    // A guard-style repair: one inner note moved a tritone (no draw made that interval pair in that context).
    const moved = pitches.slice();
    const i = context.length + Math.floor(r.notes.length / 2);
    moved[i] += 6;
    const after = attributeSampled({ melody: line(moved) }, evidence, lm);
    expect(after.events.melody).toBeLessThan(before.events.melody);
    expect(after.unsampled!.melody).toBeGreaterThan(before.unsampled!.melody);
    // The post-hoc method credits the changed line all the same (all but the tritone, which no piece holds).
    expect(attribute({ melody: line(moved) }, lm).events.melody).toBeGreaterThanOrEqual(moved.length - 2);
  });

  it('roughly agrees with the post-hoc method on a composed cue', () => {
    const models = loadDefaultStyleModels();
    const c = composeCue(resolveCue(parseCueSpec({ duration: 90, emotion: { valence: 0.5, arousal: 0.4, tension: 0.3 }, style: 'orchestral', seed: 2 })), { models });
    const sampled = outputReport(c.score, models, c.evidence).attribution!;
    expect(sampled.method).toBe('sampled');
    for (const xs of [sampled.byCorpus, sampled.byCollection, sampled.byLicence]) expect(sum(xs)).toBeCloseTo(1, 4);
    const lines = scoreLines(c.score);
    // The bass is written by rule: never credited by the sampled method.
    expect(sampled.events.bass).toBe(0);
    expect(sampled.unsampled!.bass).toBe(lines.bass.events.length - 1);
    // A note is credited only where the line holds the whole context it was drawn in (≥ 2 intervals): about a
    // quarter of this cue's skyline; the rest was moved, is a motif's, or started a phrase.
    expect(sampled.events.melody).toBeGreaterThan(0.2 * lines.melody.events.length);
    // Post-hoc over the same lines (melody and harmony; the bass has no sampling record).
    const posthoc: Attribution = attribute({ melody: lines.melody.events, harmony: lines.harmony.events }, lineModels(models, c.score.keys[0]?.mode ?? 'major'));
    expect(agreement(sampled.byCorpus, posthoc.byCorpus, (x) => x.corpus)).toBeGreaterThan(0.7);
    expect(agreement(sampled.byCollection, posthoc.byCollection, (x) => x.corpus + x.collection)).toBeGreaterThan(0.6);
    // Deterministic: the same cue gives the same record and the same attribution.
    const again = composeCue(resolveCue(parseCueSpec({ duration: 90, emotion: { valence: 0.5, arousal: 0.4, tension: 0.3 }, style: 'orchestral', seed: 2 })), { models });
    expect(JSON.stringify(outputReport(again.score, models, again.evidence).attribution)).toBe(JSON.stringify(sampled));
  });
});
