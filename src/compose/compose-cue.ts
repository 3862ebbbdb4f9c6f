/**
 * purpose: composeCue — a whole cue from a resolved cue (cue/resolve.ts: key, metre, tempo map and hit
 * landings already decided): a form plan (intro, sentences/periods, contrast, climax, ending), then the shared
 * engine phrase by phrase and bar by bar, assembled into a valid Score with sections, markers, hit points, CC
 * automation and provenance. It never decides tempo itself. Pure and seeded: same cue + seed ⇒ identical JSON.
 * The steps live beside it: assemble-tracks.ts (ties, the breath before hits, finished tracks), cue-markers.ts
 * (keys, sections, markers, hit points), guard-events.ts (the lead line the copy guard repairs).
 */
import type { ResolvedCue } from '../cue/resolve.js';
import type { ComposeOptions, ComposedCue, ComposeSummary } from './api.js';
import { PPQ, type Score } from '../score/schema.js';
import { assertValidScore } from '../score/validate.js';
import { normalizeScore } from '../score/build.js';
import { Rng, hashString } from '../util/rng.js';
import { paramsFor } from '../cue/emotion-map.js';
import { barEmotion, planForm, type FormPlan } from './form.js';
import { ComposerEngine } from './engine.js';
import { requireModels } from './models.js';
import { keyName, meterInfo, type Key } from '../theory/index.js';
import type { MotifUse, PhraseMaterial } from './phrase.js';
import { enforceMaxCopy } from './copy-guard.js';
import { appendBar, breatheBeforeHits, finishTracks, newTrackBuffers, type TrackBuffer } from './assemble-tracks.js';
import { cueMap, keyChanges } from './cue-markers.js';
import { copiedInEither, guardEvents } from './guard-events.js';
import { SamplingEvidence } from '../style/evidence.js';
import { enforceHarmonyCopy, harmonyCopiedInEither } from './harmony-guard.js';

export const COMPOSER_VERSION = 'leitmotif-compose/1';
/** Anti-plagiarism max order: no run of more than this many melodic events copied from the corpus. */
export const MAX_COPY = 6;

/** Stable JSON (sorted keys) for hashing specs. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** The cue's hits grouped by bar, ticks relative to the bar (render-bar lays accents on them). */
function hitsByBar(hits: ReadonlyArray<{ tick: number; salience: number }>, barTicks: number): Map<number, Array<{ tick: number; salience: number }>> {
  const byBar = new Map<number, Array<{ tick: number; salience: number }>>();
  for (const h of hits) {
    const b = Math.floor(h.tick / barTicks);
    const list = byBar.get(b) ?? [];
    list.push({ tick: h.tick - b * barTicks, salience: h.salience });
    byBar.set(b, list);
  }
  return byBar;
}

interface PhraseRun {
  engine: ComposerEngine;
  form: FormPlan;
  spec: ResolvedCue['spec'];
  climaxPos: number;
  accents: ReadonlyMap<number, Array<{ tick: number; salience: number }>>;
  barTicks: number;
  endTick: number;
  taste: ResolvedCue['taste'];
}

/**
 * Phrase by phrase (material planned from the emotion at the phrase's middle), bar by bar (rendered from the
 * bar's own emotion, with its hit accents, the ending and the build into the climax), each bar appended to the
 * tracks with ties merged (assemble-tracks.ts).
 */
