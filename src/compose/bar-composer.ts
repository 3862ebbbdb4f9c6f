/**
 * purpose: createBarComposer — the composer one bar at a time for the adaptive runtime. Same engine as
 * composeCue (phrase planning from the style models, the same bar renderer and voice leading); the emotion
 * may change every bar: dynamics, density, articulation and layers follow at once; harmony and mode follow at
 * the next phrase (a big valence swing starts a new phrase on the next bar). Key and tempo stay continuous:
 * the tonic never jumps (mode changes are parallel), tempo glides ≤ 4 % per bar toward the new target.
 * Cheap per bar: phrase material is sampled once per phrase and cached; a bar is rendering only.
 * Joins (`join(tones)`, an adaptive state change): a new phrase starts, entered at one of its 2-bar units whose
 * downbeat chord shares the most tones with the music it follows and sits a semitone from none of them.
 */
import type { BarComposer, BarComposerOptions, BarEmotion, ComposedBar, BarPart } from './api.js';
import { modeFor, paramsFor, tempoFor, tonicFor } from '../cue/emotion-map.js';
import { brightenMode, tasteTempo, type Taste } from '../cue/taste.js';
import { cleanEmotion } from '../cue/emotion.js';
import { runtimePhrase } from './form.js';
import { ComposerEngine } from './engine.js';
import { requireModels } from './models.js';
import { isMinorMode, meterInfo, mod12, type Key } from '../theory/index.js';
import type { PhraseMaterial } from './phrase.js';
import { Rng } from '../util/rng.js';
import { PPQ, type Mode } from '../score/schema.js';
import { safeClamp } from '../util/math.js';

export function createBarComposer(opts: BarComposerOptions): BarComposer {
  const models = requireModels(opts.models, 'createBarComposer');
  const start = cleanEmotion(opts.emotion);
  const seed = Number.isFinite(opts.seed) ? opts.seed >>> 0 : 1;
  const rng = new Rng(seed).fork('bars');
  const fixedMode = opts.mode;
  let taste: Taste | undefined = opts.taste;
  let pendingTaste: { taste: Taste | undefined } | undefined;
  const mode0: Mode = fixedMode ?? brightenMode(modeFor(start), taste?.brightness);
  const tonic = opts.tonic !== undefined && Number.isFinite(opts.tonic) ? mod12(Math.round(opts.tonic)) : tonicFor(start, mode0, rng.fork('key'));
  const meter: [number, number] = opts.meter ?? [4, 4];
  const barTicks = Math.round(meterInfo(meter[0], meter[1]).barQ * PPQ);
  const engine = new ComposerEngine({ style: opts.style, meter, home: { tonic, mode: mode0 }, motifs: opts.motifs ?? [], underDialogue: false, models, seed, leadEmotion: start, reuseHarmony: true, orchestration: opts.taste?.orchestration[opts.style] });
  const fixedTempo = opts.tempo !== undefined && Number.isFinite(opts.tempo) ? safeClamp(opts.tempo, 30, 300, 100) : undefined;
  let tempo = fixedTempo ?? tasteTempo(tempoFor(start, opts.style), taste);
  let key: Key = { tonic, mode: mode0 };
  let barIndex = 0;
  let phraseIndex = 0;
  let material: PhraseMaterial | null = null;
  let barInPhrase = 0;
  let last: BarEmotion = start;
  let phraseValence = start.valence;
  let joinTones: readonly number[] | undefined;

  /** Entry bar of the new phrase for a join: shared tones count, semitones and tritones against them cost. */
  const entryBar = (m: PhraseMaterial, tones: readonly number[]): number => {
    const have = new Set(tones.map((t) => mod12(Math.round(t))));
    if (have.size === 0) return 0;
    let best = 0;
    let bestScore = -Infinity;
    for (let b = 0; b < m.plan.bars; b += 2) {
      const beat = b * engine.meter.barQ;
      let chord = m.chords[0]?.chord;
      for (const s of m.chords) if (s.start <= beat + 1e-6) chord = s.chord;
      if (!chord) continue;
      let score = -b / 4; // the phrase's own beginning is the natural entry
      for (const pc of chord.pcs) {
        if (have.has(mod12(pc))) score += 1;
        if (have.has(mod12(pc + 1)) || have.has(mod12(pc - 1))) score -= 2;
        if (have.has(mod12(pc + 6))) score -= 0.5;
      }
      if (score > bestScore + 1e-9) { bestScore = score; best = b; }
    }
    return best;
  };

  const startPhrase = (e: BarEmotion) => {
    // A new taste waits for a phrase boundary: the music changes where a phrase would change anyway.
    if (pendingTaste) {
      taste = pendingTaste.taste;
      pendingTaste = undefined;
    }
    // Mode follows valence with hysteresis (±0.1 beyond the switch point) so a hovering value does not flap.
    if (!fixedMode) {
      const want = brightenMode(modeFor(e), taste?.brightness);
      const minorNow = isMinorMode(key.mode);
      const flip = minorNow ? e.valence > 0.35 : e.valence < -0.35;
      if (flip || (want !== key.mode && isMinorMode(want) === minorNow)) key = { tonic, mode: want };
    }
    const plan = runtimePhrase(phraseIndex++, barIndex, key);
    material = engine.planPhrase(plan, paramsFor(e, opts.style, false, taste), null);
    barInPhrase = 0;
    phraseValence = e.valence;
  };

  return {
    get barIndex() {
      return barIndex;
    },
    setTaste(next: Taste | undefined): void {
      pendingTaste = { taste: next };
    },
    join(tones: readonly number[]): void {
      joinTones = Array.isArray(tones) ? tones.filter((t) => Number.isFinite(t)) : [];
    },
    next(raw: BarEmotion): ComposedBar {
      const e = cleanEmotion(raw, last);
      last = e;
      const swing = Math.abs(e.valence - phraseValence) > 0.8;
      if (!material || barInPhrase >= material.plan.bars || swing || joinTones) startPhrase(e);
      const m = material!;
      if (joinTones) {
        barInPhrase = entryBar(m, joinTones);
        joinTones = undefined;
      }
      const params = paramsFor(e, opts.style, false, taste);
      if (fixedTempo === undefined) {
        const target = tasteTempo(tempoFor(e, opts.style), taste);
        tempo = Math.round(Math.max(tempo * 0.96, Math.min(tempo * 1.04, target)) * 10) / 10;
      }
      const rendered = engine.renderBar({ material: m, barInPhrase, barIndex, params, emotion: e, buildToClimax: false });
      const parts: BarPart[] = rendered.map((p) => ({
        role: p.voice.role,
        name: p.voice.name,
        program: p.program,
        channel: p.voice.channel,
        // Ties cross the barline (a held pad is one note, not a re-strike per bar): kept only where they can hold.
        notes: p.notes.map((n) => (n.tie && n.tick === 0 ? { tick: 0, duration: n.duration, pitch: n.pitch, velocity: n.velocity, tie: true } : { tick: n.tick, duration: n.duration, pitch: n.pitch, velocity: n.velocity })),
        controllers: p.controllers,
      }));
      const beat = barInPhrase * engine.meter.barQ;
      let chord = m.chords[0].chord.symbol;
      for (const s of m.chords) if (s.start <= beat + 1e-6) chord = s.chord.symbol;
      const out: ComposedBar = { index: barIndex, ticks: barTicks, chord, tonic: key.tonic, mode: key.mode, tempo, parts };
      barIndex++;
      barInPhrase++;
      return out;
    },
  };
}
