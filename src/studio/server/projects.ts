/**
 * purpose: the studio's project operations — a project from a screenplay (script → affect → plan → every cue
 * composed) or from one blank cue; cue edits, compose / lock-and-regenerate, note edits, motif import, A/B
 * picks, ratings, undo/redo — each edit a new version in the store, every take kept. Pure music logic lives in
 * the stages (and studio/lock.ts, motif-import.ts); this file sequences them and persists the results.
 */
import { randomBytes } from 'node:crypto';
import { parseScript, assertScoreable, type Script } from '../../script/index.js';
import { analyzeScript, buildAnalysisJson, type AnalysisJson, type TextModel } from '../../affect/index.js';
import { planCueSheet, secondsToTimecode, emotionLabel, type CueSheet, type Cue } from '../../plan/index.js';
import { resolveSheetCue } from '../../film/index.js';
import { composeCue } from '../../compose/compose-cue.js';
import type { ComposeSummary, ComposedCue } from '../../compose/api.js';
import { parseCueSpec, resolveCue, type CueSpec, type MotifRef, type ResolvedCue, type Taste } from '../../cue/index.js';
import { PITCH_CLASS_NAMES, ScoreSchema, type Score, type Note } from '../../score/schema.js';
import type { StyleModel } from '../../style/api.js';
import { hashString } from '../../util/rng.js';
import { LeitmotifError } from '../../util/errors.js';
import { mergeLocked, type Lock } from '../lock.js';
import { readDirection } from '../direction.js';
import { readOrchestration } from '../../affect/direction-text.js';
import { directedLead } from '../../cue/orchestration.js';
import { barChords } from '../chord-symbols.js';
import { motifFromMidi, motifFromText, type ImportedMotif } from '../motif-import.js';
import { StudioStore, type TakeRow } from './store.js';
import type { z } from 'zod';
import type { ComposeBody, CreateProjectBody, CuePatchBody, MotifBody, NoteEditsBody } from './schemas.js';

/** Where A/B picks and ratings go beyond the studio's own table (the lead wires it to the personalization profile). */
export interface PreferenceSink {
  prefer(winnerTakeId: string, loserTakeId: string): void;
  rate(takeId: string, rating: number): void;
  /**
   * The listener's taste for a new take of a cue (a Thompson draw of the profile), and how to record the take
   * once it is saved, so later picks and ratings credit the offsets it used. Absent: takes are not personalised.
   */
  tasteFor?(spec: CueSpec): { taste: Taste; record(takeId: string): void } | undefined;
}
export const noPreferenceSink: PreferenceSink = { prefer: () => {}, rate: () => {} };

/** What one version of a project holds (everything else is immutable or in the takes table). */
export interface ProjectState {
  cueSheet: CueSheet;
  /** Selected take number per cue. */
  selected: Record<string, number>;
  /** The composer's one-line direction per cue, and what it was read as. */
  directions: Record<string, { text: string; understood: string[] }>;
}

export interface StudioDeps {
  models: { melody: StyleModel; harmony: StyleModel };
  textModel: TextModel;
  preferences?: PreferenceSink;
}

export const userError = (msg: string, hint?: string) => new LeitmotifError('LM_ERR_INPUT_INVALID', msg, hint ? { hint } : {});

/** The id personalization sees for a take: stable across the process and the database. */
export const takeId = (project: string, cue: string, n: number) => `studio:${project}/${cue}/${n}`;

