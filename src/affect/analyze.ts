/**
 * purpose: `analyzeScript(script, { model }) → Arc`, the offline emotion analysis (pure: the compiled text model
 * is an argument — Node callers load it with affect/node.ts `loadTextModel()`). Steps:
 *  1. every action/dialogue/lyrics element → valence, arousal, threat, relief, salience (element-affect.ts);
 *  2. tension by a leaky integrator over the beats in screen time (tension.ts);
 *  3. beat arc: Gaussian smoothing in time (σ = 5 s) where neighbours across a scene boundary count 30 %,
 *     so a cut is a visible change but not a cliff. Plain prose is not smoothed: there a beat is a whole
 *     paragraph, a unit of meaning of its own, and blending it with its neighbours would report what the
 *     paragraphs around it say (EmoBank dev through the pipeline: r 0.640 valence per paragraph; smoothing had lowered an older model's 0.618 to 0.55);
 *  4. scene values: elements weighted by screen time × salience (a scene is felt through its strongest moments
 *     and its longest ones), plus light heading cues (NIGHT, STORM, CEMETERY…);
 *  5. scene context (opt-in, `sceneContext: true`, when the model carries a learned scene block): the situation the action
 *     lines, heading and preceding scene establish re-reads the scene — its values become the scene model's, and
 *     every beat of the scene moves by the same change, so the lines spoken inside the situation take its colour;
 *  6. hit points: cue words, scene cuts, emotional turns (hits.ts).
 * End-of-script markers ("THE END", "FADE OUT.") are layout, not story: they are not analysed.
 */
import type { Script, ScriptElement } from '../script/types.js';
import { clamp } from '../util/math.js';
import { headingCues } from './cues.js';
import { elementAffect } from './element-affect.js';
import { cueHits, cutHits, mergeHits, turnHits, type HitBeat } from './hits.js';
import { sceneFeatures, sceneTerms, sceneVectorWords, type FeatureBeat } from './scene-features.js';
import { integrateTension } from './tension.js';
import type { TextModel } from './text-model.js';
import type { Token } from './text-features.js';
import type { Arc, Beat, SceneArc } from './types.js';

export interface AnalyzeOptions {
  /** The compiled text model (Node: affect/node.ts `loadTextModel()` reads the shipped models/affect/text-vad.json). */
  model: TextModel;
  /** Gaussian smoothing width for the beat arc, seconds (default 5; 0 for plain prose, where a beat is a paragraph). */
  smoothingSeconds?: number;
  /**
   * Re-read each scene with the model's learned scene-context block when it has one (default false,
   * `leitmotif analyze --scene-context`): it lifts the held-out scene figures but flattens the arcs of the example
   * scripts (src/affect/README.md, "Scene context"). Plain prose reads worse with it (EmoBank through the
   * pipeline: r 0.640 → 0.425 valence): it was trained on screenplay scenes.
   */
  sceneContext?: boolean;
  /** Receives each scene's context features (scene-features.ts), in scene order — what training reads. */
  onSceneFeatures?: (features: number[][], terms: string[][], words: string[][]) => void;
}

/** "THE END", "FADE OUT.", "END OF FILM"…: a marker of layout, not a line of the story. */
const END_MARKER = /^\s*(?:THE\s+END|END(?:\s+OF\s+(?:FILM|SCRIPT|EPISODE|ACT\s+\w+))?|FIN|FADE\s+(?:OUT|TO\s+BLACK)|CUT\s+TO\s+BLACK)[.!]?\s*$/i;

const ANALYSED: ReadonlySet<ScriptElement['type']> = new Set(['action', 'dialogue', 'lyrics']);
const CROSS_SCENE_WEIGHT = 0.3;

interface RawBeat extends HitBeat {
  element: number;
  kind: FeatureBeat['kind'];
  character?: string;
  relief: number;
  salience: number;
  tension: number;
  textValence: number;
  textArousal: number;
  tokens: Token[];
}

