/**
 * purpose: the material of one phrase — its chords (sampled from the harmony style model, then bent to the
 * cadence the form asks for) and its melody (basic idea sampled from the melody style model, then repeated,
 * sequenced, fragmented and cadenced per the sentence/period plan: real motivic structure, not a random walk).
 * Shared by composeCue and the bar composer: both plan phrase by phrase and render bar by bar.
 */
import type { StyleModel, PitchConstraint, BarPattern } from '../style/api.js';
import type { MotifRef, Style, MotifForm } from '../cue/spec.js';
import type { Rng } from '../util/rng.js';
import { parseRoman, tonicChord, tonicSymbol, type Chord } from './chords.js';
import { harmonize } from './harmonize.js';
import { buildTune } from './tune.js';
import type { PhrasePlan } from './form.js';
import type { MusicParams } from '../cue/emotion-map.js';
import { changeKey, fitToChords, fragment, invert, lineLength, motifToLine, placeInRange, scaleTime, transposeDiatonic, type Line } from './motif.js';
import { nearestPitchWithPc } from './theory.js';
import { isMinorMode, mod12, scalePcs, type Key, type MeterInfo } from '../theory/index.js';
import { clamp } from '../util/math.js';
import { isLeitmotifError } from '../util/errors.js';
import type { SamplingEvidence } from '../style/evidence.js';

export interface ChordSpan {
  /** Quarter-note beats from the phrase start. */
  start: number;
  dur: number;
  chord: Chord;
}

export interface MotifUse {
  id: string;
  bar: number;
  form: MotifForm;
  /** Which layer states it. */
  voice: 'melody' | 'counter';
}

export interface PhraseMaterial {
  plan: PhrasePlan;
  chords: ChordSpan[];
  melody: Line;
  /** Counter line (guide tones, or a motif restated in another colour). */
  counter: Line;
  /** Which melody layer carries the tune (orchestration change for the contrasting idea). */
  lead: 'melody' | 'melody2';
  motifUses: MotifUse[];
  drumPatterns: BarPattern[];
  ostinatoPattern: BarPattern;
  /** Model statistics, filled as the phrase is realised (longest copied run, model failures). */
  stats: { copied: number; failures: number };
  /** Melody steps not realised yet (see ensureMelody). */
  pending: PendingStep[];
  /** Re-tidy the melody after steps ran. */
  tidy: () => void;
  /** The phrase may hold a tonic pedal (the emotion asks for one and it makes no parallels at the join). */
  pedal?: boolean;
}

export interface PendingStep {
  /** Beat (from the phrase start) where the step's notes begin. */
  at: number;
  run: () => void;
}

/** Realise every pending melody step that starts by `beat` (in order), then tidy the line. */
export function ensureMelody(m: PhraseMaterial, beat: number): void {
  let ran = false;
  while (m.pending.length && m.pending[0].at <= beat + EPS) {
    m.pending.shift()!.run();
    ran = true;
  }
  if (ran) m.tidy();
}

/** State that persists across phrases (themes, continuity). */
export interface ThemeMemory {
  /** The basic idea of each theme, and the key it was first stated in. */
  themes: Partial<Record<'A' | 'B', { line: Line; key: Key; ideaQ: number }>>;
  chordContext: string[];
  melodyContext: number[];
  counterLast?: number;
  /** Progressions by idea/cadence/key (bar composer only, see PhraseContext.reuseHarmony). */
  progressions: Map<string, string[]>;
  /** Rhythm patterns sampled so far, by idea and density level. */
  grooves: Map<string, { drumPatterns: BarPattern[]; ostinatoPattern: BarPattern }>;
  /** Bar composer: each idea's contrasting half (period antecedent), reused when the idea returns. */
  contrasts?: Map<string, { line: Line; key: Key }>;
  /** Bass and tune pitch classes at the end of the previous phrase (outer-voice continuity). */
  lastBassPc?: number;
  lastMelodyPc?: number;
}

export interface PhraseContext {
  style: Style;
  meter: MeterInfo;
  models: { melody: StyleModel; harmony: StyleModel };
  motifs: readonly MotifRef[];
  underDialogue: boolean;
  melodyRange: [number, number];
  melody2Range: [number, number] | null;
  counterRange: [number, number] | null;
  maxCopy: number;
  /** Bar composer: reuse an idea's progression when it returns (cheap, loop-stable harmony). */
  reuseHarmony?: boolean;
  /** Where the models record the PPM evidence behind what they sample (attribution); absent: not recorded. */
  evidence?: SamplingEvidence;
  /**
   * Model sampling failures this composer fell back from (one line each). A typed LeitmotifError (a corrupt model,
   * a broken copy index) is never caught: it propagates to the caller.
   */
  failureLog: string[];
}

