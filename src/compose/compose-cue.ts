/**
 * purpose: composeCue — a whole cue from a cue spec: key/mode/tempo/meter from the emotion (spec overrides
 * win), a tempo map that lands hits, a form plan (intro, sentences/periods, contrast, climax, ending), then the
 * shared engine phrase by phrase and bar by bar, assembled into a valid Score with sections, markers, hit
 * points, CC automation and provenance. Pure and seeded: same spec + seed ⇒ identical Score JSON.
 */
import type { CueSpec } from '../plan/cue-spec.js';
import { emotionAt } from '../plan/cue-spec.js';
import { solveHitTempo } from '../plan/hit-sync.js';
import type { ComposeOptions, ComposedCue, ComposeSummary, BarEmotion } from './api.js';
import { PPQ, type Score, type Track, type TempoEvent, type Marker, type HitPoint, type Mode } from '../score/schema.js';
import { TempoMap } from '../score/tempo-map.js';
import { assertValidScore } from '../score/validate.js';
import { normalizeScore } from '../score/build.js';
import { Rng, hashString } from '../util/rng.js';
import { clamp } from '../util/math.js';
import { modeFor, paramsFor, tempoFor, tonicFor } from './emotion-map.js';
import { barEmotion, planForm, type FormPlan } from './form.js';
import { ComposerEngine } from './engine.js';
import { resolveModels } from './models.js';
import { keyName, meterInfo, pcOfName, scalePcs, spellTonic, type Key } from '../theory/index.js';
import type { RawNote } from './render-bar.js';
import type { MotifUse, PhraseMaterial } from './phrase.js';
import { enforceMaxCopy, type GuardEvent } from './copy-guard.js';

export const COMPOSER_VERSION = 'leitmotif-compose/1';
/** Anti-plagiarism max order: no run of more than this many melodic events copied from the corpus. */
export const MAX_COPY = 6;