const clampUnit = (x: number) => Math.max(-1, Math.min(1, x));
const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The cue sheet's hits re-measured from the resolved timing: caught or not, where, and why (after hit edits). */
function syncHits(cue: Cue, resolved: ResolvedCue, fps: number): void {
  const hits = resolved.timing.hits.map((h) => {
    const old = cue.hits.find((x) => Math.abs(x.cueTime - h.seconds) < 0.002);
    const time = r3(cue.start + h.seconds);
    return {
      label: h.label, time, cueTime: r3(h.seconds), timecode: secondsToTimecode(time, fps), kind: old?.kind ?? ('other' as const), salience: h.salience,
      ...(old?.scene !== undefined ? { scene: old.scene } : {}), caught: h.caught,
      ...(h.caught ? { tick: h.tick, bar: h.bar, beat: h.beat, errorMs: h.error !== undefined ? Math.round(h.error * 1e6) / 1e3 : undefined } : { reason: h.reason ?? 'not caught' }),
    };
  });
  // Hits the planner left out of the spec (too faint, under dialogue) stay listed with their reason.
  const extra = cue.hits.filter((x) => !x.caught && !hits.some((h) => Math.abs(h.cueTime - x.cueTime) < 0.002) && x.reason && x.reason !== 'not composed yet');
  cue.hits = [...hits, ...extra].sort((a, b) => a.time - b.time);
}

/** Fill a cue sheet cue with what compose made (as film/score-film.ts does for `leitmotif score`). */
function annotate(cue: Cue, summary: ComposeSummary): void {
  cue.composed = { key: summary.key, mode: summary.mode, tempo: Math.round(summary.tempo * 100) / 100, meter: summary.meter, bars: summary.bars, instruments: summary.instruments, longestCopiedRun: summary.longestCopiedRun, form: summary.form };
  for (const use of cue.motifs) {
    const st = summary.motifs.filter((m) => m.id === use.id);
    use.statements = st.map((m) => ({ bar: m.bar, form: m.form }));
    use.bars = [...new Set(st.map((m) => m.bar))];
  }
}

function blankSheet(name: string, blank: NonNullable<z.infer<typeof CreateProjectBody>['blank']>, style: CueSpec['style'], seed: number): CueSheet {
  const spec = parseCueSpec({ id: '1m1', title: blank.title ?? name, duration: blank.duration, emotion: blank.emotion, style, seed });
  const resolved = resolveCue(spec);
  const cue: Cue = {
    id: '1m1', reel: 1, number: 1, title: spec.title ?? name, start: 0, end: blank.duration,
    startTC: secondsToTimecode(0, 24), endTC: secondsToTimecode(blank.duration, 24), scenes: [], affect: { ...blank.emotion },
    underDialogue: false, dialogueRatio: 0, transition: { in: 'cold', out: 'tail', keyRelation: 'home', tail: 0 },
    spec, tempoMap: resolved.timing.tempo, hits: [], motifs: [], notes: [],
  };
  return { version: 1, title: name, fps: 24, reelSeconds: 1200, duration: blank.duration, seed, style, hitSync: { maxDeviation: 0.12, weakBeats: true }, director: 'none', cues: [cue], motifs: [], dryScenes: [], notes: [] };
}

export class StudioProjects {
  readonly preferences: PreferenceSink;
  constructor(readonly store: StudioStore, readonly deps: StudioDeps) {
    this.preferences = deps.preferences ?? noPreferenceSink;
  }

  private compose(cue: Cue, spec: CueSpec, taste?: Taste): ComposedCue & { resolved: ResolvedCue } {
    const resolved = resolveSheetCue({ spec, previous: cue.previous }, taste);
    return { ...composeCue(resolved, { models: this.deps.models }), resolved };
  }

  private saveTake(project: string, cue: string, t: { seed: number; origin: string; parent: number | null; lock: Lock | null; spec: CueSpec; score: Score; summary: ComposeSummary }): number {
    return this.store.addTake({ project_id: project, cue_id: cue, seed: t.seed, origin: t.origin, parent: t.parent, lock: t.lock ? JSON.stringify(t.lock) : null, spec: JSON.stringify(t.spec), score: JSON.stringify(t.score), summary: JSON.stringify(t.summary) });
  }

