import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { MODES } from '../score/schema.js';
import type { MelodyRequest, MelodyResult } from './api.js';
import { loadCorpus } from './corpus/node.js';
import { styleModelFromJson } from './load.js';
import type { TrainedStyleModel } from './model.js';
import { ioiNotes, trainStyleModel } from './train.js';
import { allowedPitchClasses } from './theory.js';
import { barBeats, mod12 } from '../theory/index.js';
import { parseRoman } from '../theory/index.js';
import { tokensOf } from '../originality/melodic-index.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
let model: TrainedStyleModel;
let corpusTokens: Int32Array[];

beforeAll(() => {
  const corpus = loadCorpus([FIXTURES]);
  const { file } = trainStyleModel(corpus, { name: 'tiny', folds: 0, order: 6 });
  // Through JSON, as a user's model file would be.
  model = styleModelFromJson(JSON.parse(JSON.stringify(file)));
  corpusTokens = corpus.pieces.map((p) => tokensOf(ioiNotes(p)));
});

/** Brute force: the longest run of notes whose tokens appear verbatim in one corpus melody. */
function bruteLongest(notes: ReadonlyArray<{ pitch: number; duration: number }>): number {
  if (notes.length === 0) return 0;
  const q = tokensOf(notes);
  let best = 0;
  for (let s = 0; s < q.length; s++)
    for (let len = best + 1; s + len <= q.length; len++) {
      const hit = corpusTokens.some((t) => {
        for (let p = 0; p + len <= t.length; p++) {
          let ok = true;
          for (let k = 0; k < len && ok; k++) ok = t[p + k] === q[s + k];
          if (ok) return true;
        }
        return false;
      });
      if (!hit) break;
      best = len;
    }
  return best + 1;
}

const meterArb = fc.constantFrom({ numerator: 4, denominator: 4 }, { numerator: 3, denominator: 4 }, { numerator: 6, denominator: 8 }, { numerator: 2, denominator: 4 }, { numerator: 2, denominator: 2 });
const pcsArb = fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 4 });

