/**
 * purpose: constrained melody sampling. Rhythm from the duration × position model (or the caller's rhythm),
 * pitches from the combined interval/degree predictor, under hard constraints — pitches in range, in the key's
 * pitch classes (theory.allowedPitchClasses) unless a constraint names others, pitch classes at constrained beats,
 * the final note's pitch class — and the max-order anti-plagiarism constraint (Papadopoulos, Roy & Pachet 2014):
 * no window of maxCopy+1 consecutive notes may occur in the corpus (transposition-invariant tokens of interval +
 * inter-onset-interval ratio: the one copy definition, originality/definition.ts).
 *
 * Search: depth-first over notes; at each note the candidates are drawn without replacement in proportion to
 * their (tempered, contour-biased) probability, candidates completing a copied window are rejected, and a note
 * with no candidate left backs up to the previous note. A budget bounds the search; past it the deepest prefix
 * is completed greedily (constraints kept, copying allowed) and `satisfied` is false. It never hangs.
 * Steps: rhythm (melodyRhythm), pitch-class masks (pitchClassMasks), then the search (melody-search.ts).
 */
import { LeitmotifError } from '../util/errors.js';
import { Rng } from '../util/rng.js';
import type { MelodyNote, MelodyRequest, MelodyResult } from './api.js';
import type { MelodicIndex } from '../originality/melodic-index.js';
import { MIN_IOI } from '../originality/definition.js';
import { PitchPredictor } from './pitch-predictor.js';
import { MelodySearch } from './melody-search.js';
import type { Ppm } from './ppm.js';
import { pickByMeter, sampleNoteRhythm, type NoteSpan } from './sample-rhythm.js';
import { allowedPitchClasses } from './theory.js';
import { barBeats, mod12, modeQuality } from '../theory/index.js';
import { drawRecord, type SamplingEvidence } from './evidence.js';
import { intervalSymbol } from './viewpoints.js';

export interface MelodyParts {
  interval: Ppm;
  degree: { major?: Ppm; minor?: Ppm };
  rhythm: ReadonlyMap<string, Ppm>;
  index: MelodicIndex;
  bias: number;
}

const EPS = 1e-6;

function validate(req: MelodyRequest): void {
  const bad = (msg: string) => new LeitmotifError('LM_ERR_BAD_OPTION', `sampleMelody: ${msg}`);
  if (!Number.isInteger(req.bars) || req.bars < 1 || req.bars > 512) throw bad(`bars must be an integer 1–512, got ${req.bars}`);
  const [lo, hi] = req.range;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi > 127 || lo > hi) throw bad(`range must be two MIDI numbers lo ≤ hi, got [${lo}, ${hi}]`);
  if (!(req.meter.numerator >= 1 && req.meter.denominator >= 1)) throw bad('meter must have a positive numerator and denominator');
  if (!Number.isInteger(req.key.tonic) || req.key.tonic < 0 || req.key.tonic > 11) throw bad(`key.tonic must be 0–11, got ${req.key.tonic}`);
}

function pcMask(pcs: readonly number[]): number {
  let m = 0;
  for (const p of pcs) m |= 1 << mod12(p);
  return m;
}

/** Step 1, the rhythm: the caller's (finite onsets, positive lengths, sorted) or sampled from the metre's model. */
function melodyRhythm(parts: MelodyParts, req: MelodyRequest, rng: Rng): NoteSpan[] {
  if (req.rhythm && req.rhythm.length > 0) {
    const spans = req.rhythm.filter((r) => Number.isFinite(r.beat) && r.duration > 0).map((r) => ({ beat: r.beat, duration: r.duration }));
    spans.sort((a, b) => a.beat - b.beat);
    return spans;
  }
  const ppm = pickByMeter(parts.rhythm, req.meter, (p) => p.data.keys.length);
  return sampleNoteRhythm(ppm, req.meter, req.bars, req.density ?? 0.5, rng);
}

/**
 * Step 2, the allowed pitch classes per note: the key's, narrowed at constrained beats and on the final note.
 * A constraint that contradicts another, or that nothing in the range can meet, is relaxed and reported
 * (`satisfied: false`).
 */