  /** A new project: parse, analyse, plan and compose every cue (take 1 of each). */
  create(body: z.infer<typeof CreateProjectBody>): { id: string } {
    const id = randomBytes(6).toString('hex');
    let sheet: CueSheet;
    let analysis: AnalysisJson | null = null;
    let format = 'blank';
    if (body.script !== undefined) {
      const script: Script = parseScript(body.script, { format: body.format, filename: body.name });
      assertScoreable(script);
      if (script.scenes.length === 0) throw new LeitmotifError('LM_ERR_SCRIPT_INVALID', 'the screenplay has no scenes to score', { hint: 'a Fountain scene starts with a heading like "INT. KITCHEN - NIGHT"; plain prose needs at least one paragraph' });
      const arc = analyzeScript(script, { model: this.deps.textModel });
      analysis = buildAnalysisJson(script, arc);
      sheet = planCueSheet(script, arc, { seed: body.seed, style: body.style, director: arc.source, melodyModel: this.deps.models.melody });
      format = script.format;
      if (sheet.cues.length === 0) throw userError('the screenplay gave no cues: every scene was left dry', 'start from a blank cue instead, or add scenes with action');
    } else {
      sheet = blankSheet(body.name, body.blank!, body.style, body.seed);
    }
    const takes: Array<{ cue: string; t: ComposedCue; spec: CueSpec }> = [];
    for (const cue of sheet.cues) {
      const t = this.compose(cue, cue.spec);
      annotate(cue, t.summary);
      takes.push({ cue: cue.id, t, spec: cue.spec });
    }
    const state: ProjectState = { cueSheet: sheet, selected: Object.fromEntries(sheet.cues.map((c) => [c.id, 1])), directions: {} };
    this.store.db.transaction(() => {
      this.store.createProject({ id, name: body.name, format, script: body.script ?? '', analysis }, state);
      for (const k of takes) this.saveTake(id, k.cue, { seed: k.spec.seed, origin: 'plan', parent: null, lock: null, spec: k.spec, score: k.t.score, summary: k.t.summary });
    })();
    return { id };
  }

  state(id: string): ProjectState {
    return this.store.head(id).state as ProjectState;
  }

  private cueOf(state: ProjectState, cueId: string): Cue {
    const cue = state.cueSheet.cues.find((c) => c.id === cueId);
    if (!cue) throw new LeitmotifError('LM_ERR_STORE', `cue ${cueId} not found`, { hint: `cues: ${state.cueSheet.cues.map((c) => c.id).join(', ')}` });
    return cue;
  }

  /** GET /api/projects/:id — analysis, cue sheet, selections, take lists and undo state. */
  view(id: string) {
    const p = this.store.project(id);
    const head = this.store.head(id);
    const state = head.state as ProjectState;
    const takes = this.store.takes(id).map((t) => ({ cue: t.cue_id, n: t.n, seed: t.seed, origin: t.origin, parent: t.parent, lock: t.lock ? JSON.parse(t.lock) : null, rating: t.rating, created: t.created_at }));
    return {
      id, name: p.name, format: p.source_format, created: p.created_at,
      version: head.n, lastEdit: head.label, canUndo: head.canUndo, canRedo: head.canRedo,
      analysis: JSON.parse(p.analysis) as AnalysisJson | null,
      cueSheet: state.cueSheet,
      emotions: Object.fromEntries(state.cueSheet.cues.map((c) => [c.id, emotionLabel(c.spec.emotion as { valence: number; arousal: number; tension: number })])),
      selected: state.selected, directions: state.directions, takes,
      picks: this.store.picks(id),
    };
  }