/** For a sampling fallback: rethrow typed errors (bad models must fail loudly), log anything else. */
function noteFailure(ctx: PhraseContext, what: string, e: unknown): void {
  if (isLeitmotifError(e)) throw e;
  ctx.failureLog.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
}

const EPS = 1e-6;

/** Number of chords and their lengths for a phrase (harmonic rhythm; faster in a sentence's continuation). */
function chordSlots(plan: PhrasePlan, meter: MeterInfo, params: MusicParams): Array<{ start: number; dur: number }> {
  const slots: Array<{ start: number; dur: number }> = [];
  const barQ = meter.barQ;
  let hr = params.harmonicRhythm;
  if (plan.kind === 'intro' || plan.kind === 'outro') hr = 0.5;
  let bar = 0;
  while (bar < plan.bars) {
    const inContinuation = plan.kind === 'sentence' && plan.bars >= 8 && bar >= 4 && bar < 7;
    const rate = inContinuation ? Math.min(2, hr * 2) : hr;
    if (rate <= 0.5 && bar + 2 <= plan.bars && !(plan.bars >= 4 && bar === plan.bars - 2 && plan.cadence !== 'none')) {
      slots.push({ start: bar * barQ, dur: 2 * barQ });
      bar += 2;
      continue;
    }
    const k = rate >= 2 && meter.pulses.length % 2 === 0 ? 2 : 1;
    for (let j = 0; j < k; j++) slots.push({ start: bar * barQ + (j * barQ) / k, dur: barQ / k });
    bar += 1;
  }
  return slots;
}

/** Used only when the harmony model throws: a plain diatonic loop as the suggestion, so the cue still completes. */
function emergencyProgression(len: number, key: Key): string[] {
  const minor = isMinorMode(key.mode);
  const loop = minor ? ['i', 'iv', 'VI', 'V'] : ['I', 'vi', 'IV', 'V'];
  return Array.from({ length: len }, (_, i) => loop[i % 4]);
}

function progressionKey(plan: PhrasePlan, key: Key, slots: number, params: MusicParams): string {
  return `${plan.idea}:${plan.kind}:${plan.cadence}:${key.tonic}:${key.mode}:${slots}:${Math.round(params.dissonance * 3)}`;
}

/** The harmony style model's progression for the phrase: the corpus colour the harmonizer prefers. */
function suggestedProgression(ctx: PhraseContext, plan: PhrasePlan, params: MusicParams, mem: ThemeMemory, rng: Rng, slots: number): { symbols: string[]; failures: number } {
  const key = plan.key;
  const memo = progressionKey(plan, key, slots, params);
  if (ctx.reuseHarmony && mem.progressions.has(memo)) return { symbols: mem.progressions.get(memo)!.slice(), failures: 0 };
  let symbols: string[];
  let failures = 0;
  try {
    const res = ctx.models.harmony.sampleProgression({
      mode: key.mode,
      length: slots,
      cadence: plan.cadence,
      start: plan.statement === 0 || plan.kind === 'intro' ? tonicSymbol(key) : undefined,
      context: mem.chordContext.slice(-4),
      colour: params.dissonance,
      temperature: 1,
      ...(ctx.evidence ? { evidence: ctx.evidence } : {}),
      rng,
    });
    symbols = res.chords.slice(0, slots);
    while (symbols.length < slots) symbols.push(symbols[symbols.length - 1] ?? tonicSymbol(key));
  } catch (e) {
    noteFailure(ctx, `harmony model failed for phrase ${plan.index + 1}; used a plain progression`, e);
    failures++;
    symbols = emergencyProgression(slots, key);
  }
  if (ctx.reuseHarmony) mem.progressions.set(memo, symbols.slice());
  return { symbols, failures };
}

/**
 * The phrase's chords, fitted to its tune (melody first; harmonize.ts): the model's progression is a preference,
 * the cadence is the form's, every chord comes from the key's vocabulary, and the bass avoids parallel fifths and
 * octaves with the tune. Without a tune (intro) the same search cleans the model's progression.
 */
