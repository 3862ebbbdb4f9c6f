/**
 * purpose: Script + Arc → CueSheet. Spotting (spotting.ts) picks where music plays; this names the cues (1m1…),
 * chooses each cue's key with smooth joins (music-plan.ts) and its tempo/meter from cue/emotion-map.ts, picks
 * its hits and solves them with cue/'s resolver (cue-steps.ts, cue/timing.ts), assigns leitmotifs and their
 * forms (leitmotifs.ts), and writes a compose-ready spec per cue.
 * Pure and seeded: the same script, arc, options and seed give the same cue sheet.
 */
import type { SamplingEvidence } from '../style/evidence.js';
import { sceneLabels } from '../script/scene-label.js';
import { describeCue, type PlayedPart } from './cue-description.js';
import type { Script } from '../script/types.js';
import type { Arc } from '../affect/types.js';
import type { StyleModel } from '../style/api.js';
import type { OrchestrationTaste } from '../cue/orchestration.js';
import { CueSpecSchema, DEFAULT_HIT_SYNC, type Style, type CueSpec, type MotifRef, type HitSyncRule } from '../cue/spec.js';
import { tempoFor, meterFor } from '../cue/emotion-map.js';
import { resolveTiming } from '../cue/timing.js';
import { resolveCue } from '../cue/resolve.js';
import { Rng, hashString } from '../util/rng.js';
import { spotCues, type SpottingOptions, type SpottedCue } from './spotting.js';
import { emotionCurve } from './emotion-summary.js';
import { nextKey, closingChord, type PlannedKey } from './music-plan.js';
import { generateMotifs, motifForms, charactersIn, type PlannedMotif } from './leitmotifs.js';
import { secondsToTimecode, frameRate } from './timecode.js';
import { CUE_SHEET_VERSION, type CueSheet, type Cue } from './cue-sheet.js';
import { chooseHits, preLap, cueLength, cueMotifUses, sheetHitRows } from './cue-steps.js';

