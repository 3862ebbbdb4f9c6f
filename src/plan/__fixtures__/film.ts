/**
 * purpose: a small hand-made Script + Arc for plan/ tests (no parser or analyzer needed): an eight-scene short
 * with a calm opening, two talky kitchen scenes, a chase with two hits, a grief scene, a talky office scene
 * and a celebration at the end. Two characters: ANNA (lead) and BEN.
 */
import type { Script, Scene, ScriptElement } from '../../script/types.js';
import type { Arc, Beat, Hit, SceneArc } from '../../affect/types.js';
import type { StyleModel, MelodyRequest, MelodyResult } from '../../style/api.js';
import type { CueSpec } from '../cue-spec.js';
import type { ComposeOptions, ComposedCue } from '../../compose/api.js';
import { PPQ } from '../../score/schema.js';
import { emptyScore, addTrack } from '../../score/build.js';
import { solveHitTempo } from '../hit-sync.js';

interface SceneDef {
  heading: string;
  seconds: number;
  /** 'A' action line, 'anna'/'ben' dialogue line; each 5 s. */
  lines: string[];
  affect: { valence: number; arousal: number; tension: number };
  hits?: Array<{ at: number; text: string; kind: Hit['kind']; salience: number }>;
}

export const FILM_SCENES: SceneDef[] = [
  { heading: 'EXT. CITY - DAWN', seconds: 30, lines: ['A', 'A', 'A', 'A', 'A', 'A'], affect: { valence: 0.45, arousal: -0.2, tension: 0.2 } },
  { heading: 'INT. KITCHEN - DAY', seconds: 60, lines: ['A', 'anna', 'ben', 'anna', 'ben', 'anna', 'ben', 'anna', 'ben', 'anna', 'ben', 'A'], affect: { valence: 0.1, arousal: -0.1, tension: 0.2 } },
  { heading: 'INT. KITCHEN - LATER', seconds: 40, lines: ['anna', 'ben', 'anna', 'ben', 'anna', 'ben', 'anna', 'A'], affect: { valence: 0.05, arousal: -0.05, tension: 0.25 } },
  {
    heading: 'EXT. STREET - NIGHT',
    seconds: 45,
    lines: ['A', 'A', 'A', 'anna', 'A', 'A', 'A', 'A', 'A'],
    affect: { valence: -0.7, arousal: 0.8, tension: 0.85 },
    hits: [
      { at: 12.3, text: 'A gunshot cracks.', kind: 'sound', salience: 0.95 },
      { at: 26.1, text: 'The car slams into the barrier.', kind: 'impact', salience: 0.85 },
      { at: 26.4, text: 'Glass sprays.', kind: 'impact', salience: 0.4 },
    ],
  },
  { heading: 'EXT. STREET - CONTINUOUS', seconds: 30, lines: ['A', 'A', 'ben', 'A', 'A', 'A'], affect: { valence: -0.65, arousal: 0.75, tension: 0.8 } },
  { heading: 'INT. HOSPITAL - NIGHT', seconds: 50, lines: ['A', 'A', 'anna', 'A', 'A', 'anna', 'A', 'A', 'A', 'A'], affect: { valence: -0.8, arousal: -0.6, tension: 0.35 } },
  { heading: 'INT. OFFICE - DAY', seconds: 40, lines: ['ben', 'anna', 'ben', 'anna', 'ben', 'anna', 'ben', 'A'], affect: { valence: 0.0, arousal: 0.0, tension: 0.3 } },
  {
    heading: 'EXT. BEACH - SUNSET',
    seconds: 40,
    lines: ['A', 'A', 'anna', 'ben', 'A', 'A', 'A', 'A'],
    affect: { valence: 0.85, arousal: 0.8, tension: 0.15 },
    hits: [{ at: 20.2, text: 'Fireworks burst over the water.', kind: 'reveal', salience: 0.8 }],
  },
];

export function makeFilm(scenesDef: SceneDef[] = FILM_SCENES): { script: Script; arc: Arc } {
  const scenes: Scene[] = [];
  const beats: Beat[] = [];
  const hits: Hit[] = [];
  const sceneArcs: SceneArc[] = [];
  let t = 0;
  let line = 1;
  const words = { anna: 0, ben: 0 };
  const dialogues = { anna: 0, ben: 0 };
  const inScenes = { anna: [] as number[], ben: [] as number[] };
  scenesDef.forEach((d, index) => {
    const each = d.seconds / d.lines.length;
    const elements: ScriptElement[] = d.lines.map((l, k) => {
      const start = t + k * each;
      const spoken = l !== 'A';
      if (spoken) {
        const who = l as 'anna' | 'ben';
        words[who] += 12;
        dialogues[who] += 1;
      }
      return spoken
        ? { type: 'dialogue', text: 'Twelve words of dialogue spoken here by this character in the scene now.', line: line++, character: l, start, duration: each }
        : { type: 'action', text: 'Something happens.', line: line++, start, duration: each };
    });
    const chars = [...new Set(d.lines.filter((l) => l !== 'A'))];
    for (const c of chars) inScenes[c as 'anna' | 'ben'].push(index);
    scenes.push({ index, heading: d.heading, line: line++, elements, characters: chars, start: t, duration: d.seconds, timingSource: 'estimate' });
    sceneArcs.push({ index, heading: d.heading, start: t, duration: d.seconds, characters: chars, ...d.affect });
    elements.forEach((e, k) =>
      beats.push({ scene: index, element: k, text: e.text, start: e.start, duration: e.duration, ...(e.character ? { character: e.character } : {}), ...d.affect }),
    );
    for (const h of d.hits ?? []) hits.push({ time: t + h.at, scene: index, text: h.text, kind: h.kind, salience: h.salience });
    t += d.seconds;
  });
  const script: Script = {
    format: 'fountain',
    title: 'Fixture Film',
    titlePage: {},
    scenes,
    characters: (['anna', 'ben'] as const).map((id) => ({
      id,
      name: id.toUpperCase(),
      dialogueCount: dialogues[id],
      words: words[id],
      scenes: inScenes[id],
      firstAppearance: { scene: inScenes[id][0] ?? 0, time: scenes[inScenes[id][0] ?? 0]?.start ?? 0 },
    })),
    duration: t,
    warnings: [],
  };
  const arc: Arc = { source: 'offline', scenes: sceneArcs, beats, hits, notes: [] };
  return { script, arc };
}

