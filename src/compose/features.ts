/**
 * purpose: measurable musical features of a Score (or of a bare melodic line, for corpora), used by the
 * compose tests, `npm run eval:music` and plan's end-to-end evaluation. Pure; no I/O; cheap.
 *
 * Feature definitions (each computed the same way for generated music and corpus music):
 * - tempo: first tempo event (bpm); duration from the tempo map (exact through ramps).
 * - meanPitch: duration-weighted mean MIDI pitch of pitched (non-percussion) notes; melodyPitch: same, melody only.
 * - noteDensity: pitched onsets per second.
 * - velocity: duration-weighted mean MIDI velocity (the score-level loudness proxy; LUFS needs rendering).
 * - pcEntropy: Shannon entropy (bits) of the duration-weighted pitch-class histogram (0 … log2 12 ≈ 3.58).
 * - scaleConsistency: best share of pitched duration inside one diatonic collection (12 transpositions).
 * - chordToneRatio: melody onsets on strong beats whose pitch class the accompaniment sounds in that beat.
 * - grooveConsistency: mean cosine similarity of consecutive bars' percussion onset vectors (16th grid).
 * - motifRepetition: share of 4-note melodic cells (3 steps of contour class + IOI ratio) that recur.
 */
import { PPQ, type Score, type Track, type Note } from '../score/schema.js';
import { TempoMap } from '../score/tempo-map.js';
import { MeterMap, ticksPerBar } from '../score/meter-map.js';
import { isParallelPerfect } from './voicing.js';
import { DRUM_CHANNEL, isCompound, mod12 } from '../theory/index.js';

export interface MusicFeatures {
  tempo: number;
  mode: string;
  seconds: number;
  meanPitch: number;
  melodyPitch: number;
  noteDensity: number;
  velocity: number;
  pcEntropy: number;
  scaleConsistency: number;
  chordToneRatio: number;
  grooveConsistency: number;
  motifRepetition: number;
  tracks: number;
}

export interface LineNote {
  pitch: number;
  /** Onset in quarter-note beats. */
  beat: number;
  duration: number;
}

const isPitched = (t: Track) => t.channel !== DRUM_CHANNEL && t.role !== 'percussion';
const DIATONIC = [0, 2, 4, 5, 7, 9, 11];

export function pcHistogram(notes: ReadonlyArray<{ pitch: number; duration: number }>): number[] {
  const h = new Array<number>(12).fill(0);
  for (const n of notes) h[mod12(n.pitch)] += n.duration;
  return h;
}

export function entropyBits(h: readonly number[]): number {
  const total = h.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return 0;
  let e = 0;
  for (const x of h) if (x > 0) e -= (x / total) * Math.log2(x / total);
  return e;
}

export function scaleConsistency(h: readonly number[]): number {
  const total = h.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return NaN;
  let best = 0;
  for (let t = 0; t < 12; t++) {
    let s = 0;
    for (const d of DIATONIC) s += h[(t + d) % 12];
    best = Math.max(best, s / total);
  }
  return best;
}

/** Interval as a listener hears a motif's shape: direction × (same, step, third, leap). */
function intervalClass(iv: number): number {
  const a = Math.abs(iv);
  return Math.sign(iv) * (a === 0 ? 0 : a <= 2 ? 1 : a <= 4 ? 2 : 3);
}

/**
 * Share of 4-note melodic cells (3 steps) that recur, with each step heard as contour class × duration ratio (octaves), so a
 * diatonic sequence or a varied restatement counts as the motif coming back (MUSIC.md: a motif is recognised by
 * rhythm and contour more than exact pitches).
 */
export function motifRepetition(line: ReadonlyArray<{ pitch: number; beat: number; duration: number }>, n = 3): number {
  if (line.length < n + 2) return 0;
  // Inter-onset intervals, not sounding durations: articulation (staccato/legato) must not hide a rhythm.
  const ioi = line.map((x, i) => (i + 1 < line.length ? Math.max(1e-3, line[i + 1].beat - x.beat) : Math.max(1e-3, x.duration)));
  const grams: string[] = [];
  for (let i = 0; i + n < line.length; i++) {
    const parts: string[] = [];
    for (let k = 0; k < n; k++) {
      const a = line[i + k], b = line[i + k + 1];
      parts.push(`${intervalClass(b.pitch - a.pitch)}:${Math.round(Math.log2(ioi[i + k + 1] / ioi[i + k]))}`);
    }
    grams.push(parts.join('|'));
  }
  const counts = new Map<string, number>();
  for (const g of grams) counts.set(g, (counts.get(g) ?? 0) + 1);
  let rep = 0;
  for (const g of grams) if ((counts.get(g) ?? 0) > 1) rep++;
  return rep / grams.length;
}

