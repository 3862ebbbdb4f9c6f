/**
 * purpose: a tiny deterministic BarComposer for the adaptive engine's tests only — so the scheduler's
 * properties (sync points, note pairing, determinism) are tested independently of compose/'s music.
 * It is NOT used by the engine, the CLI or the demo.
 */
import type { BarComposer, BarComposerOptions, BarEmotion, ComposedBar, BarPart } from '../../compose/api.js';
import { PPQ } from '../../score/schema.js';
import { Rng } from '../../util/rng.js';
import { FLAT_NAMES as NAMES, MODE_SCALES, mod12 } from '../../theory/index.js';

/**
 * `sloppy` writes overlapping and duplicated same-pitch notes, like a buggy composer, to exercise the voice
 * guard; `ties` marks the pad's notes that repeat a pitch of the previous bar's pad as `tie` (held across the
 * barline, as compose/'s renderer does).
 */
export function createStubComposer(opts: Omit<BarComposerOptions, 'models'>, sloppy = false, ties = false): BarComposer {
  const rng = new Rng(opts.seed);
  const tonic = mod12(opts.tonic ?? 2);
  const mode = opts.mode ?? 'minor';
  const [num, den] = opts.meter ?? [4, 4];
  const beat = (PPQ * 4) / den;
  const steps = MODE_SCALES[mode];
  const degrees = [0, 5, 2, 6, 3, 0, 4, 4];
  let index = 0;
  let lastPad = new Set<number>();
  return {
    get barIndex() { return index; },
    next(e: BarEmotion): ComposedBar {
      const arousal = Number.isFinite(e.arousal) ? Math.max(-1, Math.min(1, e.arousal)) : 0;
      const deg = degrees[index % degrees.length];
      const tri = [0, 2, 4].map((k) => tonic + steps[(deg + k) % 7] + (deg + k >= 7 ? 12 : 0));
      const rootPc = (tonic + steps[deg]) % 12;
      const third = (steps[(deg + 2) % 7] - steps[deg] + 12) % 12;
      const chord = NAMES[rootPc] + (third === 3 ? 'm' : '');
      const ticks = num * beat;
      const parts: BarPart[] = [];
      const melody: BarPart['notes'] = [];
      const perBeat = arousal > 0.3 ? 2 : 1;
      for (let b = 0; b < num * perBeat; b++) {
        const d = deg + rng.int(0, 4);
        melody.push({ tick: (b * beat) / perBeat, duration: beat / perBeat, pitch: 72 + tonic + steps[d % 7] + (d >= 7 ? 12 : 0) - 12, velocity: 80 });
      }
      if (sloppy) {
        melody.push({ tick: 0, duration: ticks, pitch: melody[0].pitch, velocity: 70 });
        melody.push({ tick: beat, duration: beat * 2, pitch: melody[melody.length - 2].pitch, velocity: 70 });
      }
      parts.push({ role: 'melody', name: 'Flute', program: 73, channel: 0, notes: melody, controllers: [{ tick: 0, controller: 11, value: 110 }] });
      const pad = tri.map((p) => ({ tick: 0, duration: ticks, pitch: 60 + p, velocity: 60, ...(ties && lastPad.has(60 + p) ? { tie: true } : {}) }));
      lastPad = new Set(pad.map((n) => n.pitch));
      parts.push({ role: 'pad', name: 'Strings', program: 48, channel: 1, notes: pad, controllers: [] });
      parts.push({ role: 'bass', name: 'Bass', program: 32, channel: 2, notes: Array.from({ length: num }, (_, b) => ({ tick: b * beat, duration: beat, pitch: 36 + rootPc, velocity: 90 })), controllers: [] });
      const drums: BarPart['notes'] = [];
      for (let b = 0; b < num; b++) drums.push({ tick: b * beat, duration: beat / 2, pitch: b % 2 ? 38 : 36, velocity: 100 });
      parts.push({ role: 'percussion', name: 'Drums', program: 0, channel: 9, notes: drums, controllers: [] });
      return { index: index++, ticks, chord, tonic, mode, tempo: opts.tempo ?? 100, parts };
    },
  };
}