function pitchClassMasks(req: MelodyRequest, spans: readonly NoteSpan[]): { masks: Int32Array; satisfied: boolean } {
  const n = spans.length;
  let satisfied = true;
  const keyMask = pcMask(allowedPitchClasses(req.key));
  const masks = new Int32Array(n).fill(keyMask);
  const fixed = new Uint8Array(n);
  for (const c of req.constraints ?? []) {
    const i = spans.findIndex((s) => s.beat <= c.beat + EPS && c.beat < s.beat + s.duration - EPS);
    if (i < 0) continue;
    const m = pcMask(c.pitchClasses);
    const next = fixed[i] ? masks[i] & m : m;
    if (next === 0) satisfied = false;
    else masks[i] = next;
    fixed[i] = 1;
  }
  if (req.endOn && req.endOn.length > 0) {
    const m = pcMask(req.endOn);
    const next = fixed[n - 1] ? masks[n - 1] & m : m;
    if (next === 0) satisfied = false;
    masks[n - 1] = next || m;
  }
  const [lo, hi] = req.range;
  for (let i = 0; i < n; i++) {
    let ok = false;
    for (let p = lo; p <= hi && !ok; p++) if (masks[i] & (1 << mod12(p))) ok = true;
    if (!ok) {
      satisfied = false;
      masks[i] = 0xfff; // nothing in range carries the asked pitch classes: keep the range, drop the class
    }
  }
  return { masks, satisfied };
}

/**
 * Sample a melody from the style model's parts under the request's constraints.
 *
 * @example
 * const r = sampleMelodyWith(parts, { bars: 4, range: [60, 79], meter: { numerator: 4, denominator: 4 }, key: { tonic: 0, mode: 'major' }, rng, endOn: [0] });
 * r.notes.at(-1)!.pitch % 12 // 0 (ends on C); r.satisfied // true unless the search ran out of budget
 */
export function sampleMelodyWith(parts: MelodyParts, req: MelodyRequest): MelodyResult {
  validate(req);
  const rng = new Rng(req.rng.nextUint32());
  const spans = melodyRhythm(parts, req, rng);
  const n = spans.length;
  if (n === 0) return { notes: [], backtracks: 0, longestCopiedRun: 0, satisfied: true };
  const { masks, satisfied: classesMet } = pitchClassMasks(req, spans);
  let satisfied = classesMet;

  // Step 3, models and histories (context notes first), then the search.
  const family = modeQuality(req.key.mode);
  const degree = parts.degree[family] ?? parts.degree[family === 'major' ? 'minor' : 'major']!;
  const maxCopy = req.maxCopy === undefined ? 6 : req.maxCopy;
  const checkCopy = Number.isFinite(maxCopy);
  const window = Math.max(1, Math.floor(maxCopy));
  const search = new MelodySearch({
    spans,
    masks,
    range: req.range,
    tonic: req.key.tonic,
    predictor: new PitchPredictor(parts.interval, degree, parts.bias),
    degree,
    context: (req.context ?? []).filter((p) => Number.isInteger(p) && p >= 0 && p <= 127).slice(-16),
    totalBeats: req.bars * barBeats(req.meter),
    temperature: req.temperature && req.temperature > 0 ? req.temperature : 1,
    peakAt: req.peakAt,
    copyWindow: checkCopy ? window : null,
    index: parts.index,
    rng,
  });
  const { complete, backtracks, bestPrefix } = search.run(400 + 40 * n);
  if (!complete) {
    // Best effort: the deepest prefix, completed greedily with every pitch constraint but copying allowed.
    satisfied = false;
    search.completeGreedily(bestPrefix);
  }

  const notes: MelodyNote[] = spans.map((s, j) => ({ beat: s.beat, duration: s.duration, pitch: search.pitches[j] }));
  if (req.evidence) recordIntervals(parts.interval, (req.context ?? []).filter((p) => Number.isInteger(p) && p >= 0 && p <= 127).slice(-16), search.pitches, req.evidence);
  // Checked as the copy definition measures it: inter-onset intervals (a rest belongs to the note before).
  const longestCopiedRun = parts.index.longestCopiedRun(notes.map((x, j) => ({ pitch: x.pitch, duration: j + 1 < notes.length ? Math.max(MIN_IOI, notes[j + 1].beat - x.beat) : x.duration })));
  if (checkCopy && longestCopiedRun > window) satisfied = false;
  return { notes, backtracks, longestCopiedRun, satisfied };
}

/** A draw record for every note of the result that follows a pitch (context notes condition it). */
function recordIntervals(interval: Ppm, context: readonly number[], pitches: Int32Array, into: SamplingEvidence): void {
  const c0 = context.length;
  const hist = new Int32Array(c0 + pitches.length);
  const at = (i: number) => (i < c0 ? context[i] : pitches[i - c0]);
  hist[0] = -1;
  for (let i = 1; i < hist.length; i++) hist[i] = intervalSymbol(at(i) - at(i - 1));
  for (let i = Math.max(1, c0); i < hist.length; i++) into.melody.push(drawRecord(interval, hist, i, hist[i], same));
}

const same = (s: number) => s;