function composePhrases(r: PhraseRun): { tracks: Map<string, TrackBuffer>; materials: PhraseMaterial[]; motifUses: MotifUse[]; failures: number } {
  const { engine, form, spec, climaxPos, accents, barTicks, endTick, taste } = r;
  const tracks = newTrackBuffers(engine.voices);
  const motifUses: MotifUse[] = [];
  let failures = 0;
  const materials: PhraseMaterial[] = [];
  const climaxPhrase = form.phrases.find((p) => p.climax);
  for (let pi = 0; pi < form.phrases.length; pi++) {
    const plan = form.phrases[pi];
    const mid = barEmotion(spec.emotion, plan.startBar + Math.floor(plan.bars / 2), form.bars, climaxPos);
    const params = paramsFor(mid, spec.style, spec.underDialogue, taste);
    const next = form.phrases[pi + 1];
    const material = engine.planPhrase(plan, params, next ? next.key : null);
    materials.push(material);
    motifUses.push(...material.motifUses);
    for (let b = 0; b < plan.bars; b++) {
      const bar = plan.startBar + b;
      if (bar * barTicks >= endTick) break;
      const emotion = barEmotion(spec.emotion, bar, form.bars, climaxPos);
      const bp = paramsFor(emotion, spec.style, spec.underDialogue, taste);
      const isLast = bar === form.bars - 1;
      const ending = isLast && plan.final ? (emotion.arousal > 0.3 && plan.kind === 'outro' ? 'button' : 'tail') : null;
      const parts = engine.renderBar({ material, barInPhrase: b, barIndex: bar, params: bp, emotion, accents: accents.get(bar), ending, buildToClimax: !!climaxPhrase && bar === climaxPhrase.startBar - 1 });
      appendBar(tracks, parts, bar * barTicks, barTicks);
    }
    failures += material.stats.failures;
  }
  return { tracks, materials, motifUses, failures };
}

/**
 * Compose a resolved cue.
 *
 * @example
 * const { score, summary } = composeCue(resolveCue(parseCueSpec({ duration: 30, emotion: { valence: 0.6, arousal: 0.5 } })), { models });
 * summary.bars // 16 (tempo and bars come from resolveCue)
 */