/** Stable JSON (sorted keys) for hashing specs. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

function meanEmotion(spec: CueSpec): BarEmotion {
  const n = 16;
  const acc = { valence: 0, arousal: 0, tension: 0 };
  for (let i = 0; i < n; i++) {
    const e = emotionAt(spec.emotion, (i + 0.5) / n);
    acc.valence += e.valence / n;
    acc.arousal += e.arousal / n;
    acc.tension += e.tension / n;
  }
  return acc;
}

function parseMeter(spec: CueSpec, e: BarEmotion, rng: Rng): [number, number] {
  if (spec.meter) {
    const [a, b] = spec.meter.split('/').map(Number);
    return [clamp(a, 1, 32), b];
  }
  // A lilting triple metre for tender, calm cues (a seeded choice; 4/4 otherwise).
  if (e.valence > 0.3 && e.arousal < -0.2 && rng.chance(0.35)) return [3, 4];
  return [4, 4];
}

interface TimeGrid {
  tempo: TempoEvent[];
  bars: number;
  endTick: number;
  hits: Array<{ tick: number; label: string; salience: number; seconds: number; caught: boolean }>;
}

function buildTimeGrid(spec: CueSpec, opts: ComposeOptions, meter: [number, number], baseBpm: number, explicitTempo: boolean): TimeGrid {
  const barTicks = Math.round(meterInfo(meter[0], meter[1]).barQ * PPQ);
  const barQ = barTicks / PPQ;
  let tempo: TempoEvent[];
  let hits: TimeGrid['hits'] = [];
  if (opts.tempoMap && opts.tempoMap.length) {
    tempo = [...opts.tempoMap].sort((a, b) => a.tick - b.tick).map((t) => ({ tick: t.tick, bpm: t.bpm, ramp: t.ramp ?? 'step' }));
    if (tempo[0].tick !== 0) tempo.unshift({ tick: 0, bpm: tempo[0].bpm, ramp: 'step' });
    // The map was solved elsewhere (plan/): put each hit on the nearest sixteenth of that map.
    const map = new TempoMap(tempo);
    hits = spec.hits.map((h) => {
      const tick = Math.max(0, Math.round(map.secondsToTicks(h.time) / (PPQ / 4)) * (PPQ / 4));
      return { tick, label: h.label, salience: h.salience, seconds: h.time, caught: Math.abs(map.ticksToSeconds(tick) - h.time) <= 0.01 };
    });
  } else if (spec.hits.length) {
    const sol = solveHitTempo({ baseBpm, meter, hits: spec.hits.map((h) => ({ time: h.time, label: h.label, salience: h.salience })) });
    tempo = sol.tempo.length ? sol.tempo : [{ tick: 0, bpm: baseBpm, ramp: 'step' }];
    const map = new TempoMap(tempo);
    hits = sol.hits.map((h, i) => {
      const sal = spec.hits[i]?.salience ?? 0.7;
      // A hit the solver could not catch still gets its accent, on the nearest beat.
      const tick = h.caught && h.tick >= 0 ? h.tick : Math.max(0, Math.round(map.secondsToTicks(h.time) / PPQ) * PPQ);
      return { tick, label: h.label, salience: sal, seconds: h.time, caught: h.caught };
    });
  } else if (spec.duration !== undefined && !explicitTempo && spec.bars === undefined) {
    // Fit a whole number of bars exactly into the duration by nudging the tempo (≤ half a bar's worth).
    const bars = Math.max(1, Math.round((spec.duration * baseBpm) / 60 / barQ));
    const bpm = Math.round(((bars * barQ * 60) / spec.duration) * 1000) / 1000;
    tempo = [{ tick: 0, bpm, ramp: 'step' }];
  } else tempo = [{ tick: 0, bpm: baseBpm, ramp: 'step' }];
  const map = new TempoMap(tempo);
  let endTick: number;
  if (spec.bars !== undefined) endTick = spec.bars * barTicks;
  else endTick = Math.max(1, Math.round(map.secondsToTicks(spec.duration ?? 60)));
  // A length within a few ticks of a barline is that barline (rounding of the fitted tempo).
  const nearBar = Math.round(endTick / barTicks) * barTicks;
  if (Math.abs(nearBar - endTick) <= 2 && nearBar > 0) endTick = nearBar;
  const bars = Math.max(1, Math.ceil(endTick / barTicks));
  hits = hits.filter((h) => h.tick < endTick);
  return { tempo: tempo.filter((t) => t.tick < endTick || t.tick === 0), bars, endTick, hits };
}

/** Per-phrase tempo for cues whose curve moves a lot (no hits, no fixed tempo), rescaled to keep the length. */
function phraseTempi(form: FormPlan, spec: CueSpec, grid: TimeGrid, barTicks: number): TempoEvent[] {
  if (!spec.emotion.curve || grid.tempo.length !== 1 || spec.tempo !== undefined || spec.hits.length) return grid.tempo;
  const base = grid.tempo[0].bpm;
  const targets = form.phrases.map((p) => {
    const e = emotionAt(spec.emotion, (p.startBar + p.bars / 2) / form.bars);
    return tempoFor(e, spec.style);
  });
  const mean = targets.reduce((a, t, i) => a + t * form.phrases[i].bars, 0) / form.bars;
  const ev: TempoEvent[] = [];
  let last = -1;
  form.phrases.forEach((p, i) => {
    // Follow the curve's arousal at phrase boundaries, but only when it moves more than ~6% (MUSIC.md: keep tempo continuous unless on purpose).
    const raw = (base * targets[i]) / mean;
    const bpm = last < 0 || Math.abs(raw / last - 1) > 0.06 ? raw : last;
    if (bpm !== last) ev.push({ tick: p.startBar * barTicks, bpm, ramp: 'step' });
    last = bpm;
  });
  if (spec.duration === undefined) return ev.map((e) => ({ ...e, bpm: Math.round(e.bpm * 1000) / 1000 }));
  // Rescale so the cue still lasts exactly its duration.
  const secs = new TempoMap(ev).ticksToSeconds(grid.endTick);
  const k = secs / spec.duration;
  return ev.map((e) => ({ ...e, bpm: Math.round(e.bpm * k * 1000) / 1000 }));
}

