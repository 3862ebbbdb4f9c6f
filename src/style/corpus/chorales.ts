/**
 * purpose: reader for the JSB chorale JSON files (Boulanger-Lewandowski split as in czhuang/JSB-Chorales-dataset):
 * `{train, valid, test}` → pieces → time steps. Two layouts are accepted:
 *   - separated: each step is [S, A, T, B] MIDI numbers, −1 = silence (Jsb16thSeparated.json, sixteenth grid);
 *   - sets: each step is the list of sounding pitches (jsb-chorales-{quarter,8th,16th}.json); the highest pitch
 *     is taken as soprano and the lowest as bass.
 * The grid is inferred from the file name (quarter / 8th / 16th; default sixteenth). The data distinguishes no
 * held from repeated notes, so equal consecutive pitches are merged into one note (documented upstream limit).
 * Keys are not given: Krumhansl–Schmuckler on all voices with the final bass note as tonic hint. Metre is not
 * given: 4/4 is assumed (most chorales) and the bar phase is chosen where long notes and the final chord fall
 * on downbeats.
 */
import type { KeyContext } from '../api.js';
import { detectKey, pitchClassHistogram } from '../key-detect.js';
import { mod12 } from '../../theory/index.js';
import { barPatternsOf, chordSpansOfTexture, placeInBars } from './texture.js';
import type { CorpusPiece, ReadResult } from './types.js';

type Plain = { onset: number; duration: number; pitch: number };

export function stepBeatsFromName(file: string): number {
  const f = file.toLowerCase();
  if (/quarter/.test(f)) return 1;
  if (/8th|eighth/.test(f)) return 0.5;
  return 0.25;
}

/** True when a parsed JSON value looks like a chorale file. */
export function looksLikeChorales(data: unknown): boolean {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return false;
  const o = data as Record<string, unknown>;
  return ['train', 'valid', 'test'].some((k) => Array.isArray(o[k]));
}

export function readChoraleJson(data: unknown, file: string, stepBeats = stepBeatsFromName(file)): ReadResult {
  const pieces: CorpusPiece[] = [];
  const warnings: string[] = [];
  if (!looksLikeChorales(data)) return { pieces, warnings: [`${file}: not a chorale JSON file (expected {train, valid, test} lists)`] };
  const o = data as Record<string, unknown>;
  for (const split of ['train', 'valid', 'test']) {
    const list = o[split];
    if (!Array.isArray(list)) continue;
    list.forEach((steps, i) => {
      const id = `${file}#${split}/${i}`;
      try {
        const p = readOne(steps, id, file, stepBeats);
        if (typeof p === 'string') warnings.push(`${id}: skipped (${p})`);
        else pieces.push(p);
      } catch (e) {
        warnings.push(`${id}: skipped (${(e as Error).message})`);
      }
    });
  }
  return { pieces, warnings };
}

function readOne(steps: unknown, id: string, file: string, stepBeats: number): CorpusPiece | string {
  if (!Array.isArray(steps) || steps.length < 4) return 'too short or not a list of steps';
  // Separated files hold exactly [S, A, T, B] with −1 for silence; set files hold what sounds, in any order.
  const separated = /separated/i.test(file) || steps.some((s) => Array.isArray(s) && s.includes(-1));
  const voices: Plain[][] = [[], [], [], []];
  const open: Array<Plain | undefined> = [undefined, undefined, undefined, undefined];
  for (let t = 0; t < steps.length; t++) {
    const s = steps[t];
    if (!Array.isArray(s) || !s.every((x) => Number.isInteger(x) && x >= -1 && x <= 127)) return `step ${t} is not a list of MIDI numbers`;
    let v: number[];
    if (separated) v = s as number[];
    else {
      const sorted = (s as number[]).filter((x) => x >= 0).sort((a, b) => b - a);
      v = sorted.length === 0 ? [-1, -1, -1, -1] : [sorted[0], sorted[1] ?? -1, sorted[2] ?? -1, sorted[sorted.length - 1]];
      if (sorted.length < 4) v[3] = sorted[sorted.length - 1];
    }
    for (let k = 0; k < 4; k++) {
      const p = v[k];
      const cur = open[k];
      if (cur && cur.pitch === p) cur.duration += stepBeats;
      else {
        open[k] = undefined;
        if (p >= 0) {
          const n = { onset: t * stepBeats, duration: stepBeats, pitch: p };
          voices[k].push(n);
          open[k] = n;
        }
      }
    }
  }
  const [sop, , , bass] = voices;
  if (sop.length < 4 || bass.length < 2) return 'soprano or bass nearly empty';
  const all = voices.flat();
  const lastBass = bass[bass.length - 1];
  const est = detectKey(pitchClassHistogram(all), { tonicHint: mod12(lastBass.pitch), hintWeight: 0.15 });
  const key: KeyContext = { tonic: est.tonic, mode: est.mode };
  const chordSpans = chordSpansOfTexture(all, key, 1);
  const meter = { numerator: 4, denominator: 4 };
  const phase = barPhase(all, sop);
  const melody = placeInBars(sop, meter, phase);
  const bassLine = placeInBars(bass, meter, phase);
  return {
    id,
    file,
    format: 'chorale-json',
    key,
    keySource: 'detected',
    meter,
    melody,
    bass: bassLine,
    chords: chordSpans.map((c) => c.roman),
    chordSpans,
    chordSource: 'texture',
    barPatterns: barPatternsOf(placeInBars(all, meter, phase), meter),
  };
}

/**
 * Beats (0..3) before the first downbeat: the phase of a 4/4 bar that puts most long-note onsets and the last
 * soprano onset (the final chord) on beat 1 — long notes gravitate to strong beats (Lerdahl & Jackendoff MPR 5).
 */
function barPhase(all: Plain[], sop: Plain[]): number {
  const score = [0, 0, 0, 0];
  for (const n of all) {
    const beat = Math.round(n.onset);
    if (Math.abs(n.onset - beat) > 1e-6) continue;
    score[mod4(beat)] += Math.min(n.duration, 4);
  }
  const last = sop[sop.length - 1];
  if (Math.abs(last.onset - Math.round(last.onset)) < 1e-6) score[mod4(Math.round(last.onset))] += all.length / 8;
  let best = 0;
  for (let k = 1; k < 4; k++) if (score[k] > score[best]) best = k;
  return best;
}

function mod4(n: number): number {
  return ((n % 4) + 4) % 4;
}