export function composeCue(cue: ResolvedCue, opts: ComposeOptions): ComposedCue {
  const models = requireModels(opts?.models, 'composeCue');
  const spec = cue.spec;
  const rng = new Rng(spec.seed).fork('cue');
  const mean = cue.mean;
  const meter = cue.meter;
  const home: Key = cue.key;
  const grid = { ...cue.timing, hits: cue.timing.hits.filter((h) => h.tick < cue.timing.endTick) };
  const mi = meterInfo(meter[0], meter[1]);
  const barTicks = Math.round(mi.barQ * PPQ);
  const secondsPerBar = (mi.barQ * 60) / grid.tempo[0].bpm;
  // A given main motif sets the length of the phrase that states it (stated whole, then answered).
  const motifBeats = spec.motifs[0]?.notes.reduce((s, n) => s + n.beats, 0) ?? 0;
  const form = planForm({ bars: grid.bars, secondsPerBar, emotion: spec.emotion, home, rng: rng.fork('form'), keyFixed: cue.keyFixed, ideaBars: motifBeats / mi.barQ });
  const tempo = grid.tempo;
  const endTick = grid.endTick;

  // The models record the evidence behind what they sample (provenance attribution; never read by compose).
  const evidence = new SamplingEvidence();
  const engine = new ComposerEngine({ style: spec.style, meter, home, motifs: spec.motifs, underDialogue: spec.underDialogue, models, seed: spec.seed, leadEmotion: mean, orchestration: cue.taste?.orchestration[spec.style], directed: spec.orchestration, evidence });
  // Continue the previous cue's harmony: its last chord conditions the first progression (smooth segue).
  if (cue.lastChord) engine.mem.chordContext.push(cue.lastChord);
  const climaxPos = (form.climaxBar + 0.5) / form.bars;
  const accents = hitsByBar(grid.hits, barTicks);

  const { tracks, materials, motifUses, failures } = composePhrases({ engine, form, spec, climaxPos, accents, barTicks, endTick, taste: cue.taste });

  // Half a beat of silence before the big hits of a tense stretch, then the finished tracks.
  const tensionAt = (tick: number) => barEmotion(spec.emotion, Math.floor(tick / barTicks), form.bars, climaxPos).tension;
  breatheBeforeHits(tracks, engine.voices, grid.hits, Math.round((mi.pulseQ * PPQ) / 2), tensionAt);
  const outTracks = finishTracks(engine.voices, tracks, endTick);
  const keys = keyChanges(form.phrases, barTicks, endTick);
  const cueName = spec.id ?? 'cue';
  const { sections, markers, hits } = cueMap(spec, form, grid.hits, barTicks, endTick);

  // Anti-plagiarism on the final lines (max-order constraint, maxCopy 6) under the one copy definition
  // (src/originality/definition.ts), against both training corpora (the harmony model's chorale sopranos and
  // basses too): the lead line as heard (octave doublings are one event), repaired where repetition or a join
  // lines up with a corpus tune, then the bass, then the harmony as `check` labels it (a substitute chord moves
  // accompaniment notes, the bass among them: a bass moved again is followed by another harmony check).
  // Never guessed: if the guard cannot run (a corrupt or missing copy index), composing fails with that error.
  const longestCopiedRun = enforceMaxCopy(guardEvents(outTracks, materials, mi, barTicks), copiedInEither(models, 'melody'), MAX_COPY);
  let bassLongest = 0;
  const guardBass = () => {
    let moved = 0;
    const events = guardEvents(outTracks, materials, mi, barTicks, 'bass').map((e) => ({ ...e, set: (q: number) => { moved++; e.set(q); } }));
    bassLongest = enforceMaxCopy(events, copiedInEither(models, 'bass'), MAX_COPY);
    return moved;
  };
  guardBass();
  const harmonyModel = harmonyCopiedInEither(models);
  // Harmony and bass in turn until neither moves (a substitute chord can move the bass; a moved bass changes the
  // chord labels), at most three rounds; whatever still exceeds the limit is said in the summary's warnings.
  let harmony = enforceHarmonyCopy(outTracks, keys, harmonyModel, MAX_COPY);
  let round = 0;
  for (; round < 3 && harmony.changed > 0 && guardBass() > 0; round++) harmony = enforceHarmonyCopy(outTracks, keys, harmonyModel, MAX_COPY);
  if (round === 3 && harmony.changed > 0) guardBass(); // the last substitutes may have moved the bass
  const copyWarnings = [
    ...(longestCopiedRun > MAX_COPY ? [`copy guard: the melody still shares ${longestCopiedRun} events with a corpus piece (limit ${MAX_COPY})`] : []),
    ...(bassLongest > MAX_COPY ? [`copy guard: the bass still shares ${bassLongest} events with a corpus piece (limit ${MAX_COPY})`] : []),
    ...(harmony.longest > MAX_COPY ? [`copy guard: the harmony still shares ${harmony.longest} chords with a corpus piece (limit ${MAX_COPY})`] : []),
  ];

  const specHash = hashString(stableStringify(spec)).toString(16).padStart(8, '0');
  let score: Score = {
    version: 1,
    ppq: PPQ,
    title: spec.title ?? cueName,
    tempo,
    meters: [{ tick: 0, numerator: meter[0], denominator: meter[1] as 1 | 2 | 4 | 8 | 16 | 32 }],
    keys,
    tracks: outTracks,
    sections,
    markers,
    hits,
    endTick,
    meta: {
      composer: COMPOSER_VERSION,
      seed: spec.seed,
      specHash,
      models: { melody: models.melody.id, harmony: models.harmony.id },
      style: spec.style,
      form: form.sections.map((s) => `${s.name}@${s.startBar + 1}`),
      climaxBar: form.climaxBar + 1,
      turnBar: form.turnBar === null ? null : form.turnBar + 1,
      longestCopiedRun,
      modelFailures: failures,
      chords: materials.map((m) => m.chords.map((c) => c.chord.symbol).join(' ')),
    },
  };
  score = normalizeScore(score);
  assertValidScore(score, `composed cue ${cueName}`);
  const summary: ComposeSummary = {
    key: keyName(home),
    mode: home.mode,
    tempo: Math.round(tempo[0].bpm * 10) / 10,
    meter: `${meter[0]}/${meter[1]}`,
    bars: form.bars,
    form: form.sections.map((s) => s.name),
    instruments: outTracks.map((t) => `${t.name} (${t.program})`),
    longestCopiedRun,
    motifs: motifUses.map((m) => ({ id: m.id, bar: m.bar + 1, form: m.form })),
  };
  const warnings = [...new Set([...engine.ctx.failureLog, ...copyWarnings])];
  if (warnings.length) summary.warnings = warnings;
  return { score, summary, evidence };
}