export function planHarmony(ctx: PhraseContext, plan: PhrasePlan, params: MusicParams, mem: ThemeMemory, rng: Rng, nextKey: Key | null, melody: Line = []): { chords: ChordSpan[]; failures: number; pedal: boolean } {
  const key = plan.key;
  const slots = chordSlots(plan, ctx.meter, params);
  let symbols: string[];
  let chordList: Chord[];
  let failures = 0;
  let pedal = false;
  if (plan.kind === 'outro') {
    // Ending: the tonic, held (tail) or struck (button).
    symbols = slots.map(() => tonicSymbol(key));
    chordList = symbols.map((x) => parseRoman(x, key) ?? tonicChord(key));
  } else {
    // No pedal where it would move in parallel octaves/fifths with the tune out of the phrase before (the tune
    // entering on the tonic or the dominant over a bass that leaps to the tonic).
    const m0 = melody.length && melody[0].beat < EPS ? mod12(melody[0].pitch) : -1;
    const joinClash = mem.lastBassPc !== undefined && mem.lastMelodyPc !== undefined && m0 >= 0 && mem.lastMelodyPc !== m0 && mem.lastBassPc !== key.tonic && (mod12(m0 - key.tonic) === 0 || mod12(m0 - key.tonic) === 7) && mod12(mem.lastMelodyPc - mem.lastBassPc) === mod12(m0 - key.tonic);
    pedal = params.devices.pedal && !joinClash;
    const sug = suggestedProgression(ctx, plan, params, mem, rng, slots.length);
    failures += sug.failures;
    const barQ = ctx.meter.barQ;
    const strongSet = new Set(ctx.meter.strong.map((x) => Math.round(x * 1000)));
    const isStrong = (beat: number) => strongSet.has(Math.round((beat - Math.floor(beat / barQ + EPS) * barQ) * 1000));
    const h = harmonize({
      key,
      slots,
      melody,
      isStrong,
      cadence: plan.kind === 'intro' ? 'none' : plan.cadence,
      startOnTonic: plan.statement === 0 || plan.kind === 'intro',
      suggested: sug.symbols,
      colour: params.dissonance,
      mediants: params.devices.chromaticMediant && plan.idea === 'B',
      prevBassPc: mem.lastBassPc,
      prevMelodyPc: mem.lastMelodyPc,
      // render-bar holds a tonic pedal under chords containing it in a phrase's first four bars.
      ...(pedal ? { pedal: { pc: key.tonic, untilBeat: 4 * barQ } } : {}),
      rng: rng.fork('harmonize'),
    });
    symbols = h.symbols;
    chordList = h.chords;
  }
  const chords: ChordSpan[] = slots.map((s, i) => ({ start: s.start, dur: s.dur, chord: chordList[i] ?? tonicChord(key) }));
  // Pivot into the next key: a phrase that does not cadence ends on the dominant of the key that follows — when
  // the tune's last note belongs to it. A cadence is kept: the new key then enters at the phrase (film practice).
  if (nextKey && (nextKey.tonic !== key.tonic || nextKey.mode !== key.mode) && chords.length && (plan.cadence === 'none' || plan.kind === 'intro')) {
    const v = parseRoman('V7', nextKey);
    const lastPc = melody.length ? mod12(melody[melody.length - 1].pitch) : -1;
    if (v && (lastPc < 0 || v.pcs.includes(lastPc))) chords[chords.length - 1] = { ...chords[chords.length - 1], chord: v };
  }
  mem.chordContext.push(...symbols.map((x) => x.replace(/(65|6)$/, (m) => (m === '65' ? '7' : ''))));
  if (mem.chordContext.length > 16) mem.chordContext.splice(0, mem.chordContext.length - 16);
  mem.lastBassPc = chords[chords.length - 1].chord.bass;
  if (melody.length) mem.lastMelodyPc = mod12(melody[melody.length - 1].pitch);
  return { chords, failures, pedal };
}

export function chordAtBeat(chords: readonly ChordSpan[], beat: number): Chord {
  let c = chords[0].chord;
  for (const s of chords) if (s.start <= beat + EPS) c = s.chord;
  else break;
  return c;
}

interface SampleArgs {
  from: number;
  bars: number;
  key: Key;
  range: [number, number];
  density: number;
  endOn?: number[];
  peakAt?: number;
  rhythm?: Array<{ beat: number; duration: number }>;
  /** Pitch classes the first note must take (free sampling only). */
  openOn?: number[];
}