  /** Edit a cue's spec, boundaries or direction (no recompose: the composer decides when). */
  patchCue(id: string, cueId: string, patch: z.infer<typeof CuePatchBody>): ProjectState {
    const state = this.state(id);
    const cue = this.cueOf(state, cueId);
    const spec: CueSpec = { ...cue.spec };
    if (patch.start !== undefined || patch.end !== undefined) {
      const start = patch.start ?? cue.start;
      const end = patch.end ?? cue.end;
      if (!(end - start >= 2)) throw userError(`cue ${cueId} would last ${(end - start).toFixed(1)} s; a cue lasts at least 2 s`, 'move the out point after the in point');
      const i = state.cueSheet.cues.indexOf(cue);
      const prev = state.cueSheet.cues[i - 1];
      const next = state.cueSheet.cues[i + 1];
      if ((prev && start < prev.end) || (next && end > next.start)) throw userError(`cue ${cueId} would overlap its neighbour`, 'move the neighbouring cue first');
      const shift = start - cue.start;
      spec.duration = r3(end - start);
      delete spec.bars;
      spec.hits = spec.hits.map((h) => ({ ...h, time: r3(h.time - shift) })).filter((h) => h.time >= 0 && h.time <= end - start);
      cue.hits = cue.hits.map((h) => ({ ...h, cueTime: r3(h.time - start) })).filter((h) => h.cueTime >= 0 && h.time <= end);
      Object.assign(cue, { start: r3(start), end: r3(end), startTC: secondsToTimecode(start, state.cueSheet.fps), endTC: secondsToTimecode(end, state.cueSheet.fps) });
    }
    if (patch.emotion) {
      // Keep the curve's shape, moved so its mean is the new value.
      const d = { valence: patch.emotion.valence - spec.emotion.valence, arousal: patch.emotion.arousal - spec.emotion.arousal, tension: patch.emotion.tension - spec.emotion.tension };
      spec.emotion = {
        ...patch.emotion,
        ...(spec.emotion.curve ? { curve: spec.emotion.curve.map((p) => ({ at: p.at, valence: r3(clampUnit(p.valence + d.valence)), arousal: r3(clampUnit(p.arousal + d.arousal)), tension: r3(clamp01(p.tension + d.tension)) })) } : {}),
      };
      cue.affect = { ...patch.emotion };
    }
    // A new emotion re-derives what the planner derived from the old one (mode, tempo, so the bar count too),
    // unless the same edit pins them; the tonic stays for the join with the neighbouring cues.
    const emotionMoved = patch.emotion !== undefined || (patch.direction !== undefined && readDirection(patch.direction).understood.length > 0);
    if (emotionMoved) {
      if (patch.mode === undefined) delete spec.mode;
      if (patch.tempo === undefined) delete spec.tempo;
      if (spec.duration !== undefined) delete spec.bars;
    }
    for (const k of ['style', 'key', 'mode', 'tempo', 'meter'] as const) if (patch[k] !== undefined) (spec as Record<string, unknown>)[k] = patch[k];
    // A lead belongs to its palette: a new style keeps only the layers left out.
    if (spec.orchestration?.lead && !directedLead(spec.style, spec.orchestration.lead)) spec.orchestration = { avoid: spec.orchestration.avoid };
    if (patch.meter !== undefined) delete spec.bars;
    if (patch.hits) {
      spec.hits = patch.hits;
      cue.hits = patch.hits.map((h) => ({ label: h.label, time: r3(cue.start + h.time), cueTime: h.time, timecode: secondsToTimecode(cue.start + h.time, state.cueSheet.fps), kind: 'other' as const, salience: h.salience, caught: false, reason: 'not composed yet' }));
    }
    if (patch.direction !== undefined) {
      const eff = readDirection(patch.direction);
      // Instrument words ("give it to the cellos", "no percussion") set the cue's orchestration for its palette.
      const orch = readOrchestration(patch.direction, spec.style);
      if (orch.lead || orch.avoid.length) {
        const had = spec.orchestration;
        const lead = orch.lead ?? had?.lead;
        spec.orchestration = { ...(lead ? { lead } : {}), avoid: [...new Set([...(had?.avoid ?? []), ...orch.avoid])] };
      }
      state.directions[cueId] = { text: patch.direction, understood: [...eff.understood, ...orch.understood] };
      if (eff.understood.length) {
        const e = spec.emotion;
        spec.emotion = { ...e, valence: r3(clampUnit(e.valence + eff.valence)), arousal: r3(clampUnit(e.arousal + eff.arousal)), tension: r3(clamp01(e.tension + eff.tension)), ...(e.curve ? { curve: e.curve.map((p) => ({ at: p.at, valence: r3(clampUnit(p.valence + eff.valence)), arousal: r3(clampUnit(p.arousal + eff.arousal)), tension: r3(clamp01(p.tension + eff.tension)) })) } : {}) };
        if (eff.tempo !== 1) spec.tempo = Math.max(30, Math.min(300, Math.round((spec.tempo ?? cue.composed?.tempo ?? 100) * eff.tempo)));
        cue.affect = { valence: spec.emotion.valence, arousal: spec.emotion.arousal, tension: spec.emotion.tension };
      }
    }
    cue.spec = parseCueSpec(spec, `cue ${cueId}`);
    this.store.commitVersion(id, `edit ${cueId}`, state);
    return state;
  }

