/**
 * purpose: leitmotifs — each main character gets a short motif (2–4 bars), generated once by the melody model
 * under the anti-plagiarism constraint, stored as scale degrees (a MotifRef), and reused in every cue where the
 * character is present, transformed by the scene's emotion (MUSIC.md "Motif development": mode change,
 * reharmonisation, augmentation/diminution, register, orchestration, fragmentation). A leitmotif is recognised
 * by rhythm and contour, so every form keeps those; compose/ realises the forms the plan asks for.
 */
import type { Script, Character } from '../script/types.js';
import type { Affect } from '../affect/types.js';
import type { StyleModel, MelodyNote } from '../style/api.js';
import type { MotifRef, MotifNote, MotifForm } from '../cue/spec.js';
import type { Mode } from '../score/schema.js';
import { Rng } from '../util/rng.js';
import { SamplingEvidence } from '../style/evidence.js';
import { isMinorMode } from '../theory/index.js';

export interface PlannedMotif extends MotifRef {
  character: string;
  bars: number;
  /** Longest run of the motif found verbatim in the training corpus (transposition-invariant). */
  longestCopiedRun: number;
  /** The model that generated it. */
  model: string;
}

/** Importance of a character: words spoken, lines, and presence across scenes. */
export function characterWeight(c: Character): number {
  return c.words + 25 * c.dialogueCount + 40 * c.scenes.length;
}

/** The characters who get a motif: up to `max` by weight, each speaking at least twice or present in two scenes. */
export function mainCharacters(script: Script, max = 3): Character[] {
  return [...script.characters]
    .filter((c) => c.dialogueCount >= 2 || c.scenes.length >= 2)
    .sort((a, b) => characterWeight(b) - characterWeight(a) || a.id.localeCompare(b.id))
    .slice(0, max);
}

const MAJOR = [0, 2, 4, 5, 7, 9, 11];

/** Diatonic degree (C major, 60 = degree 0) of a pitch; chromatic notes become the degree below, raised. */
export function pitchToMajorDegree(pitch: number): { degree: number; alter: number } {
  const rel = pitch - 60;
  const oct = Math.floor(rel / 12);
  const pc = rel - 12 * oct;
  let i = 0;
  for (let k = 0; k < 7; k++) if (MAJOR[k] <= pc) i = k;
  return { degree: i + 7 * oct, alter: pc - MAJOR[i] };
}