/** Sample a passage from the melody model with chord tones on strong beats; positions relative to `from`. */
function sampleSegment(ctx: PhraseContext, chords: readonly ChordSpan[], a: SampleArgs, mem: ThemeMemory, rng: Rng, stats: { copied: number; failures: number }): Line {
  const constraints: PitchConstraint[] = [];
  // Melody first: with no chords yet, only the opening may be pinned (a tonic-chord tone to start a statement).
  if (chords.length) for (let b = 0; b < a.bars; b++) for (const s of ctx.meter.strong) constraints.push({ beat: b * ctx.meter.barQ + s, pitchClasses: chordAtBeat(chords, a.from + b * ctx.meter.barQ + s).pcs });
  else if (a.openOn) constraints.push({ beat: 0, pitchClasses: a.openOn });
  try {
    const res = ctx.models.melody.sampleMelody({
      key: a.key,
      meter: { numerator: ctx.meter.numerator, denominator: ctx.meter.denominator },
      bars: a.bars,
      range: a.range,
      constraints,
      endOn: a.endOn,
      rhythm: a.rhythm,
      density: clamp(a.density, 0, 1),
      peakAt: a.peakAt,
      context: mem.melodyContext.slice(-8),
      maxCopy: ctx.maxCopy,
      temperature: 1,
      ...(ctx.evidence ? { evidence: ctx.evidence } : {}),
      rng,
    });
    stats.copied = Math.max(stats.copied, res.longestCopiedRun);
    const len = a.bars * ctx.meter.barQ;
    const line = res.notes
      .filter((n) => Number.isFinite(n.beat) && Number.isFinite(n.pitch) && n.beat >= -EPS && n.beat < len - EPS && n.duration > 0)
      .map((n) => ({ beat: Math.max(0, n.beat), duration: Math.min(n.duration, len - n.beat), pitch: Math.round(n.pitch) }));
    for (const n of line) mem.melodyContext.push(n.pitch);
    if (mem.melodyContext.length > 16) mem.melodyContext.splice(0, mem.melodyContext.length - 16);
    return line;
  } catch (e) {
    noteFailure(ctx, 'melody model failed; held a chord tone instead', e);
    stats.failures++;
    // A held chord tone keeps the phrase intact if the model fails on an exotic request.
    const pc0 = chords.length ? chordAtBeat(chords, a.from).pcs[0] : a.key.tonic;
    const mid = Math.round((a.range[0] + a.range[1]) / 2);
    return [{ beat: 0, duration: a.bars * ctx.meter.barQ, pitch: mid - mod12(mid - pc0) }];
  }
}

/** Remove overlaps (monophonic line), keep inside a range, drop slivers. */
export function tidyLine(line: Line, lo: number, hi: number, total: number): Line {
  const s = [...line].sort((a, b) => a.beat - b.beat || b.pitch - a.pitch);
  const out: Line = [];
  for (let i = 0; i < s.length; i++) {
    const n = { ...s[i] };
    if (out.length && Math.abs(out[out.length - 1].beat - n.beat) < EPS) continue;
    const nx = s.slice(i + 1).find((m) => m.beat > n.beat + EPS);
    if (nx && n.beat + n.duration > nx.beat) n.duration = nx.beat - n.beat;
    if (n.beat + n.duration > total) n.duration = total - n.beat;
    while (n.pitch > hi) n.pitch -= 12;
    while (n.pitch < lo) n.pitch += 12;
    if (n.duration >= 0.1) out.push(n);
  }
  return out;
}

/** Which form a spec motif takes in this phrase (spec `forms` first; else chosen by role in the cue). */
function motifFormFor(m: MotifRef, plan: PhrasePlan, homeMinor: boolean, params: MusicParams): MotifForm {
  if (plan.statement === 0 && plan.idea === 'A') return 'original';
  const allowed = m.forms && m.forms.length ? m.forms : null;
  const pick = (f: MotifForm) => !allowed || allowed.includes(f);
  const wants: MotifForm[] = [];
  if (isMinorMode(plan.key.mode) !== homeMinor) wants.push('mode-change');
  if (plan.climax) wants.push(params.density > 0.6 ? 'diminished' : 'register');
  if (plan.idea === 'B') wants.push('inverted', 'reorchestrated', 'sequence');
  if (params.density < 0.35) wants.push('augmented');
  wants.push('sequence', 'reharmonised', 'register');
  for (const w of wants) if (pick(w)) return w;
  return allowed ? allowed[plan.statement % allowed.length] : 'sequence';
}

export interface PlanPhraseInput {
  ctx: PhraseContext;
  plan: PhrasePlan;
  params: MusicParams;
  mem: ThemeMemory;
  rng: Rng;
  home: Key;
  nextKey: Key | null;
}

