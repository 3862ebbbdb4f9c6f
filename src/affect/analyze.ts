/**
 * purpose: `analyzeScript(script, { model }) → Arc`, the offline emotion analysis (pure: the compiled text model
 * is an argument — Node callers load it with affect/node.ts `loadTextModel()`). Steps:
 *  1. every action/dialogue/lyrics element → valence, arousal, threat, relief, salience (element-affect.ts);
 *  2. tension by a leaky integrator over the beats in screen time (tension.ts);
 *  3. beat arc: Gaussian smoothing in time (σ = 5 s) where neighbours across a scene boundary count 30 %,
 *     so a cut is a visible change but not a cliff. Plain prose is not smoothed: there a beat is a whole
 *     paragraph, a unit of meaning of its own, and blending it with its neighbours would report what the
 *     paragraphs around it say (EmoBank dev through the pipeline: r 0.639 valence per paragraph; smoothing had lowered an older model's 0.618 to 0.55);
 *  4. scene values: elements weighted by screen time × salience (a scene is felt through its strongest moments
 *     and its longest ones), plus light heading cues (NIGHT, STORM, CEMETERY…);
 *  5. scene context (default for screenplays, when the model carries a learned scene block; `sceneContext: false`
 *     or `--no-scene-context` turns it off; plain prose only when asked): each scene is read as dramatic units of
 *     ~30 words, each inside the situation its action lines, heading and preceding unit establish. A unit's value
 *     is the learned blend of its line reading and the scene model (`sceneShares`); over a long scene the line
 *     reading earns a larger share and the model recolours rather than mutes (`blendUnit`); a unit shorter than
 *     the training scenes moves its lines only in proportion. Every beat of a unit moves by the unit's change, so
 *     the lines spoken inside a situation take its colour; tension the model reads above its no-evidence level
 *     carries on with the tension state;
 *  6. hit points: cue words, scene cuts, emotional turns (hits.ts).
 * End-of-script markers ("THE END", "FADE OUT.") are layout, not story: they are not analysed.
 */
import type { Script, ScriptElement } from '../script/types.js';
import { clamp } from '../util/math.js';
import { wordCount } from '../util/words.js';
import { headingCues } from './cues.js';
import { PROSE_UNIT_WORDS, elementAffect } from './element-affect.js';
import { cueHits, cutHits, mergeHits, turnHits, type HitBeat } from './hits.js';
import { sceneFeatures, sceneTerms, sceneVectorWords, type FeatureBeat } from './scene-features.js';
import { TENSION_TAU_SECONDS, integrateTension } from './tension.js';
import type { TextModel } from './text-model.js';
import type { Token } from './text-features.js';
import type { Arc, Beat, SceneArc } from './types.js';