/** Melody notes (beats) → motif notes with rests for the gaps, so the rhythm survives exactly. */
export function melodyToMotifNotes(notes: readonly MelodyNote[], totalBeats: number): MotifNote[] {
  const out: MotifNote[] = [];
  let pos = 0;
  const sorted = [...notes].sort((a, b) => a.beat - b.beat);
  for (const n of sorted) {
    if (n.beat > pos + 1e-6) out.push({ degree: 0, alter: 0, beats: round4(n.beat - pos), rest: true });
    const start = Math.max(pos, n.beat);
    const len = Math.min(n.duration, totalBeats - start);
    if (len <= 1e-6) continue;
    const d = pitchToMajorDegree(n.pitch);
    out.push({ degree: Math.max(-21, Math.min(28, d.degree)), alter: d.alter, beats: round4(Math.min(16, len)), rest: false });
    pos = start + len;
  }
  return out.slice(0, 64);
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

export interface MotifGenerationOptions {
  model: StyleModel;
  seed: number;
  /** Largest verbatim run allowed from the corpus (anti-plagiarism); default 5. */
  maxCopy?: number;
  maxCharacters?: number;
  /** Where the PPM evidence behind the kept motifs' notes is recorded (provenance attribution); absent: not recorded. */
  evidence?: SamplingEvidence;
}

/**
 * One motif per main character: the lead gets four bars (a full theme), the others two. Sampled in C major /
 * 4/4 (degrees are key-free; compose maps them into each cue's key and mode), ending on a tonic-triad tone,
 * the contour peaking a little after the middle. If a sample copies more than `maxCopy` events from the corpus
 * it is resampled (up to 6 tries) and the least-copying one is kept.
 */
export function generateMotifs(script: Script, opts: MotifGenerationOptions): PlannedMotif[] {
  const maxCopy = opts.maxCopy ?? 5;
  const chars = mainCharacters(script, opts.maxCharacters ?? 3);
  const root = new Rng(opts.seed);
  return chars.map((c, i) => {
    const bars = i === 0 ? 4 : 2;
    // Of up to 8 samples keep the best: within the copy cap first, then the fewest leading tones left
    // hanging (a theme is restated many times, so an unresolved 7̂ in it is heard in every cue), then the least copied.
    let best: { notes: MelodyNote[]; copied: number; hanging: number; evidence?: SamplingEvidence } | null = null;
    const worse = (a: { copied: number; hanging: number }, b: { copied: number; hanging: number }) =>
      Number(a.copied > maxCopy) - Number(b.copied > maxCopy) || a.hanging - b.hanging || a.copied - b.copied;
    for (let attempt = 0; attempt < 8; attempt++) {
      const rng = root.fork(`motif:${c.id}:${attempt}`);
      let attemptEvidence: SamplingEvidence | undefined;
      const res = opts.model.sampleMelody({
        key: { tonic: 0, mode: 'major' },
        meter: { numerator: 4, denominator: 4 },
        bars,
        range: [60, 79],
        density: 0.45,
        peakAt: 0.6,
        endOn: [0, 4, 7],
        maxCopy,
        temperature: 1,
        ...(opts.evidence ? { evidence: (attemptEvidence = new SamplingEvidence()) } : {}),
        rng,
      });
      const copied = Number.isFinite(res.longestCopiedRun) ? res.longestCopiedRun : opts.model.longestCopiedRun(res.notes);
      const cand = { notes: res.notes, copied, hanging: hangingLeadingTones(res.notes), ...(attemptEvidence ? { evidence: attemptEvidence } : {}) };
      if (res.notes.length >= 3 && (!best || worse(cand, best) < 0)) best = cand;
      if (best && best.copied <= maxCopy && best.hanging === 0) break;
    }
    const notes = best ? melodyToMotifNotes(best.notes, bars * 4) : fallbackMotif(bars);
    // Only the kept sample's draws count (the others were never heard).
    if (best?.evidence) opts.evidence?.merge(best.evidence);
    return {
      id: `motif-${c.id}`,
      name: `${c.name} theme`,
      character: c.id,
      notes: notes.length ? notes : fallbackMotif(bars),
      bars,
      longestCopiedRun: best?.copied ?? 0,
      model: opts.model.id,
    };
  });
}

/**
 * Leading tones (B in the C major the motif is sampled in) not followed by the tonic a semitone up; a repeated
 * B is judged at its last repetition, as the eval's leading-tone check does.
 * @example hangingLeadingTones([{ pitch: 71 }, { pitch: 67 }, { pitch: 71 }, { pitch: 72 }] as MelodyNote[]) // 1
 */
export function hangingLeadingTones(notes: ReadonlyArray<Pick<MelodyNote, 'pitch'>>): number {
  let n = 0;
  for (let i = 0; i + 1 < notes.length; i++) {
    if (((notes[i].pitch % 12) + 12) % 12 !== 11 || notes[i + 1].pitch === notes[i].pitch) continue;
    if (notes[i + 1].pitch !== notes[i].pitch + 1) n++;
  }
  return n;
}

/** Used only if the model returns nothing usable: a rising-fourth call and stepwise answer. */
function fallbackMotif(bars: number): MotifNote[] {
  const call: MotifNote[] = [
    { degree: -3, alter: 0, beats: 1, rest: false },
    { degree: 0, alter: 0, beats: 1.5, rest: false },
    { degree: 1, alter: 0, beats: 0.5, rest: false },
    { degree: 2, alter: 0, beats: 1, rest: false },
    { degree: 4, alter: 0, beats: 2, rest: false },
    { degree: 3, alter: 0, beats: 2, rest: false },
  ];
  return bars >= 4 ? [...call, ...call.map((n) => ({ ...n, degree: n.degree - 1 }))] : call;
}

/**
 * Which forms a motif takes in a cue, from the cue's affect and mode (the motif is "born" major and neutral):
 *  - mode-change: the cue is in the minor family (darkened identity; Gabrielsson & Lindström: mode ⇒ valence);
 *  - reharmonised: tension ≥ 0.5 (same tune over darker, chromatic chords);
 *  - augmented (arousal ≤ −0.3: broad, slow — grief, tenderness) / diminished (arousal ≥ 0.45: urgent);
 *  - register: strongly bright (up) or dark (down) scenes — pitch height ⇒ valence/arousal;
 *  - reorchestrated: a later appearance in a high-energy cue (brass instead of strings: triumph);
 *  - fragment: under dialogue or in suspense — only the head of the motif, hinted.
 *  - original: the first, unmarked statement.
 */
export function motifForms(a: Affect, mode: Mode, ctx: { firstAppearance: boolean; underDialogue: boolean }): MotifForm[] {
  const f: MotifForm[] = [];
  if (isMinorMode(mode)) f.push('mode-change');
  if (a.tension >= 0.5) f.push('reharmonised');
  if (a.arousal <= -0.3) f.push('augmented');
  else if (a.arousal >= 0.45) f.push('diminished');
  if (Math.abs(a.valence + a.arousal) >= 0.9) f.push('register');
  if (!ctx.firstAppearance && a.arousal >= 0.3 && a.valence >= 0.2) f.push('reorchestrated');
  if (ctx.underDialogue || (a.tension >= 0.7 && a.arousal < 0.45)) f.push('fragment');
  // The first statement is heard as itself unless the scene already darkens it.
  if (f.length === 0 || (ctx.firstAppearance && !f.includes('mode-change'))) f.unshift('original');
  return [...new Set(f)];
}

/** Characters present in a set of scenes, ordered by how much they speak there. */
export function charactersIn(script: Script, scenes: readonly number[]): string[] {
  const count = new Map<string, number>();
  for (const sc of script.scenes) {
    if (!scenes.includes(sc.index)) continue;
    for (const c of sc.characters) count.set(c, (count.get(c) ?? 0) + 1);
    for (const e of sc.elements) if (e.type === 'dialogue' && e.character) count.set(e.character, (count.get(e.character) ?? 0) + 3 + e.text.split(/\s+/).length / 20);
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}