/** Harmony + melody + counter line + rhythm patterns for one phrase. */
export function planPhrase(inp: PlanPhraseInput): PhraseMaterial {
  const { ctx, plan, params, mem, home } = inp;
  const rng = inp.rng;
  const meter = ctx.meter;
  const barQ = meter.barQ;
  const total = plan.bars * barQ;
  const key = plan.key;
  const stats = { copied: 0, failures: 0 };
  const motifUses: MotifUse[] = [];
  const win = melodyWindow(ctx, plan, params);
  const lead = win.lead;
  let { lo, hi } = win;
  const density = clamp(params.density, 0.05, 1);
  const melody: Line = [];
  const melodyPossible = hi - lo >= 7 && plan.kind !== 'intro' && plan.kind !== 'outro';
  const tonicTriad = (parseRoman(tonicSymbol(key), key) ?? tonicChord(key)).pcs;

  if (melodyPossible && plan.idea !== 'none') {
    // ---- melody first: the basic idea (a spec motif as written, the remembered theme, or a fresh sample) ----
    const ideaBars = plan.bars >= 6 ? 2 : plan.bars >= 4 ? 1 : Math.max(1, Math.floor(plan.bars / 2));
    let ideaQ = ideaBars * barQ;
    let idea: Line = [];
    const motif = plan.idea === 'A' ? ctx.motifs[0] : ctx.motifs[1] ?? (plan.statement > 0 ? ctx.motifs[0] : undefined);
    if (motif) {
      const form = motifFormFor(motif, plan, isMinorMode(home.mode), params);
      let line = motifToLine(motif.notes, key, Math.round((lo + hi) / 2) - 5);
      if (form === 'augmented') line = scaleTime(line, 2);
      else if (form === 'diminished') line = scaleTime(line, 0.5);
      else if (form === 'inverted') line = invert(line, key);
      else if (form === 'sequence') line = transposeDiatonic(line, plan.statement % 2 ? 2 : -1, key);
      else if (form === 'register') line = line.map((n) => ({ ...n, pitch: n.pitch + 12 }));
      const len = lineLength(line);
      // The motif is stated whole when the phrase can hold it (the form gives its phrase room to answer it too);
      // only a motif longer than the phrase is cut, at a barline.
      if (len > ideaQ && len <= total + EPS) ideaQ = Math.ceil(len / barQ - EPS) * barQ;
      if (len > total + EPS) line = fragment(line, 0, total);
      else if (form !== 'original' && len > total / 2 + EPS && plan.statement > 0) {
        // A later statement may be its head only (fragmentation), leaving room for the answer.
        ideaQ = Math.max(barQ, Math.floor(total / 2 / barQ) * barQ);
        line = fragment(line, 0, ideaQ);
      }
      // The motif keeps its pitches and rhythm: only whole-octave placement (the harmony is fitted to it).
      idea = form === 'register' ? line.filter((n) => n.beat < ideaQ - EPS) : placeInRange(line.filter((n) => n.beat < ideaQ - EPS), lo, hi, true);
      motifUses.push({ id: motif.id, bar: plan.startBar, form, voice: 'melody' });
      // The window opens to hold the motif (within the instrument), so its restatements are not folded.
      const [ilo, ihi] = lead === 'melody2' && ctx.melody2Range ? ctx.melody2Range : ctx.melodyRange;
      for (const n of idea) {
        lo = Math.max(ilo, Math.min(lo, n.pitch));
        hi = Math.min(ihi, Math.max(hi, n.pitch));
      }
    } else {
      const theme = plan.idea === 'A' || plan.idea === 'B' ? mem.themes[plan.idea] : undefined;
      if (theme && theme.ideaQ <= total / 2 + EPS) {
        idea = changeKey(theme.line, theme.key, key);
        ideaQ = theme.ideaQ;
        if (plan.statement >= 2 && !plan.climax && ctx.reuseHarmony) {
          // Runtime: vary by diatonic sequence (no model call on the phrase's first, busiest bar).
          idea = transposeDiatonic(idea, plan.statement % 2 ? 1 : -1, key);
        } else if (plan.statement >= 2 && !plan.climax) {
          // Varied restatement: keep the rhythm (the motif's identity), re-sample the pitches.
          const varied = sampleSegment(ctx, [], { from: 0, bars: ideaQ / barQ, key, range: [lo, hi], density, rhythm: idea.map((n) => ({ beat: n.beat, duration: n.duration })), peakAt: 0.6, openOn: tonicTriad }, mem, rng.fork('vary'), stats);
          if (varied.length >= Math.min(3, idea.length)) idea = varied;
        }
        if (plan.climax && density > 0.75 && lineLength(idea) >= 2 * barQ) idea = loopTo2(scaleTime(idea, 0.5), ideaQ);
        idea = placeInRange(idea, lo, hi, true);
      } else {
        idea = sampleSegment(ctx, [], { from: 0, bars: ideaBars, key, range: [lo, hi], density, peakAt: 0.65, openOn: tonicTriad }, mem, rng.fork('idea'), stats);
        // A basic idea needs a rhythmic profile: at least two notes a bar (eight dotted halves are not a tune).
        if (idea.length < 2 * ideaBars) {
          const denser = sampleSegment(ctx, [], { from: 0, bars: ideaBars, key, range: [lo, hi], density: Math.min(1, density + 0.3), peakAt: 0.65, openOn: tonicTriad }, mem, rng.fork('idea-denser'), stats);
          if (denser.length > idea.length) idea = denser;
        }
        if (idea.length < 2 * ideaBars) idea = giveRhythm(idea, key, barQ, lo, hi);
        ideaQ = ideaBars * barQ;
        if (plan.idea === 'A' || plan.idea === 'B') mem.themes[plan.idea] = { line: idea.map((n) => ({ ...n })), key, ideaQ };
      }
    }
    // ---- the phrase's tune: sentence or period built from the idea (tune.ts) ----
    const half = total / 2;
    let contrast: Line | undefined;
    if (plan.kind === 'period' && half > ideaQ + EPS) {
      const memo = `${plan.idea}:${half - ideaQ}`;
      const kept = ctx.reuseHarmony ? mem.contrasts?.get(memo) : undefined;
      // Runtime: an idea's contrasting half returns with it (one model call per theme, not per phrase).
      if (kept) contrast = placeInRange(changeKey(kept.line, kept.key, key), lo, hi, true);
      else {
        contrast = sampleSegment(ctx, [], { from: ideaQ, bars: Math.max(1, Math.round((half - ideaQ) / barQ)), key, range: [lo, hi], density, peakAt: 0.3 }, mem, rng.fork('ante'), stats);
        if (ctx.reuseHarmony) (mem.contrasts ??= new Map()).set(memo, { line: contrast.map((n) => ({ ...n })), key });
      }
    }
    melody.push(...tidyLine(buildTune({ kind: plan.kind === 'period' ? 'period' : 'sentence', key, total, barQ, idea, ideaQ, contrast, cadence: plan.cadence, range: [lo, hi], climax: plan.climax, rng: rng.fork('tune'), ...(params.repetition === undefined ? {} : { exactRepeat: params.repetition }), fixedIdea: !!motif }), lo, hi, total));
    if (motif && idea.length) {
      // The motif's statement stays exactly as written (tidy may only have trimmed overlaps).
      const stated = new Set(idea.map((n) => Math.round(n.beat * 1000)));
      for (const n of melody) if (stated.has(Math.round(n.beat * 1000)) && n.beat < ideaQ - EPS) n.pitch = idea.find((m) => Math.abs(m.beat - n.beat) < EPS)?.pitch ?? n.pitch;
    }
  }
  // ---- then the harmony, fitted to the tune ----
  const { chords, failures: hf, pedal } = planHarmony(ctx, plan, params, mem, rng.fork('harmony'), inp.nextKey, melody);
  stats.failures += hf;
  const pending: PendingStep[] = [];
  let tidy = () => {};
  const strongSet = new Set(meter.strong.map((x) => Math.round(x * 1000)));
  const isStrong = (beat: number) => {
    const inBar = beat - Math.floor(beat / barQ + EPS) * barQ;
    return strongSet.has(Math.round(inBar * 1000));
  };
  const chordAt = (beat: number) => chordAtBeat(chords, beat);
  const scale = scalePcs(key);

  // ---- tail: the theme's head once more, augmented, settling on the tonic over the held final chord ----
  const themeA = mem.themes.A;
  const leit = ctx.motifs[0];
  const headSrc = leit ? motifToLine(leit.notes, key, Math.round((lo + hi) / 2) - 5) : themeA ? changeKey(themeA.line, themeA.key, key) : null;
  if (plan.kind === 'outro' && plan.bars >= 2 && headSrc && params.density < 0.75 && hi - lo >= 7) {
    let head = scaleTime(fragment(headSrc, 0, barQ), 2);
    head = placeInRange(head.filter((n) => n.beat < total - barQ - EPS), lo, hi);
    head = fitToChords(head, chordAt, isStrong, scale, lo, hi);
    const tonicP = nearestPitchWithPc(head.length ? head[head.length - 1].pitch : Math.round((lo + hi) / 2), [key.tonic], lo, hi);
    const endHead = head.length ? Math.min(total - barQ, lineLength(head)) : 0;
    melody.push(...head, { beat: endHead, duration: total - endHead, pitch: tonicP });
    tidy = () => {
      const t = tidyLine(melody, lo, hi, total);
      melody.length = 0;
      melody.push(...t);
    };
    tidy();
    if (leit) motifUses.push({ id: leit.id, bar: plan.startBar, form: 'augmented', voice: 'melody' });
  }

  const counter = counterLine(ctx, plan, key, chords, mem, motifUses, chordAt, scale, total);

  const { drumPatterns, ostinatoPattern } = phraseGrooves(ctx, plan, params, mem, rng, stats);

  return { plan, chords, melody, counter, lead, motifUses, drumPatterns, ostinatoPattern, stats, pending, tidy: () => tidy(), pedal };
}