const requestArb = fc
  .record({
    tonic: fc.integer({ min: 0, max: 11 }),
    mode: fc.constantFrom(...MODES),
    meter: meterArb,
    bars: fc.integer({ min: 1, max: 8 }),
    lo: fc.integer({ min: 40, max: 76 }),
    width: fc.integer({ min: 12, max: 30 }),
    endOn: fc.option(pcsArb, { nil: undefined }),
    constraints: fc.array(fc.record({ at: fc.double({ min: 0, max: 0.999, noNaN: true }), pitchClasses: pcsArb }), { maxLength: 4 }),
    density: fc.double({ min: 0, max: 1, noNaN: true }),
    peakAt: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    maxCopy: fc.integer({ min: 2, max: 8 }),
    temperature: fc.constantFrom(0.7, 1, 1.5),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map((r): MelodyRequest => {
    const total = r.bars * barBeats(r.meter);
    return {
      key: { tonic: r.tonic, mode: r.mode },
      meter: r.meter,
      bars: r.bars,
      range: [r.lo, r.lo + r.width],
      endOn: r.endOn,
      constraints: r.constraints.map((c) => ({ beat: Math.floor(c.at * total * 2) / 2, pitchClasses: c.pitchClasses })),
      density: r.density,
      peakAt: r.peakAt,
      maxCopy: r.maxCopy,
      temperature: r.temperature,
      rng: new Rng(r.seed),
    };
  });

/** The pitch classes each note must have, as the contract defines them; undefined entries = infeasible. */
function expectedClasses(req: MelodyRequest, res: MelodyResult): Array<number[] | undefined> {
  const n = res.notes.length;
  const out: Array<number[] | undefined> = res.notes.map(() => allowedPitchClasses(req.key));
  const touched = new Array<boolean>(n).fill(false);
  for (const c of req.constraints ?? []) {
    const i = res.notes.findIndex((x) => x.beat <= c.beat + 1e-6 && c.beat < x.beat + x.duration - 1e-6);
    if (i < 0) continue;
    const cur = out[i];
    const next = touched[i] ? cur?.filter((p) => c.pitchClasses.map(mod12).includes(p)) : c.pitchClasses.map(mod12);
    out[i] = next && next.length > 0 ? next : undefined;
    touched[i] = true;
  }
  if (req.endOn && n > 0) {
    const last = out[n - 1];
    const e = req.endOn.map(mod12);
    const next = touched[n - 1] ? last?.filter((p) => e.includes(p)) : e;
    out[n - 1] = next && next.length > 0 ? next : undefined;
  }
  return out;
}

describe('sampleMelody respects every hard constraint (property)', () => {
  it('length, range, key/scale, constraints at beats, final note, max-order copying', () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        const res = model.sampleMelody(req);
        const total = req.bars * barBeats(req.meter);
        // Fixed length in bars: notes tile the passage exactly.
        expect(res.notes.length).toBeGreaterThan(0);
        expect(res.notes[0].beat).toBe(0);
        for (let i = 1; i < res.notes.length; i++) expect(res.notes[i].beat).toBeCloseTo(res.notes[i - 1].beat + res.notes[i - 1].duration, 9);
        const last = res.notes[res.notes.length - 1];
        expect(last.beat + last.duration).toBeCloseTo(total, 9);
        for (const x of res.notes) {
          expect(x.pitch).toBeGreaterThanOrEqual(req.range[0]);
          expect(x.pitch).toBeLessThanOrEqual(req.range[1]);
        }
        const want = expectedClasses(req, res);
        const feasible = want.every((w) => w !== undefined);
        if (feasible) {
          expect(res.satisfied).toBe(true);
          res.notes.forEach((x, i) => expect(want[i]).toContain(mod12(x.pitch)));
        } else expect(res.satisfied).toBe(false);
        // Anti-plagiarism, checked by brute force against the training melodies.
        const copied = bruteLongest(res.notes);
        expect(res.longestCopiedRun).toBe(copied);
        if (res.satisfied) expect(copied).toBeLessThanOrEqual(req.maxCopy!);
      }),
      { numRuns: 120 },
    );
  });

  it('a caller-fixed rhythm is kept; pitches still obey the key', () => {
    const rhythm = [0, 1, 1.5, 2, 3, 4, 6].map((b, i, a) => ({ beat: b, duration: (a[i + 1] ?? 8) - b }));
    const req: MelodyRequest = { key: { tonic: 2, mode: 'dorian' }, meter: { numerator: 4, denominator: 4 }, bars: 2, range: [60, 79], rhythm, rng: new Rng(4) };
    const res = model.sampleMelody(req);
    expect(res.notes.map((x) => [x.beat, x.duration])).toEqual(rhythm.map((r) => [r.beat, r.duration]));
    for (const x of res.notes) expect(allowedPitchClasses(req.key)).toContain(mod12(x.pitch));
  });

  it('same seed ⇒ same melody; different seeds ⇒ different melodies', () => {
    const req = (seed: number): MelodyRequest => ({ key: { tonic: 7, mode: 'major' }, meter: { numerator: 6, denominator: 8 }, bars: 4, range: [62, 84], endOn: [7], rng: new Rng(seed) });
    expect(model.sampleMelody(req(11))).toEqual(model.sampleMelody(req(11)));
    const outs = new Set([1, 2, 3, 4, 5].map((s) => JSON.stringify(model.sampleMelody(req(s)).notes)));
    expect(outs.size).toBeGreaterThan(3);
  });

  it('reports failure instead of hanging when constraints contradict', () => {
    const res = model.sampleMelody({ key: { tonic: 0, mode: 'major' }, meter: { numerator: 4, denominator: 4 }, bars: 1, range: [60, 72], constraints: [{ beat: 0, pitchClasses: [0] }, { beat: 0, pitchClasses: [1] }], rng: new Rng(1) });
    expect(res.satisfied).toBe(false);
    expect(res.notes.length).toBeGreaterThan(0);
  });

  it('rejects absurd requests with a clear error', () => {
    expect(() => model.sampleMelody({ key: { tonic: 0, mode: 'major' }, meter: { numerator: 4, denominator: 4 }, bars: 0, range: [60, 72], rng: new Rng(1) })).toThrow(/bars/);
    expect(() => model.sampleMelody({ key: { tonic: 0, mode: 'major' }, meter: { numerator: 4, denominator: 4 }, bars: 2, range: [72, 60], rng: new Rng(1) })).toThrow(/range/);
  });
});