  /** Compose a new take of one cue; with a lock, keep the locked bars/tracks of the base take verbatim. */
  composeTake(id: string, cueId: string, body: z.infer<typeof ComposeBody>) {
    const state = this.state(id);
    const cue = this.cueOf(state, cueId);
    let spec: CueSpec = parseCueSpec({ ...cue.spec, ...(body.spec ?? {}) }, `cue ${cueId}`);
    const count = this.store.takes(id, cueId).length;
    const seed = body.seed ?? (hashString(`${cue.spec.seed}:${cueId}:take${count + 1}`) >>> 0);
    let base: TakeRow | null = null;
    if (body.lock) {
      if (!body.lock.bars && !body.lock.tracks?.length) throw userError('the lock names no bars and no tracks', 'e.g. {"lock": {"bars": [1, 4]}} or {"lock": {"tracks": ["Violins I"]}}');
      base = this.store.take(id, cueId, body.from ?? state.selected[cueId]);
      const prev = JSON.parse(base.summary) as ComposeSummary;
      const prevScore = JSON.parse(base.score) as Score;
      const bars = prev.bars;
      if (body.lock.bars && (body.lock.bars[0] > bars || body.lock.bars[1] > bars)) throw userError(`cue ${cueId} has ${bars} bars; cannot lock bars ${body.lock.bars[0]}–${body.lock.bars[1]}`, `lock bars within 1–${bars}`);
      const names = new Set(prevScore.tracks.map((t) => t.name));
      const unknown = (body.lock.tracks ?? []).filter((t) => !names.has(t));
      if (unknown.length) throw userError(`no track named ${unknown.map((u) => `"${u}"`).join(', ')} in take ${base.n}`, `tracks: ${[...names].join(', ')}`);
      // The new material must share the locked take's grid: same key, mode, metre, tempo and length.
      const baseSpec = JSON.parse(base.spec) as CueSpec;
      const tonic = prev.key.split(/\s+/)[0];
      const key = (PITCH_CLASS_NAMES as readonly string[]).includes(tonic) ? (tonic as CueSpec['key']) : baseSpec.key;
      spec = parseCueSpec({ ...spec, key, mode: prev.mode, meter: prev.meter, tempo: baseSpec.tempo ?? spec.tempo, bars, duration: undefined }, `cue ${cueId}`);
    }
    spec = { ...spec, seed };
    // A regeneration keeps the locked take's grid, so only a fresh take is steered by the listener's taste.
    const personal = body.lock ? undefined : this.preferences.tasteFor?.(spec);
    const t = this.compose(cue, spec, personal?.taste);
    let score = t.score;
    if (base && body.lock) score = mergeLocked(JSON.parse(base.score) as Score, t.score, body.lock);
    const n = this.saveTake(id, cueId, { seed, origin: body.lock ? 'regenerate' : 'compose', parent: base?.n ?? state.selected[cueId] ?? null, lock: body.lock ?? null, spec, score, summary: t.summary });
    if (body.spec) cue.spec = parseCueSpec({ ...cue.spec, ...body.spec }, `cue ${cueId}`);
    annotate(cue, t.summary);
    syncHits(cue, t.resolved, state.cueSheet.fps);
    state.selected[cueId] = n;
    personal?.record(takeId(id, cueId, n));
    this.store.commitVersion(id, body.lock ? `regenerate ${cueId} (take ${n})` : `compose ${cueId} (take ${n})`, state);
    return this.takeView(id, cueId, n);
  }