/**
 * The tune's register window for a phrase: the lead instrument's range narrowed to about an octave and a half,
 * slid by the register cue and the climax, and kept out of the speaking voice under dialogue.
 */
function melodyWindow(ctx: PhraseContext, plan: PhrasePlan, params: MusicParams): { lead: 'melody' | 'melody2'; lo: number; hi: number } {
  const lead: 'melody' | 'melody2' = plan.idea === 'B' && ctx.melody2Range ? 'melody2' : 'melody';
  let [lo, hi] = lead === 'melody2' && ctx.melody2Range ? ctx.melody2Range : ctx.melodyRange;
  // Register follows valence/arousal [GL10 "pitch level"]; the climax lifts it further (MUSIC.md).
  const shiftUp = params.register + (plan.climax ? 4 : 0);
  // A window of about an octave and a half: narrow enough that the register cue survives the model's own
  // preference for the corpus' middle register, wide enough for a contour with a real high point.
  const span = Math.min(hi - lo, 14 + Math.round(4 * params.density));
  // The window may slide to the instrument's edge (dark cues sit low, bright ones high) but keeps ≥ a 12th.
  const centre = clamp(Math.round(lo + (hi - lo) * 0.38 + shiftUp), lo + 6, hi - 6);
  const [rlo, rhi] = [lo, hi];
  lo = Math.max(rlo, Math.round(centre - span / 2));
  hi = Math.min(rhi, Math.round(centre + span / 2));
  if (hi - lo < span) {
    if (lo === rlo) hi = Math.min(rhi, lo + span);
    else lo = Math.max(rlo, hi - span);
  }
  if (ctx.underDialogue) {
    // Out of the speaking voice's register (MUSIC.md: roughly 100–400 Hz, up to G4 = MIDI 67): the tune sits just
    // above it — an octave's move at most, so a leitmotif stays recognisable — or is left out.
    lo = Math.max(69, lo);
    hi = Math.min(ctx.melodyRange[1], Math.max(hi, lo + 14));
  }
  return { lead, lo, hi };
}