describe('max-order constraint on a tiny corpus (brute force)', () => {
  it.each([2, 3, 4, 6])('no generated run longer than %i notes is copied', (maxCopy) => {
    const rng = new Rng(maxCopy);
    let backtracks = 0;
    for (let k = 0; k < 25; k++) {
      // Low temperature pulls the sampler toward the corpus: the constraint has to do real work.
      const res = model.sampleMelody({ key: { tonic: 7, mode: 'major' }, meter: { numerator: 4, denominator: 4 }, bars: 4, range: [55, 84], maxCopy, temperature: 0.3, rng });
      backtracks += res.backtracks;
      expect(res.satisfied).toBe(true);
      expect(bruteLongest(res.notes)).toBeLessThanOrEqual(maxCopy);
    }
    expect(backtracks).toBeGreaterThanOrEqual(0);
  });

  it('without the constraint, low-temperature sampling does copy (the check is not vacuous)', () => {
    const rng = new Rng(5);
    let longest = 0;
    for (let k = 0; k < 25; k++) {
      const res = model.sampleMelody({ key: { tonic: 7, mode: 'major' }, meter: { numerator: 4, denominator: 4 }, bars: 4, range: [55, 84], maxCopy: Infinity, temperature: 0.3, rng });
      longest = Math.max(longest, bruteLongest(res.notes));
    }
    expect(longest).toBeGreaterThan(4);
  });
});

describe('sampleProgression', () => {
  it('ends with the requested cadence, starts where asked, uses known numerals', () => {
    const ends: Record<string, string[][]> = {
      authentic: [['V', 'V7'], ['I']],
      half: [['V', 'V7']],
      plagal: [['IV'], ['I']],
      deceptive: [['V', 'V7'], ['vi']],
    };
    fc.assert(
      fc.property(fc.constantFrom('authentic', 'half', 'plagal', 'deceptive'), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0, max: 1, noNaN: true }), (cadence, length, seed, colour) => {
        const { chords } = model.sampleProgression({ mode: 'major', length, cadence, colour, rng: new Rng(seed) });
        expect(chords).toHaveLength(length);
        const tail = ends[cadence].slice(-length);
        tail.forEach((opts, i) => expect(opts).toContain(chords[length - tail.length + i]));
        if (length > tail.length) expect(chords[0]).toBe('I');
        for (const c of chords) expect(parseRoman(c, 'major'), c).not.toBeNull();
      }),
      { numRuns: 80 },
    );
    const minor = model.sampleProgression({ mode: 'minor', length: 6, cadence: 'plagal', start: 'VI', rng: new Rng(2) });
    expect(minor.chords[0]).toBe('VI');
    expect(minor.chords.slice(-2)).toEqual(['iv', 'i']);
  });
});

describe('sampleRhythm', () => {
  it('gives one pattern per bar on the sixteenth grid, denser with density', () => {
    const count = (density: number) => {
      let n = 0;
      for (let s = 1; s <= 10; s++) {
        const bars = model.sampleRhythm({ meter: { numerator: 4, denominator: 4 }, bars: 4, density, rng: new Rng(s) });
        expect(bars).toHaveLength(4);
        for (const b of bars) {
          expect(b).toHaveLength(16);
          for (const v of b) expect(v >= 0 && v <= 1).toBe(true);
          n += b.filter((v) => v > 0).length;
        }
      }
      return n;
    };
    expect(count(0.9)).toBeGreaterThan(count(0.1));
    const six = model.sampleRhythm({ meter: { numerator: 6, denominator: 8 }, bars: 2, density: 0.5, rng: new Rng(1) });
    expect(six[0]).toHaveLength(12);
  });
});