  /** One take for the roll: score, chord symbols, bars, summary. */
  takeView(id: string, cueId: string, n: number) {
    const row = this.store.take(id, cueId, n);
    const score = JSON.parse(row.score) as Score;
    const summary = JSON.parse(row.summary) as ComposeSummary;
    return { cue: cueId, n, id: takeId(id, cueId, n), seed: row.seed, origin: row.origin, parent: row.parent, lock: row.lock ? JSON.parse(row.lock) : null, rating: row.rating, summary, chords: barChords(score), score };
  }

  takeScore(id: string, cueId: string, n: number): Score {
    return JSON.parse(this.store.take(id, cueId, n).score) as Score;
  }

  /** Note edits in the roll make a new take (the edited one stays in the history). */
  editNotes(id: string, cueId: string, n: number, body: z.infer<typeof NoteEditsBody>) {
    const state = this.state(id);
    this.cueOf(state, cueId);
    const row = this.store.take(id, cueId, n);
    const score = JSON.parse(row.score) as Score;
    const same = (a: Note, tick: number, pitch: number) => a.tick === tick && a.pitch === pitch;
    for (const e of body.edits) {
      const track = score.tracks.find((t) => t.name === e.track);
      if (!track) throw userError(`no track named "${e.track}"`, `tracks: ${score.tracks.map((t) => t.name).join(', ')}`);
      if (e.op === 'add') {
        if (track.notes.some((x) => same(x, e.note.tick, e.note.pitch))) continue;
        track.notes.push({ ...e.note });
      } else {
        const i = track.notes.findIndex((x) => same(x, e.tick, e.pitch));
        if (i < 0) throw userError(`${e.track} has no note of pitch ${e.pitch} at tick ${e.tick}`, 'reload the take: it may have changed');
        if (e.op === 'delete') track.notes.splice(i, 1);
        else track.notes[i] = { ...track.notes[i], ...e.to };
      }
      track.notes.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
    }
    score.endTick = Math.max(score.endTick, ...score.tracks.flatMap((t) => t.notes.map((x) => x.tick + x.duration)));
    const checked = ScoreSchema.safeParse(score);
    if (!checked.success) throw userError(`the edit leaves an invalid score: ${checked.error.issues[0]?.message ?? 'invalid'}`);
    const m = this.saveTake(id, cueId, { seed: row.seed, origin: 'edit', parent: n, lock: null, spec: JSON.parse(row.spec) as CueSpec, score: checked.data, summary: JSON.parse(row.summary) as ComposeSummary });
    state.selected[cueId] = m;
    this.store.commitVersion(id, `edit notes ${cueId} (take ${m})`, state);
    return this.takeView(id, cueId, m);
  }