export interface AnalyzeOptions {
  /** The compiled text model (Node: affect/node.ts `loadTextModel()` reads the shipped models/affect/text-vad.json). */
  model: TextModel;
  /** Gaussian smoothing width for the beat arc, seconds (default 5; 0 for plain prose, where a beat is a paragraph). */
  smoothingSeconds?: number;
  /**
   * Re-read each scene with the model's learned scene-context block when it has one (step 5; src/affect/README.md,
   * "Scene context"). Default: on for screenplays, off for plain prose (it was trained on screenplay scenes; on
   * EmoBank's one-sentence paragraphs, units shorter than its training scenes, it changes little: r 0.6179 → 0.6175
   * valence through the pipeline). `false` is the line-by-line reading (`leitmotif analyze --no-scene-context`).
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
      const e = elementAffect(el.text, kind, model, names, script.format === 'plain' ? { prior: false, wholeUnitWords: PROSE_UNIT_WORDS } : {});
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
  const sceneModel = (opts.sceneContext ?? script.format !== 'plain') ? model.scene : undefined;
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
      // Tension the scene model added in the chunk before (above its no-evidence level), and the integrator's level
      // at that chunk's end: the addition is part of the tension state, so it carries on in proportion to the
      // integrator's own level (fading, cut, relief) instead of vanishing at the next chunk.
      let raised = 0, raisedLevel = 0;
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
          // The integrator's level over this chunk against its level where the addition was made: that ratio holds
          // its fading with screen time, the 80 % carried across a cut and the drain of relief.
          const level = chunk.length ? chunk.reduce((acc, b) => acc + b.tension, 0) / chunk.length : offline.tension;
          const input = { heading: s.heading, headingCue: hc, beats: context, offline, ...(previous ? { previous } : {}) };
          const q = sceneModel.predict(sceneFeatures(input, model), sceneTerms(input, model.isContentWord), sceneModel.readsWords ? sceneVectorWords(input) : []);
          // ...and only while the model does not read this chunk's situation as safer than no evidence (a party
          // after the chase): its own addition fades with the threat it sees.
          const noEvidence = sceneModel.blend?.mean[2] ?? 0;
          const safe = noEvidence > 0 ? clamp(q.tension / noEvidence, 0, 1) : 1;
          const carried = raised * (raisedLevel > 0 ? clamp(level / raisedLevel, 0, 1) : 0) * safe;
          const line = { ...offline, tension: clamp(offline.tension + carried, 0, 1) };
          const words = chunk.reduce((n, b) => n + b.tokens.length, 0);
          // Units of evidence the line reading holds, in the measure of the training scenes: chunks for valence and
          // arousal; for tension the screen time its integrator has remembered (up to its time constant) by the chunk's end.
          const end = chunk.length ? chunk[chunk.length - 1].start + chunk[chunk.length - 1].duration : s.start + s.duration;
          const unitSeconds = sceneModel.blend?.unitSeconds ?? 0;
          const share = sceneShares(sceneModel.blend, [chunks.length, chunks.length, unitSeconds > 0 ? Math.min(end, TENSION_TAU_SECONDS) / unitSeconds : 1]);
          const evidence = Math.min(1, words / Math.max(1, sceneModel.blend?.minWords ?? 1));
          const p = blendUnit(line, q, share, evidence, chunks.length > 1);
          const w = chunk.length ? chunk.reduce((acc, b) => acc + beatWeight(b), 0) : 1;
          wsum += w;
          v += (p.valence - offline.valence) * w;
          a += (p.arousal - offline.arousal) * w;
          t += (p.tension - offline.tension) * w;
          for (const b of chunk) delta.set(b, { v: p.valence - offline.valence, a: p.arousal - offline.arousal, t: p.tension - offline.tension });
          previous = offline;
          if (lastAction) situation = lastAction;
          // Only tension above the model's no-evidence level is threat it read; the rest is its regression to the
          // mean of its (thriller-heavy) training scenes, which must not build up over a family drama.
          raised = Math.max(0, p.tension - Math.max(offline.tension, sceneModel.blend?.level?.[2] ?? noEvidence));
          raisedLevel = chunk.length ? chunk[chunk.length - 1].tension : level;
        }
        // The scene moves by the chunks' mean change: its own line value keeps what a chunk cannot see (the peak
        // tension of the whole scene).
        Object.assign(s, { valence: r3(clamp(s.valence + v / wsum, -1, 1)), arousal: r3(clamp(s.arousal + a / wsum, -1, 1)), tension: r3(clamp(s.tension + t / wsum, 0, 1)) });
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

/** Per axis: the line reading's weight, and the scale of the scene model's part (analyze step 5). */
interface Shares {
  line: [number, number, number];
  scene: [number, number, number];
  offset: [number, number, number];
}

/**
 * The blend of the line reading and the scene model for a scene read as `units` dramatic units. In one unit (what
 * the model was trained on) it is the learned blend: value = a·line + b·scene + e. Over n units the line reading's
 * noise averages out while the scene model's errors do not (they come from the domain: a situation unlike its
 * training scenes reads near their mean in every unit), so the line reading earns its precision-weighted share:
 * the scene model's share g = 1 − a becomes g / (g + n·(1 − g)), and its part (b·scene + e) is scaled by the same
 * factor. A long, plainly written funeral keeps the grief its lines carry; a short scene of subtext is re-read.
 */
function sceneShares(blend: { line: readonly number[]; scene: readonly number[]; offset: readonly number[] } | undefined, units: readonly [number, number, number]): Shares {
  const out: Shares = { line: [0, 0, 0], scene: [1, 1, 1], offset: [0, 0, 0] };
  for (let k = 0; k < 3; k++) {
    const a = blend?.line[k] ?? 0, b = blend?.scene[k] ?? 1, e = blend?.offset[k] ?? 0;
    const g = clamp(1 - a, 0.05, 1);
    const gn = g / (g + Math.max(1, units[k]) * (1 - g));
    const f = gn / g;
    out.line[k] = 1 - (1 - a) * f;
    out.scene[k] = b * f;
    out.offset[k] = e * f;
  }
  return out;
}

/**
 * In a scene longer than the training scenes (read as ≥ 2 units: `long`), the scene model recolours a unit, it
 * does not mute it. Valence and arousal: where it reads the same direction as the lines but weaker (its regression
 * to the mean on text unlike its training scenes: a page of plainly written grief or joy), the line reading's
 * strength is kept; where it reads the other direction (pleasant words in a dark situation) or stronger, it leads.
 * A scene of one unit is what the model was trained on: there its learned blend applies as it was fitted. Tension: the larger of the two — the scene model reads the situation of this scene alone,
 * the line reading's integrator carries what the script has built up before it, and a viewer feels both.
 */
const recolour = (line: number, scene: number) => (Math.sign(line) === Math.sign(scene) && Math.abs(line) > Math.abs(scene) ? line : scene);

function blendUnit(line: { valence: number; arousal: number; tension: number }, scene: { valence: number; arousal: number; tension: number }, s: Shares, evidence: number, long: boolean) {
  const v = clamp(s.line[0] * line.valence + s.scene[0] * scene.valence + s.offset[0], -1, 1);
  const a = clamp(s.line[1] * line.arousal + s.scene[1] * scene.arousal + s.offset[1], -1, 1);
  const t = clamp(s.line[2] * line.tension + s.scene[2] * scene.tension + s.offset[2], 0, 1);
  const move = (from: number, to: number) => from + evidence * (to - from);
  return { valence: move(line.valence, long ? recolour(line.valence, v) : v), arousal: move(line.arousal, long ? recolour(line.arousal, a) : a), tension: move(line.tension, Math.max(line.tension, t)) };
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
export function chunkBeats<T extends { text: string }>(list: readonly T[], count: (b: T) => number = (b) => wordCount(b.text)): T[][] {
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