/**
 * A deterministic stand-in melody model: stepwise lines from the seeded rng, quarter and eighth notes,
 * ending on a chord tone. Enough for plan/ tests; the real models live in style/.
 */
export function fakeMelodyModel(): StyleModel {
  return {
    id: 'fake-melody@1',
    name: 'fake',
    sampleMelody(req: MelodyRequest): MelodyResult {
      const beatsPerBar = (req.meter.numerator * 4) / req.meter.denominator;
      const total = req.bars * beatsPerBar;
      const scale = [0, 2, 4, 5, 7, 9, 11];
      const notes = [] as MelodyResult['notes'];
      let deg = 7 + req.rng.int(0, 4);
      let beat = 0;
      while (beat < total - 1e-9) {
        const dur = Math.min(total - beat, req.rng.chance(0.4) ? 0.5 : req.rng.chance(0.5) ? 1 : 2);
        deg = Math.max(0, Math.min(13, deg + req.rng.int(-2, 2)));
        const pitch = 60 + 12 * Math.floor(deg / 7) + scale[deg % 7];
        notes.push({ beat, duration: dur, pitch: Math.max(req.range[0], Math.min(req.range[1], pitch)) });
        beat += dur;
      }
      notes[notes.length - 1].pitch = 67;
      return { notes, backtracks: 0, longestCopiedRun: 3, satisfied: true };
    },
    sampleProgression: (req) => ({ chords: Array.from({ length: req.length }, () => 'I') }),
    sampleRhythm: (req) => Array.from({ length: req.bars }, () => [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]),
    longestCopiedRun: () => 3,
  };
}

/**
 * A stand-in composer honouring the contract plan/ relies on: `spec.bars` bars in the spec's meter, the given
 * tempo map, a melody, bass and (when aroused) drums track; reports motif bars. For assembly tests only.
 */
export function fakeComposeCue(spec: CueSpec, opts: Partial<ComposeOptions> = {}): ComposedCue {
  const [num, den] = (spec.meter ?? '4/4').split('/').map(Number);
  const barTicks = (num * 4 * PPQ) / den;
  const bars = spec.bars ?? 8;
  const score = emptyScore({ title: spec.title ?? 'cue', bpm: spec.tempo ?? 100, meter: [num, den as 4] });
  // Like compose/: an explicit map wins; else hits are landed with the same solver; else the spec's tempo.
  if (opts.tempoMap) score.tempo = opts.tempoMap.map((e) => ({ ...e }));
  else if (spec.hits.length) score.tempo = solveHitTempo({ baseBpm: spec.tempo ?? 100, meter: [num, den], hits: spec.hits }).tempo;
  score.endTick = bars * barTicks;
  const beat = (4 * PPQ) / den;
  const mel = addTrack(score, { name: 'Violins', role: 'melody', program: 40, channel: 0, volume: 100 });
  const bass = addTrack(score, { name: 'Cellos', role: 'bass', program: 42, channel: 1, volume: 90 });
  for (let b = 0; b < bars; b++) {
    for (let k = 0; k < num; k++) mel.notes.push({ tick: b * barTicks + k * beat, duration: beat, pitch: 72 + ((b + k) % 5), velocity: 80 });
    bass.notes.push({ tick: b * barTicks, duration: barTicks, pitch: 40, velocity: 70 });
  }
  if (spec.emotion.arousal > 0.3) {
    const drums = addTrack(score, { name: 'Drums', role: 'percussion', program: 0, channel: 9 });
    for (let b = 0; b < bars; b++) drums.notes.push({ tick: b * barTicks, duration: 60, pitch: 36, velocity: 100 });
  }
  return {
    score,
    summary: {
      key: spec.key ?? 'C',
      mode: spec.mode ?? 'major',
      tempo: spec.tempo ?? 100,
      meter: `${num}/${den}`,
      bars,
      form: ['A'],
      instruments: score.tracks.map((t) => t.name),
      longestCopiedRun: 4,
      motifs: spec.motifs.map((m, i) => ({ id: m.id, bar: Math.min(bars - 1, 1 + 2 * i), form: m.forms?.[0] ?? 'original' })),
    },
  };
}