  /** A motif from MIDI or typed notes, as a character's leitmotif (every cue stating it) or one cue's theme. */
  importMotif(id: string, body: z.infer<typeof MotifBody>): { motif: MotifRef; understood: ImportedMotif; cues: string[] } {
    const state = this.state(id);
    let imported: ImportedMotif;
    if (body.midiBase64 !== undefined) {
      const bytes = Buffer.from(body.midiBase64, 'base64');
      if (bytes.length < 14) throw userError('the uploaded file is not a MIDI file (too short)', 'upload a Standard MIDI File (.mid)');
      imported = motifFromMidi(new Uint8Array(bytes));
    } else imported = motifFromText(body.text!);
    const sheet = state.cueSheet;
    let motif: MotifRef;
    let cues: string[];
    if ('character' in body.target) {
      const who = body.target.character.toLowerCase();
      const existing = sheet.motifs.find((m) => m.character.toLowerCase() === who || m.id === who);
      const mid = existing?.id ?? `motif-${who.replace(/[^a-z0-9]+/g, '-')}`;
      motif = { id: mid, name: body.name ?? existing?.name ?? `${body.target.character} theme`, notes: imported.notes };
      if (existing) Object.assign(existing, { notes: imported.notes, name: motif.name, model: 'imported', longestCopiedRun: 0 });
      else sheet.motifs.push({ id: mid, name: motif.name, character: body.target.character, notes: imported.notes, bars: Math.max(1, Math.ceil(imported.notes.reduce((s, x) => s + x.beats, 0) / 4)), model: 'imported', longestCopiedRun: 0, appearances: [] });
      cues = [];
      for (const c of sheet.cues) {
        const i = c.spec.motifs.findIndex((m) => m.id === mid);
        if (i >= 0) { c.spec.motifs[i] = { ...c.spec.motifs[i], notes: imported.notes, name: motif.name }; cues.push(c.id); }
      }
    } else {
      const cue = this.cueOf(state, body.target.cue);
      const mid = `theme-${cue.id}`;
      motif = { id: mid, name: body.name ?? `${cue.id} theme`, notes: imported.notes, forms: ['original'] };
      // The cue's theme leads: it goes first, replacing an earlier imported theme.
      cue.spec.motifs = [motif, ...cue.spec.motifs.filter((m) => m.id !== mid)].slice(0, 16);
      if (!cue.motifs.some((u) => u.id === mid)) cue.motifs.unshift({ id: mid, character: motif.name ?? mid, forms: ['original'], bars: [], statements: [] });
      cues = [cue.id];
    }
    this.store.commitVersion(id, `import motif ${motif.id}`, state);
    return { motif, understood: imported, cues };
  }

  /** A/B: the winner becomes the cue's take; the pick is recorded and passed to personalization. */
  pick(id: string, cueId: string, winner: number, loser: number) {
    const state = this.state(id);
    this.cueOf(state, cueId);
    this.store.take(id, cueId, winner);
    this.store.take(id, cueId, loser);
    const pick = this.store.addPick(id, cueId, winner, loser);
    state.selected[cueId] = winner;
    const w = this.store.take(id, cueId, winner);
    annotate(this.cueOf(state, cueId), JSON.parse(w.summary) as ComposeSummary);
    this.store.commitVersion(id, `pick take ${winner} over ${loser} for ${cueId}`, state);
    this.preferences.prefer(takeId(id, cueId, winner), takeId(id, cueId, loser));
    return { pick, selected: winner };
  }

  rate(id: string, cueId: string, n: number, rating: number) {
    this.store.rate(id, cueId, n, rating);
    this.preferences.rate(takeId(id, cueId, n), rating);
    return { rating };
  }

  /** Select an existing take (from the history) as the cue's current one. */
  select(id: string, cueId: string, n: number) {
    const state = this.state(id);
    const cue = this.cueOf(state, cueId);
    const row = this.store.take(id, cueId, n);
    state.selected[cueId] = n;
    annotate(cue, JSON.parse(row.summary) as ComposeSummary);
    this.store.commitVersion(id, `select take ${n} for ${cueId}`, state);
    return { selected: n };
  }

  undo(id: string, step: -1 | 1) {
    const label = this.store.moveHead(id, step);
    if (label === null) throw userError(step < 0 ? 'nothing to undo' : 'nothing to redo');
    return { [step < 0 ? 'undone' : 'redone']: label };
  }

  /** The selected take of every cue, for export and rendering. */
  selectedScores(id: string, cues?: string[]): Array<{ cue: Cue; score: Score }> {
    const state = this.state(id);
    const wanted = cues ? new Set(cues) : null;
    if (wanted) for (const c of wanted) this.cueOf(state, c);
    return state.cueSheet.cues.filter((c) => !wanted || wanted.has(c.id)).map((cue) => ({ cue, score: this.takeScore(id, cue.id, state.selected[cue.id]) }));
  }
}