/** The counter line: guide tones (3rds/7ths) moving by step, or a spec motif restated in another colour. */
function counterLine(ctx: PhraseContext, plan: PhrasePlan, key: Key, chords: ChordSpan[], mem: ThemeMemory, motifUses: MotifUse[], chordAt: (beat: number) => Chord, scale: number[], total: number): Line {
  let counter: Line = [];
  if (ctx.counterRange && plan.kind !== 'intro') {
    const [clo, chi] = ctx.counterRange;
    const m = ctx.motifs[0];
    if (m && plan.kind !== 'outro' && (plan.idea === 'B' || plan.climax) && plan.statement >= 0) {
      // Reorchestration + augmentation: the leitmotif moves to the horns under the new idea.
      const aug = scaleTime(motifToLine(m.notes, key, Math.round((clo + chi) / 2) - 5), 2);
      counter = placeInRange(aug.filter((n) => n.beat < total - EPS), clo, chi);
      counter = fitToChords(counter, chordAt, () => true, scale, clo, chi);
      motifUses.push({ id: m.id, bar: plan.startBar, form: 'augmented', voice: 'counter' });
      motifUses.push({ id: m.id, bar: plan.startBar, form: 'reorchestrated', voice: 'counter' });
    } else {
      let prev = mem.counterLast ?? Math.round((clo + chi) / 2);
      for (const s of chords) {
        const guide = s.chord.pcs.length >= 4 ? [s.chord.pcs[1], s.chord.pcs[3]] : [s.chord.pcs[1], s.chord.pcs[2]];
        let best = prev, bd = Infinity;
        for (const pc of guide) {
          for (let p = clo; p <= chi; p++) if (mod12(p) === pc && Math.abs(p - prev) < bd) {
            bd = Math.abs(p - prev);
            best = p;
          }
        }
        counter.push({ beat: s.start, duration: s.dur, pitch: best });
        prev = best;
      }
    }
    if (counter.length) mem.counterLast = counter[counter.length - 1].pitch;
    counter = tidyLine(counter, clo, chi, total);
  }

  return counter;
}