export interface PlanOptions {
  seed?: number;
  style?: Style;
  /** Timecode frame rate (non-drop-frame): 23.976, 24 (default), 25, 29.97, 30. */
  fps?: number;
  /** Reel length for cue numbering, seconds; default 1200 (a 20-minute reel, the classic 2000 ft of 35 mm). */
  reelSeconds?: number;
  /** Melody model for the leitmotifs; without it no motifs are generated. */
  melodyModel?: StyleModel;
  /** Hits below this salience are ignored (default 0.35). */
  minHitSalience?: number;
  /** Allowed tempo departure for hit sync (default 0.12). */
  maxTempoDeviation?: number;
  spotting?: SpottingOptions;
  director?: string;
  /**
   * The director's orchestration for every cue (`score --direction "low strings, no percussion"`): written into
   * each cue's spec, so the cue sheet says it and `compose <cuesheet> --cue` keeps it. Its lead must be one of
   * the style's DIRECTED_LEADS (the spec validation says so).
   */
  orchestration?: OrchestrationTaste;
  /** Where the melody model records the evidence behind the leitmotifs' notes (provenance attribution). */
  evidence?: SamplingEvidence;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function planCueSheet(script: Script, arc: Arc, opts: PlanOptions = {}): CueSheet {
  const labels = sceneLabels(script);
  const seed = (opts.seed ?? 1) >>> 0;
  const style: Style = opts.style ?? 'orchestral';
  const fps = frameRate(opts.fps ?? 24).label;
  const reelSeconds = opts.reelSeconds ?? 1200;
  const turnD = opts.spotting?.turnDistance ?? 0.9;
  const minSal = opts.minHitSalience ?? 0.35;
  const root = new Rng(seed);
  const hitSync: HitSyncRule = opts.maxTempoDeviation === undefined || opts.maxTempoDeviation === DEFAULT_HIT_SYNC.maxDeviation ? DEFAULT_HIT_SYNC : { ...DEFAULT_HIT_SYNC, maxDeviation: opts.maxTempoDeviation };

  const spotting = spotCues(script, arc, opts.spotting);
  const motifs: PlannedMotif[] = opts.melodyModel ? generateMotifs(script, { model: opts.melodyModel, seed: root.fork('motifs').seed, ...(opts.evidence ? { evidence: opts.evidence } : {}) }) : [];
  const notes: string[] = [...spotting.notes];
  if (!opts.melodyModel) notes.push('no melody model given: leitmotifs were not generated');

  const cues: Cue[] = [];
  const perReel = new Map<number, number>();
  let prevKey: PlannedKey | null = null;
  let prevEnd = -Infinity;
  const seen = new Set<string>();
  const spotted = spotting.cues;

  for (let i = 0; i < spotted.length; i++) {
    const sc = spotted[i];
    const cueNotes: string[] = [];
    // A segue starts exactly where the previous cue (rounded to whole bars) ended; otherwise never overlap it.
    // A gap under a second between cues would only be an awkward hiccup of silence: segue instead.
    const segue = (sc.segueIn || sc.start - prevEnd < 1) && cues.length > 0;
    let start = segue ? prevEnd : Math.max(sc.start, prevEnd);
    if (start > sc.start + 1e-9) cueNotes.push(`starts ${(start - sc.start).toFixed(2)} s after its scene (previous cue ends there)`);
    const nextSpot = spotted[i + 1];
    const plannedEnd = sc.end;
    if (plannedEnd - start < 3) {
      notes.push(`skipped a ${(plannedEnd - start).toFixed(1)} s fragment at ${secondsToTimecode(start, fps)} (too short for a cue)`);
      continue;
    }
    const affect = sc.affect;
    // The one emotion → music map (cue/): a hand-written spec with this emotion gets the same tempo and metre.
    const tempo = tempoFor(affect, style);
    const meter = meterFor(affect);

    const { chosen, dropped, maxHits } = chooseHits(arc.hits, start, plannedEnd, minSal);
    const lead = segue ? 0 : preLap(chosen, start, meter, tempo, cues.length ? prevEnd + 1 : 0);
    if (lead > 0) {
      start -= lead;
      cueNotes.push(`pre-laps the cut by ${lead.toFixed(2)} s so the first hit falls on a downbeat at ${tempo} bpm`);
    }
    const reel = Math.floor(start / reelSeconds) + 1;
    const number = (perReel.get(reel) ?? 0) + 1;
    perReel.set(reel, number);
    const id = `${reel}m${number}`;
    const turn = Number.isFinite(sc.turnFromPrevious) && sc.turnFromPrevious >= turnD;
    const key = nextKey(prevKey, affect, { turn, segue: sc.segueIn, rng: root.fork(`key:${id}`) });

    // Solve the hits with the same resolver compose uses (cue/timing.ts), on a draft spec of the planned span.
    const draft = CueSpecSchema.parse({
      duration: Math.max(0.001, plannedEnd - start),
      emotion: affect,
      style,
      tempo,
      meter: `${meter[0]}/${meter[1]}`,
      hits: chosen.map((h) => ({ time: h.time - start, label: h.text.slice(0, 120) || h.kind, salience: h.salience })),
      ...(hitSync === DEFAULT_HIT_SYNC ? {} : { hitSync }),
    });
    const solved = resolveTiming(draft, meter, tempo);
    const limit = nextSpot && !nextSpot.segueIn && nextSpot.start - plannedEnd >= 1 ? nextSpot.start : Infinity;
    const { bars, duration } = cueLength(solved, start, plannedEnd, limit);
    const end = start + duration;

    const uses = cueMotifUses(motifs, charactersIn(script, sc.scenes), seen, (first) => motifForms(affect, key.mode, { firstAppearance: first, underDialogue: sc.underDialogue }));
    const specMotifs: MotifRef[] = uses.map((u) => {
      const m = motifs.find((x) => x.id === u.id)!;
      return { id: m.id, name: m.name, notes: m.notes, forms: u.forms };
    });

    const curve = emotionCurve(arc, start, end, sc.scenes);
    const spec: CueSpec = CueSpecSchema.parse({
      id,
      title: cueTitle(script, sc),
      duration: round3(duration),
      bars,
      emotion: { ...affect, ...(curve ? { curve } : {}) },
      style,
      key: key.name,
      mode: key.mode,
      tempo,
      meter: `${meter[0]}/${meter[1]}`,
      motifs: specMotifs,
      // Only the caught hits, at their exact (unrounded) times: resolving the spec again gives the same map.
      hits: draft.hits.filter((_, k) => solved.hits[k].caught),
      underDialogue: sc.underDialogue,
      ...(hitSync === DEFAULT_HIT_SYNC ? {} : { hitSync }),
      ...(opts.orchestration ? { orchestration: opts.orchestration } : {}),
      seed: hashString(`${seed}:${id}`),
    });
    // What composing this spec will do — the cue sheet shows exactly that (one resolver, no stored map to obey).
    const resolved = resolveCue(spec);
    const sheetHits = sheetHitRows({ chosen, dropped, maxHits, draft: solved.hits, final: resolved.timing.hits, start, fps });

    const segueIn = cues.length > 0 && Math.abs(start - prevEnd) < 1e-6;
    cues.push({
      id,
      reel,
      number,
      title: spec.title ?? id,
      start: round3(start),
      end: round3(end),
      startTC: secondsToTimecode(start, fps),
      endTC: secondsToTimecode(end, fps),
      scenes: sc.scenes,
      sceneNumbers: sc.scenes.map((i) => labels[i] ?? String(i + 1)),
      affect,
      underDialogue: sc.underDialogue,
      dialogueRatio: sc.dialogueRatio,
      transition: {
        in: cues.length === 0 ? 'cold' : segueIn ? (key.relation === 'chromatic-mediant' ? 'segue-common-tone' : 'segue-pivot') : 'after-silence',
        out: 'button', // fixed below once the next cue is known
        keyRelation: key.relation,
        tail: round3(sc.tail),
      },
      spec,
      tempoMap: resolved.timing.tempo,
      ...(prevKey ? { previous: { tonic: prevKey.tonic, mode: prevKey.mode, lastChord: closingChord(prevKey.mode, segueIn) } } : {}),
      hits: sheetHits,
      motifs: uses,
      notes: cueNotes,
    });
    prevKey = key;
    // Keep the exact (unrounded) end for the next cue's segue; the sheet shows it rounded to the millisecond.
    prevEnd = start + duration;
  }
  for (let i = 0; i < cues.length; i++) {
    const next = cues[i + 1];
    const c = cues[i];
    c.transition.out = next && next.transition.in.startsWith('segue') ? 'segue' : c.transition.tail > 0 ? 'tail' : 'button';
    c.description = describePlannedCue(c, arc);
  }

  const headings = new Map(script.scenes.map((s) => [s.index, s.heading]));
  return {
    version: CUE_SHEET_VERSION,
    title: script.title ?? 'Untitled',
    fps,
    reelSeconds,
    duration: round3(script.duration),
    seed,
    style,
    hitSync,
    director: arc.source,
    cues,
    motifs: motifs.map((m) => ({
      id: m.id,
      name: m.name,
      character: m.character,
      notes: m.notes,
      bars: m.bars,
      model: m.model,
      longestCopiedRun: m.longestCopiedRun,
      appearances: cues.flatMap((c) => c.motifs.filter((u) => u.id === m.id).map((u) => ({ cue: c.id, forms: u.forms, bars: [] as number[], statements: [] as Array<{ bar: number; form: string }> }))),
    })),
    dryScenes: spotting.scenes.filter((s) => !s.musical).map((s) => ({ scene: s.index, number: labels[s.index] ?? String(s.index + 1), heading: headings.get(s.index) ?? '', why: s.why })),
    notes,
  };
}

function cueTitle(script: Script, sc: SpottedCue): string {
  const heads = sc.scenes.map((i) => script.scenes.find((s) => s.index === i)?.heading ?? `scene ${i}`);
  const first = heads[0] ?? 'cue';
  const title = heads.length > 1 ? `${first} → ${heads[heads.length - 1]}` : first;
  return title.slice(0, 300);
}

/**
 * A planned cue's one-line direction (cue-description.ts) from its sheet entry; with `played` (what the
 * composed cue's tracks hold) the texture names the instruments that really play, so the line a music editor
 * reads matches what they hear.
 * @example describePlannedCue(sheet.cues[0], arc) // 'grief — soft strings and woodwinds, steady, 66 bpm'
 */
export function describePlannedCue(c: Cue, arc: Arc, played?: readonly PlayedPart[]): string {
  return describeCue({
    affect: c.affect,
    ...(c.spec.emotion.curve ? { curve: c.spec.emotion.curve } : {}),
    style: c.spec.style,
    ...(c.spec.orchestration ? { orchestration: c.spec.orchestration } : {}),
    ...(c.spec.tempo ? { tempo: c.spec.tempo } : {}),
    underDialogue: c.underDialogue,
    hits: c.hits.filter((h) => h.caught),
    duration: c.end - c.start,
    directions: c.scenes.map((i) => arc.scenes.find((s) => s.index === i)?.direction ?? '').filter(Boolean),
    ...(played ? { played } : {}),
  });
}