/** Monophonic skyline of the melody tracks (highest note per onset), in beats. */
export function melodyLine(score: Score): LineNote[] {
  const notes = score.tracks.filter((t) => t.role === 'melody').flatMap((t) => t.notes);
  notes.sort((a, b) => a.tick - b.tick || b.pitch - a.pitch);
  const out: LineNote[] = [];
  let last = -1;
  for (const n of notes) {
    if (n.tick === last) continue;
    out.push({ pitch: n.pitch, beat: n.tick / PPQ, duration: n.duration / PPQ });
    last = n.tick;
  }
  return out;
}

/** Features of a bare melodic line (corpus melodies): the line-only subset of MusicFeatures. */
export function lineFeatures(line: readonly LineNote[], bpm = 100): Pick<MusicFeatures, 'meanPitch' | 'melodyPitch' | 'noteDensity' | 'pcEntropy' | 'scaleConsistency' | 'motifRepetition'> {
  const h = pcHistogram(line);
  let w = 0, p = 0, end = 0;
  for (const n of line) {
    w += n.duration;
    p += n.pitch * n.duration;
    end = Math.max(end, n.beat + n.duration);
  }
  const seconds = (end * 60) / bpm;
  return { meanPitch: w ? p / w : NaN, melodyPitch: w ? p / w : NaN, noteDensity: seconds > 0 ? line.length / seconds : 0, pcEntropy: entropyBits(h), scaleConsistency: scaleConsistency(h), motifRepetition: motifRepetition(line) };
}

function strongTicks(score: Score): (tick: number) => boolean {
  const mm = new MeterMap(score.meters);
  return (tick: number) => {
    const bb = mm.barBeatAt(tick);
    if (Math.abs(bb.beat - Math.round(bb.beat)) > 1e-9) return false;
    const beat = Math.round(bb.beat);
    const n = bb.meter.numerator;
    if (beat === 0) return true;
    if (isCompound(bb.meter)) return beat % 3 === 0 && beat === n / 2;
    return n % 2 === 0 && n >= 4 && beat === n / 2;
  };
}

export function chordToneRatio(score: Score): number {
  const strong = strongTicks(score);
  const mel = score.tracks.filter((t) => t.role === 'melody' && isPitched(t));
  const acc = score.tracks.filter((t) => t.role !== 'melody' && isPitched(t)).flatMap((t) => t.notes).sort((a, b) => a.tick - b.tick);
  let hit = 0, total = 0;
  for (const t of mel) {
    for (const n of t.notes) {
      if (!strong(n.tick)) continue;
      const pcs = new Set<number>();
      // The harmony of that beat: accompaniment sounding at the onset or struck within the beat (arpeggios).
      for (const a of acc) {
        if (a.tick >= n.tick + PPQ) break;
        if (a.tick + a.duration > n.tick) pcs.add(a.pitch % 12);
      }
      if (pcs.size === 0) continue;
      total++;
      if (pcs.has(n.pitch % 12)) hit++;
    }
  }
  return total ? hit / total : NaN;
}

