/**
 * purpose: composeCue — a whole cue from a resolved cue (cue/resolve.ts: key, metre, tempo map and hit
 * landings already decided): a form plan (intro, sentences/periods, contrast, climax, ending), then the shared
 * engine phrase by phrase and bar by bar, assembled into a valid Score with sections, markers, hit points, CC
 * automation and provenance. It never decides tempo itself. Pure and seeded: same cue + seed ⇒ identical JSON.
 */
import type { ResolvedCue } from '../cue/resolve.js';
import type { ComposeOptions, ComposedCue, ComposeSummary } from './api.js';
import { PPQ, type Score, type Track, type Marker, type HitPoint } from '../score/schema.js';
import { assertValidScore } from '../score/validate.js';
import { normalizeScore } from '../score/build.js';
import { Rng, hashString } from '../util/rng.js';
import { paramsFor } from '../cue/emotion-map.js';
import { barEmotion, planForm } from './form.js';
import { ComposerEngine } from './engine.js';
import { requireModels } from './models.js';
import { keyName, meterInfo, scalePcs, spellTonic, type Key } from '../theory/index.js';
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
  const form = planForm({ bars: grid.bars, secondsPerBar, emotion: spec.emotion, home, rng: rng.fork('form'), keyFixed: cue.keyFixed });
  const tempo = grid.tempo;

  const engine = new ComposerEngine({ style: spec.style, meter, home, motifs: spec.motifs, underDialogue: spec.underDialogue, models, seed: spec.seed, leadEmotion: mean });
  // Continue the previous cue's harmony: its last chord conditions the first progression (smooth segue).
  if (cue.lastChord) engine.mem.chordContext.push(cue.lastChord);
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
  // Section names are at most 200 characters in a Score; the cue spec allows longer titles (the title keeps them).
  const sections: Score['sections'] = [{ name: (spec.title ?? cueName).slice(0, 200), kind: 'cue', tick: 0, endTick }];
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
  // Never guessed: if the guard cannot run (a corrupt or missing copy index), composing fails with that error.
  const longestCopiedRun = enforceMaxCopy(events, models.melody, MAX_COPY);

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
  const warnings = [...new Set(engine.ctx.failureLog)];
  if (warnings.length) summary.warnings = warnings;
  return { score, summary };
}