export function composeCue(spec: CueSpec, opts: ComposeOptions = {}): ComposedCue {
  const models = resolveModels(opts.models);
  const rng = new Rng(spec.seed).fork('cue');
  const mean = meanEmotion(spec);
  const start = emotionAt(spec.emotion, 0.1);
  const meter = parseMeter(spec, mean, rng.fork('meter'));
  const mode: Mode = spec.mode ?? (opts.previous && !spec.key ? opts.previous.mode : modeFor(start));
  const tonic = spec.key ? (pcOfName(spec.key) ?? 0) : opts.previous ? opts.previous.tonic : tonicFor(start, mode, rng.fork('key'));
  const home: Key = { tonic, mode };
  const baseBpm = spec.tempo ?? tempoFor(mean, spec.style);
  const grid = buildTimeGrid(spec, opts, meter, baseBpm, spec.tempo !== undefined);
  const mi = meterInfo(meter[0], meter[1]);
  const barTicks = Math.round(mi.barQ * PPQ);
  const secondsPerBar = (mi.barQ * 60) / grid.tempo[0].bpm;
  const form = planForm({ bars: grid.bars, secondsPerBar, emotion: spec.emotion, home, rng: rng.fork('form'), keyFixed: spec.key !== undefined || spec.mode !== undefined });
  const tempo = phraseTempi(form, spec, grid, barTicks);

  const engine = new ComposerEngine({ style: spec.style, meter, home, motifs: spec.motifs, underDialogue: spec.underDialogue, models, seed: spec.seed, leadEmotion: mean });
  // Continue the previous cue's harmony: its last chord conditions the first progression (smooth segue).
  if (opts.previous?.lastChord) engine.mem.chordContext.push(opts.previous.lastChord);
  const climaxPos = (form.climaxBar + 0.5) / form.bars;
  const hitsByBar = new Map<number, Array<{ tick: number; salience: number }>>();
  for (const h of grid.hits) {
    const b = Math.floor(h.tick / barTicks);
    const list = hitsByBar.get(b) ?? [];
    list.push({ tick: h.tick - b * barTicks, salience: h.salience });
    hitsByBar.set(b, list);
  }

  // Track assembly: notes with `tie` extend the previous note of the same pitch (held across the barline).
  const tracks = new Map<string, { notes: RawNote[]; open: Map<number, RawNote>; controllers: Track['controllers']; programVotes: Map<number, number> }>();
  for (const v of engine.voices) tracks.set(v.id, { notes: [], open: new Map(), controllers: [], programVotes: new Map() });
  const motifUses: MotifUse[] = [];
  let copied = 0;
  let failures = 0;
  const materials: PhraseMaterial[] = [];
  const climaxPhrase = form.phrases.find((p) => p.climax);
  const tremoloBars = { on: 0, total: 0 };

  for (let pi = 0; pi < form.phrases.length; pi++) {
    const plan = form.phrases[pi];
    const mid = barEmotion(spec.emotion, plan.startBar + Math.floor(plan.bars / 2), form.bars, climaxPos);
    const params = paramsFor(mid, spec.style, spec.underDialogue);
    const next = form.phrases[pi + 1];
    const material = engine.planPhrase(plan, params, next ? next.key : null);
    materials.push(material);
    motifUses.push(...material.motifUses);
    for (let b = 0; b < plan.bars; b++) {
      const bar = plan.startBar + b;
      if (bar * barTicks >= grid.endTick) break;
      const emotion = barEmotion(spec.emotion, bar, form.bars, climaxPos);
      const bp = paramsFor(emotion, spec.style, spec.underDialogue);
      const isLast = bar === form.bars - 1;
      const ending = isLast && plan.final ? (emotion.arousal > 0.3 && plan.kind === 'outro' ? 'button' : 'tail') : null;
      const parts = engine.renderBar({ material, barInPhrase: b, barIndex: bar, params: bp, emotion, accents: hitsByBar.get(bar), ending, buildToClimax: !!climaxPhrase && bar === climaxPhrase.startBar - 1 });
      tremoloBars.total++;
      if (bp.devices.tremolo) tremoloBars.on++;
      const offset = bar * barTicks;
      for (const part of parts) {
        const t = tracks.get(part.voice.id)!;
        if (part.notes.length) t.programVotes.set(part.program, (t.programVotes.get(part.program) ?? 0) + 1);
        const nextOpen = new Map<number, RawNote>();
        for (const n of part.notes) {
          const prev = n.tie && n.tick === 0 ? t.open.get(n.pitch) : undefined;
          let note: RawNote;
          if (prev && prev.tick + prev.duration === offset) {
            prev.duration += n.duration;
            note = prev;
          } else {
            note = { tick: n.tick + offset, duration: n.duration, pitch: n.pitch, velocity: n.velocity };
            t.notes.push(note);
          }
          if (n.tick + n.duration === barTicks) nextOpen.set(n.pitch, note);
        }
        t.open = nextOpen;
        for (const c of part.controllers) t.controllers.push({ tick: c.tick + offset, controller: c.controller, value: c.value });
      }
    }
    copied = Math.max(copied, material.stats.copied);
    failures += material.stats.failures;
  }

  const endTick = grid.endTick;
  // A breath before the big hits of a tense cue (MUSIC.md suspense: "silence before the hit"): pitched layers
  // other than the bass stop half a beat before a salient hit, so the accent lands out of silence.
  const gapTicks = Math.round((mi.pulseQ * PPQ) / 2);
  for (const h of grid.hits) {
    const e = barEmotion(spec.emotion, Math.floor(h.tick / barTicks), form.bars, climaxPos);
    if (h.salience < 0.9 || e.tension < 0.6 || h.tick < gapTicks) continue;
    const g0 = h.tick - gapTicks;
    for (const v of engine.voices) {
      if (v.texture === 'bass' || v.texture === 'drums' || v.texture === 'timpani') continue;
      const t = tracks.get(v.id)!;
      t.notes = t.notes.filter((n) => !(n.tick >= g0 && n.tick < h.tick));
      for (const n of t.notes) if (n.tick < g0 && n.tick + n.duration > g0) n.duration = g0 - n.tick;
    }
  }
  const outTracks: Track[] = [];
  for (const v of engine.voices) {
    const t = tracks.get(v.id)!;
    // Bars are rendered overlap-free and ties merged, so no same-pitch overlap can arise here (the final
    // assertValidScore checks it); only the cut at the cue's end remains.
    const notes: Track['notes'] = [];
    for (const n of t.notes) {
      if (n.tick >= endTick) continue;
      notes.push({ tick: n.tick, duration: Math.max(1, Math.min(n.duration, endTick - n.tick)), pitch: n.pitch, velocity: n.velocity });
    }
    notes.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
    if (notes.length === 0) continue;
    let program = v.program;
    let best = -1;
    for (const [p, c] of t.programVotes) if (c > best || (c === best && p < program)) {
      best = c;
      program = p;
    }
    const controllers = [{ tick: 0, controller: 7, value: v.volume }, ...t.controllers.filter((c) => c.tick <= endTick)];
    outTracks.push({ name: v.name, role: v.role, program, channel: v.channel, volume: v.volume, pan: v.pan, notes, controllers });
  }

  // Keys: home, then every modulation at a phrase start.
  const keys: Score['keys'] = [];
  let lastKey = '';
  for (const p of form.phrases) {
    const k = `${p.key.tonic}:${p.key.mode}`;
    if (k !== lastKey && p.startBar * barTicks < endTick) keys.push({ tick: p.startBar * barTicks, tonic: spellTonic(p.key.tonic, p.key.mode), mode: p.key.mode });
    lastKey = k;
  }
  const cueName = spec.id ?? 'cue';
  const sections: Score['sections'] = [{ name: spec.title ?? cueName, kind: 'cue', tick: 0, endTick }];
  const markers: Marker[] = [{ tick: 0, text: `${cueName}${spec.title ? ` ${spec.title}` : ''}`, kind: 'cue' }];
  for (const s of form.sections) {
    const tick = s.startBar * barTicks;
    const end = Math.min(endTick, s.endBar * barTicks);
    if (tick >= end) continue;
    sections.push({ name: s.name, kind: s.kind, tick, endTick: end });
    markers.push({ tick, text: s.name, kind: 'marker' });
  }
  markers.push({ tick: Math.min(endTick, form.climaxBar * barTicks), text: 'climax', kind: 'sync' });
  const hits: HitPoint[] = grid.hits.map((h) => ({ tick: h.tick, label: h.label, seconds: h.seconds, salience: h.salience }));
  for (const h of grid.hits) markers.push({ tick: h.tick, text: `hit: ${h.label}${h.caught ? '' : ' (nearest beat)'}`, kind: 'hit' });

  // Anti-plagiarism on the final melody (max-order constraint, maxCopy 6): the lead line as heard (octave
  // doublings are one event), repaired where repetition or a join lines up with a corpus tune.
  const leadNotes = outTracks.filter((t) => t.role === 'melody').flatMap((t) => t.notes).sort((a, b) => a.tick - b.tick || b.pitch - a.pitch);
  const harmonyTimeline: Array<{ tick: number; pcs: number[]; scale: number[] }> = [];
  for (const m of materials) {
    const scale = scalePcs(m.plan.key);
    for (const c of m.chords) harmonyTimeline.push({ tick: m.plan.startBar * barTicks + Math.round(c.start * PPQ), pcs: c.chord.pcs, scale });
  }
  const spanAt = (tick: number) => {
    let lo = 0, hi = harmonyTimeline.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (harmonyTimeline[mid].tick <= tick) lo = mid;
      else hi = mid - 1;
    }
    return harmonyTimeline[lo] ?? { tick: 0, pcs: [], scale: [] };
  };
  const strongAt = (tick: number) => mi.strong.some((q) => Math.round(q * PPQ) === tick % barTicks);
  const events: GuardEvent[] = [];
  for (let i = 0; i < leadNotes.length; i++) {
    const n = leadNotes[i];
    const group = [n];
    while (i + 1 < leadNotes.length && leadNotes[i + 1].tick === n.tick) group.push(leadNotes[++i]);
    const h = spanAt(n.tick);
    const strong = strongAt(n.tick);
    events.push({ pitch: n.pitch, duration: n.duration / PPQ, strong, allowed: strong ? h.pcs : h.scale, lo: n.pitch - 4, hi: n.pitch + 4, set: (q) => { const d = q - n.pitch; for (const g of group) g.pitch += d; } });
  }
  let longestCopiedRun = copied;
  try {
    longestCopiedRun = enforceMaxCopy(events, models.melody, MAX_COPY);
  } catch {
    failures++;
  }

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
  return { score, summary };
}