/**
 * Rhythm patterns from the style model (the drum groove cycles every two bars; a one-bar ostinato cell), kept per
 * idea and energy level so a cue's groove changes only when its energy does.
 */
function phraseGrooves(ctx: PhraseContext, plan: PhrasePlan, params: MusicParams, mem: ThemeMemory, rng: Rng, stats: { copied: number; failures: number }): { drumPatterns: BarPattern[]; ostinatoPattern: BarPattern } {
  const meter = ctx.meter;
  const barQ = meter.barQ;
  let drumPatterns: BarPattern[] = [];
  let ostinatoPattern: BarPattern = [];
  const sixteenths = Math.round(barQ * 4);
  // A groove is kept, not re-invented every phrase: patterns are cached per idea and density level, so the
  // cue's rhythm section stays consistent and changes only when the music's energy changes.
  const drumDensity = clamp(0.3 + 0.7 * params.percussion * (0.5 + params.density / 2), 0, 1);
  const ostDensity = clamp(params.density + 0.2, 0, 1);
  const grooveKey = `${plan.idea}:${Math.round(drumDensity * 4)}:${Math.round(ostDensity * 4)}`;
  const cachedGroove = mem.grooves.get(grooveKey);
  if (cachedGroove) ({ drumPatterns, ostinatoPattern } = cachedGroove);
  else {
    try {
      drumPatterns = ctx.models.melody.sampleRhythm({ meter: { numerator: meter.numerator, denominator: meter.denominator }, bars: 2, density: drumDensity, rng: rng.fork('drums') });
      ostinatoPattern = ctx.models.melody.sampleRhythm({ meter: { numerator: meter.numerator, denominator: meter.denominator }, bars: 1, density: ostDensity, rng: rng.fork('ostinato') })[0] ?? [];
      mem.grooves.set(grooveKey, { drumPatterns, ostinatoPattern });
    } catch (e) {
      noteFailure(ctx, 'rhythm model failed; used a plain groove', e);
      stats.failures++;
    }
  }
  drumPatterns = drumPatterns.filter((p) => Array.isArray(p) && p.length === sixteenths);
  if (drumPatterns.length === 0) drumPatterns = [Array.from({ length: sixteenths }, (_, i) => (i % 4 === 0 ? (i === 0 ? 1 : 0.6) : 0))];
  if (ostinatoPattern.length !== sixteenths) ostinatoPattern = Array.from({ length: sixteenths }, (_, i) => (i % 2 === 0 ? (i % 4 === 0 ? 0.9 : 0.6) : 0));
  // An ostinato needs a steady pulse: keep at least the eighths when the cue is driving.
  if (params.density > 0.7) ostinatoPattern = ostinatoPattern.map((v, i) => (v > 0 ? v : i % 2 === 0 ? 0.55 : 0));

  return { drumPatterns, ostinatoPattern };
}

function loopTo2(line: Line, beats: number): Line {
  const len = lineLength(line);
  if (len <= 0) return line;
  const out: Line = [];
  for (let off = 0; off < beats - EPS; off += len) for (const n of line) if (n.beat + off < beats - EPS) out.push({ ...n, beat: n.beat + off });
  return out;
}

/**
 * A basic idea that is still long notes only (the model's slowest rhythms): each note that fills most of a bar
 * is split into the note held for two thirds of its length and a step toward the next note (or below, at the
 * end) — the sighing or leaning figure a composer would write, so the idea has a rhythm to repeat.
 *
 * @example
 * giveRhythm([{ beat: 0, duration: 3, pitch: 72 }, { beat: 3, duration: 3, pitch: 67 }], { tonic: 0, mode: 'major' }, 3, 60, 84).length // 4
 */
export function giveRhythm(idea: Line, key: Key, barQ: number, lo: number, hi: number): Line {
  const scale = scalePcs(key);
  const out: Line = [];
  idea.forEach((n, i) => {
    if (n.duration < Math.min(2, barQ * 0.6) - EPS) {
      out.push({ ...n });
      return;
    }
    const held = Math.max(1, Math.round((n.duration * 2) / 3 * 2) / 2);
    const next = idea[i + 1];
    const dir = next ? Math.sign(next.pitch - n.pitch) || -1 : -1;
    let q = n.pitch + dir;
    while (!scale.includes(mod12(q)) && Math.abs(q - n.pitch) < 3) q += dir;
    if (q < lo || q > hi) q = n.pitch - dir * (Math.abs(q - n.pitch));
    out.push({ beat: n.beat, duration: held, pitch: n.pitch }, { beat: n.beat + held, duration: n.duration - held, pitch: q });
  });
  return out;
}