/** Upper-case name words of every character ("SARAH CONNOR" → SARAH, CONNOR, SARAH CONNOR). */
export function characterNameWords(script: Script): Set<string> {
  const names = new Set<string>();
  for (const c of script.characters) {
    const up = c.name.toUpperCase().trim();
    if (!up) continue;
    names.add(up);
    for (const part of up.split(/\s+/)) if (part.length >= 2) names.add(part);
  }
  return names;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function analyzeScript(script: Script, opts: AnalyzeOptions): Arc {
  const model = opts?.model;
  if (!model) throw new TypeError('analyzeScript: a text model is required ({ model }); load it with loadTextModel() from affect/node.ts');
  const sigma = opts.smoothingSeconds ?? (script.format === 'plain' ? 0 : 5);
  const names = characterNameWords(script);

  // 1. Elements.
  const raw: RawBeat[] = [];
  for (const scene of script.scenes) {
    scene.elements.forEach((el, ei) => {
      if (!ANALYSED.has(el.type) || !/[A-Za-z]/.test(el.text) || END_MARKER.test(el.text)) return;
      const kind = el.type === 'action' ? 'action' : 'dialogue';
      const e = elementAffect(el.text, kind, model, names, { prior: script.format !== 'plain' });
      raw.push({
        scene: scene.index,
        element: ei,
        kind,
        start: el.start,
        duration: el.duration,
        text: el.text,
        character: el.character,
        valence: e.valence,
        arousal: e.arousal,
        threat: e.threat,
        relief: e.relief,
        salience: e.salience,
        cues: e.cues,
        textValence: e.text.valence,
        textArousal: e.text.arousal,
        tokens: e.tokens,
        tension: 0,
      });
    });
  }
  raw.sort((a, b) => a.start - b.start || a.scene - b.scene || a.element - b.element);

  // 2. Tension.
  const headings = new Map(script.scenes.map((s) => [s.index, headingCues(s.heading)]));
  const { beat: tension, sceneStart } = integrateTension(raw, (i) => Math.max(0, headings.get(i)?.threat ?? 0), script.duration);
  raw.forEach((b, i) => (b.tension = tension[i]));

  // 3. Smoothed beat arc.
  const smoothed = smoothBeats(raw, sigma);
  const beats: Beat[] = raw.map((b, i) => ({
    scene: b.scene,
    element: b.element,
    text: b.text,
    start: b.start,
    duration: b.duration,
    ...(b.character ? { character: b.character } : {}),
    valence: r3(clamp(smoothed[i].valence, -1, 1)),
    arousal: r3(clamp(smoothed[i].arousal, -1, 1)),
    tension: r3(clamp(b.tension, 0, 1)),
  }));

  // 4. Scenes.
  const byScene = new Map<number, RawBeat[]>();
  for (const b of raw) {
    const list = byScene.get(b.scene);
    if (list) list.push(b);
    else byScene.set(b.scene, [b]);
  }
  let carry = { valence: 0, arousal: -0.2, tension: 0 };
  const scenes: SceneArc[] = script.scenes.map((s) => {
    const hc = headings.get(s.index) ?? { valence: 0, arousal: 0, threat: 0 };
    const list = byScene.get(s.index) ?? [];
    let value: { valence: number; arousal: number; tension: number };
    if (list.length) {
      value = lineValue(list);
    } else {
      // No analysable text (a heading, a montage title): keep the mood of what came before, a little calmer.
      value = { valence: carry.valence * 0.8, arousal: carry.arousal * 0.8, tension: sceneStart.get(s.index) ?? carry.tension * 0.8 };
    }
    value = withHeading(value, hc);
    carry = value;
    return {
      index: s.index,
      heading: s.heading,
      start: s.start,
      duration: s.duration,
      characters: [...s.characters],
      valence: r3(value.valence),
      arousal: r3(value.arousal),
      tension: r3(value.tension),
    };
  });

  // 5. Scene context. The scene model was trained on short scenes (a few lines, ~20 words); a long scene of a real
  // script is read as a sequence of such dramatic units (chunks of ~CHUNK_WORDS words), each re-read with the
  // situation established so far, and the scene's value is their weighted mean — so a wedding that ends in a
  // shattered glass keeps its joy until the glass breaks, and one dark line does not recolour a whole page.
  const sceneModel = opts.sceneContext === true ? model.scene : undefined;
  if (sceneModel || opts.onSceneFeatures) {
    const inputs = scenes.map((s, i) => ({
      heading: s.heading,
      headingCue: headings.get(s.index) ?? { valence: 0, arousal: 0, threat: 0 },
      beats: byScene.get(s.index) ?? [],
      offline: { valence: s.valence, arousal: s.arousal, tension: s.tension },
      ...(i > 0 ? { previous: { valence: scenes[i - 1].valence, arousal: scenes[i - 1].arousal, tension: scenes[i - 1].tension } } : {}),
    }));
    if (opts.onSceneFeatures) {
      opts.onSceneFeatures(inputs.map((x) => sceneFeatures(x, model)), inputs.map((x) => sceneTerms(x, model.isContentWord)), inputs.map((x) => sceneVectorWords(x)));
    }
    if (sceneModel) {
      const delta = new Map<RawBeat, { v: number; a: number; t: number }>();
      let previous: { valence: number; arousal: number; tension: number } | undefined;
      scenes.forEach((s, i) => {
        const list = byScene.get(s.index) ?? [];
        const hc = inputs[i].headingCue;
        const chunks = list.length ? chunkBeats(list, (b) => b.tokens.length) : [[]];
        let wsum = 0, v = 0, a = 0, t = 0;
        let situation: RawBeat | undefined;
        for (const chunk of chunks) {
          // A chunk of dialogue alone is still spoken inside the situation the last action line set up.
          const lastAction = [...chunk].reverse().find((b) => b.kind === 'action');
          const context = chunk.some((b) => b.kind === 'action') || !situation ? chunk : [situation, ...chunk];
          const offline = chunk.length ? withHeading(lineValue(chunk), hc) : { valence: s.valence, arousal: s.arousal, tension: s.tension };
          const input = { heading: s.heading, headingCue: hc, beats: context, offline, ...(previous ? { previous } : {}) };
          const p = sceneModel.predict(sceneFeatures(input, model), sceneTerms(input, model.isContentWord), sceneVectorWords(input));
          const w = chunk.length ? chunk.reduce((acc, b) => acc + beatWeight(b), 0) : 1;
          wsum += w;
          v += p.valence * w;
          a += p.arousal * w;
          t += p.tension * w;
          for (const b of chunk) delta.set(b, { v: p.valence - offline.valence, a: p.arousal - offline.arousal, t: p.tension - offline.tension });
          previous = offline;
          if (lastAction) situation = lastAction;
        }
        Object.assign(s, { valence: r3(v / wsum), arousal: r3(a / wsum), tension: r3(t / wsum) });
      });
      beats.forEach((b, i) => {
        const d = delta.get(raw[i]);
        if (!d) return;
        b.valence = r3(clamp(b.valence + d.v, -1, 1));
        b.arousal = r3(clamp(b.arousal + d.a, -1, 1));
        b.tension = r3(clamp(b.tension + d.t, 0, 1));
      });
    }
  }

  // 6. Hits.
  const hits = mergeHits([...raw.flatMap(cueHits), ...cutHits(scenes), ...turnHits(raw)]);

  const notes: string[] = [`offline analysis with text model ${model.id}${sceneModel ? ` and scene-context model ${sceneModel.id}` : ''}`];
  if (!raw.length) notes.push('no action or dialogue text found; the arc is flat');
  return { source: 'offline', scenes, beats, hits, notes };
}

/** A beat's weight in its scene: screen time × salience (a scene is felt through its strongest and longest moments). */
const beatWeight = (b: RawBeat) => Math.max(1, b.duration) * (0.3 + b.salience);

/** The line-by-line value of a run of beats: weighted mean valence/arousal, tension between mean and peak. */
function lineValue(list: readonly RawBeat[]): { valence: number; arousal: number; tension: number } {
  let wsum = 0, v = 0, a = 0, t = 0, tmax = 0;
  for (const b of list) {
    const w = beatWeight(b);
    wsum += w;
    v += b.valence * w;
    a += b.arousal * w;
    t += b.tension * w;
    tmax = Math.max(tmax, b.tension);
  }
  return { valence: v / wsum, arousal: a / wsum, tension: 0.6 * (t / wsum) + 0.4 * tmax };
}

function withHeading(value: { valence: number; arousal: number; tension: number }, hc: { valence: number; arousal: number }) {
  return { valence: clamp(value.valence + hc.valence, -1, 1), arousal: clamp(value.arousal + hc.arousal, -1, 1), tension: clamp(value.tension, 0, 1) };
}

/** Words per dramatic unit the scene model reads (its training scenes hold 15–32 words, 10th–90th percentile; median 22). */
export const CHUNK_WORDS = 30;

/**
 * Consecutive beats in runs of about CHUNK_WORDS words. A run closes once it has CHUNK_WORDS words and at least
 * half as many remain, so a scene of up to 1.5 × CHUNK_WORDS words is read whole, like the training scenes.
 */
export function chunkBeats<T extends { text: string }>(list: readonly T[], count: (b: T) => number = (b) => b.text.split(/\s+/).filter(Boolean).length): T[][] {
  let left = list.reduce((n, b) => n + count(b), 0);
  const out: T[][] = [];
  let cur: T[] = [];
  let words = 0;
  for (const b of list) {
    cur.push(b);
    words += count(b);
    left -= count(b);
    if (words >= CHUNK_WORDS && left >= CHUNK_WORDS / 2) {
      out.push(cur);
      cur = [];
      words = 0;
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Gaussian smoothing of valence/arousal over beat midpoints; cross-scene neighbours weigh CROSS_SCENE_WEIGHT. */
function smoothBeats(beats: readonly RawBeat[], sigma: number): Array<{ valence: number; arousal: number }> {
  const mid = beats.map((b) => b.start + b.duration / 2);
  const out: Array<{ valence: number; arousal: number }> = [];
  const reach = 3 * sigma;
  let lo = 0;
  for (let i = 0; i < beats.length; i++) {
    if (sigma <= 0) {
      out.push({ valence: beats[i].valence, arousal: beats[i].arousal });
      continue;
    }
    while (mid[lo] < mid[i] - reach) lo++;
    let ws = 0, v = 0, a = 0;
    for (let j = lo; j < beats.length && mid[j] <= mid[i] + reach; j++) {
      const d = (mid[j] - mid[i]) / sigma;
      let w = Math.exp(-0.5 * d * d) * (0.5 + beats[j].salience);
      if (beats[j].scene !== beats[i].scene) w *= CROSS_SCENE_WEIGHT;
      ws += w;
      v += beats[j].valence * w;
      a += beats[j].arousal * w;
    }
    out.push({ valence: v / ws, arousal: a / ws });
  }
  return out;
}