export function grooveConsistency(score: Score): number {
  const drums = score.tracks.filter((t) => !isPitched(t)).flatMap((t) => t.notes);
  if (drums.length === 0) return NaN;
  const mm = new MeterMap(score.meters);
  const bars = new Map<number, number[]>();
  for (const n of drums) {
    const bb = mm.barBeatAt(n.tick);
    const len = Math.round(ticksPerBar(bb.meter) / (PPQ / 4));
    const v = bars.get(bb.bar) ?? new Array<number>(len).fill(0);
    const i = Math.floor((n.tick - bb.barTick) / (PPQ / 4));
    if (i < v.length) v[i] = 1;
    bars.set(bb.bar, v);
  }
  const keys = [...bars.keys()].sort((a, b) => a - b);
  let s = 0, c = 0;
  for (let i = 1; i < keys.length; i++) {
    const a = bars.get(keys[i - 1])!, b = bars.get(keys[i])!;
    if (a.length !== b.length) continue;
    let dot = 0, na = 0, nb = 0;
    for (let k = 0; k < a.length; k++) {
      dot += a[k] * b[k];
      na += a[k];
      nb += b[k];
    }
    if (na && nb) {
      s += dot / Math.sqrt(na * nb);
      c++;
    }
  }
  return c ? s / c : NaN;
}

export function scoreFeatures(score: Score): MusicFeatures {
  const map = new TempoMap(score.tempo);
  const seconds = map.ticksToSeconds(score.endTick);
  const pitched = score.tracks.filter(isPitched);
  const all: Note[] = pitched.flatMap((t) => t.notes);
  let w = 0, p = 0, v = 0;
  for (const n of all) {
    w += n.duration;
    p += n.pitch * n.duration;
    v += n.velocity * n.duration;
  }
  const mel = melodyLine(score);
  let mw = 0, mp = 0;
  for (const n of mel) {
    mw += n.duration;
    mp += n.pitch * n.duration;
  }
  const h = pcHistogram(all.map((n) => ({ pitch: n.pitch, duration: n.duration })));
  return {
    tempo: score.tempo[0].bpm,
    mode: score.keys[0]?.mode ?? 'unknown',
    seconds,
    meanPitch: w ? p / w : NaN,
    melodyPitch: mw ? mp / mw : NaN,
    noteDensity: seconds > 0 ? all.length / seconds : 0,
    velocity: w ? v / w : 0,
    pcEntropy: entropyBits(h),
    scaleConsistency: scaleConsistency(h),
    chordToneRatio: chordToneRatio(score),
    grooveConsistency: grooveConsistency(score),
    motifRepetition: motifRepetition(mel),
    tracks: score.tracks.length,
  };
}

/** Per-bar intensity profile: onsets (all tracks) and mean velocity (pitched), for climax/tension checks. */
export function barProfile(score: Score): Array<{ bar: number; onsets: number; velocity: number; intensity: number }> {
  const mm = new MeterMap(score.meters);
  const nBars = mm.barBeatAt(Math.max(0, score.endTick - 1)).bar + 1;
  const on = new Array<number>(nBars).fill(0);
  const vs = new Array<number>(nBars).fill(0);
  const vc = new Array<number>(nBars).fill(0);
  for (const t of score.tracks) for (const n of t.notes) {
    const b = mm.barBeatAt(n.tick).bar;
    if (b >= nBars) continue;
    on[b]++;
    vs[b] += n.velocity;
    vc[b]++;
  }
  return on.map((o, bar) => {
    const vel = vc[bar] ? vs[bar] / vc[bar] : 0;
    return { bar, onsets: o, velocity: vel, intensity: (vel / 127) * Math.log2(1 + o) };
  });
}

/**
 * Parallel fifths/octaves between the outer voices of a chordal texture: the lowest note of `bassTrack` and
 * the highest note of `upperTrack`, compared at each moment either voice changes. Returns the count.
 */
export function outerVoiceParallels(bassTrack: Track, upperTrack: Track): number {
  const times = [...new Set([...bassTrack.notes, ...upperTrack.notes].map((n) => n.tick))].sort((a, b) => a - b);
  const sounding = (t: Track, tick: number, pickHigh: boolean) => {
    let best: number | null = null;
    for (const n of t.notes) if (n.tick <= tick && n.tick + n.duration > tick) best = best === null ? n.pitch : pickHigh ? Math.max(best, n.pitch) : Math.min(best, n.pitch);
    return best;
  };
  let prev: [number, number] | null = null;
  let count = 0;
  for (const tick of times) {
    const b = sounding(bassTrack, tick, false), u = sounding(upperTrack, tick, true);
    if (b === null || u === null) {
      prev = null;
      continue;
    }
    if (prev && isParallelPerfect(prev[0], prev[1], b, u)) count++;
    prev = [b, u];
  }
  return count;
}
