/**
 * purpose: an ABC notation reader for folk-tune corpora — a documented subset of ABC 2.1
 * (https://abcnotation.com/wiki/abc:standard:v2.1), enough for the O'Neill / Ryan / Aird collections:
 *   headers X: T: M: L: K: (Q: and others ignored), K: with modes (maj/min/dor/phr/lyd/mix/loc/aeo/ion, HP/Hp,
 *   none) and explicit extra accidentals; notes with accidentals (^ ^^ _ __ =, carried to the end of the bar),
 *   octave marks (' ,), lengths (2, /, //, 3/2); rests z x, multi-bar rests Z; broken rhythm > >> < <<;
 *   tuplets (p, (p:q, (p:q:r; chords [..] (top note kept); ties -; bar lines, repeats |: :| :: and endings
 *   [1 |1 :|2 (expanded into the played order); inline fields [K:] [M:] [L:] [V:]; voices (first voice only).
 *   Skipped: grace notes {…}, chord symbols and annotations "…", decorations !…! +…+ and one-letter
 *   decorations (~ . H–W u v), slurs, lyrics (w:), comments (%), voice overlay (&, rest of bar dropped).
 * A tune the reader cannot make sense of is skipped with a warning; it never throws for bad input.
 */
import type { Mode } from '../../score/schema.js';
import type { KeyContext, MeterContext } from '../api.js';
import { detectKey, pitchClassHistogram } from '../key-detect.js';
import { LETTER_PC, MODE_TABLE, barBeats, isCompound, mod12, pitchClassFifths } from '../../theory/index.js';
import { barPatternsOf, chordsImpliedByMelody } from './texture.js';
import type { CorpusNote, CorpusPiece, ReadResult } from './types.js';
import { LIMITS } from '../../util/limits.js';

const LETTERS = 'CDEFGAB';
const SHARP_ORDER = 'FCGDAEB';
const FLAT_ORDER = 'BEADGCF';
/** ABC mode words (first three letters) → mode; its rotation of the major scale gives the signature. */
const ABC_MODES: Record<string, Mode> = { maj: 'major', ion: 'major', min: 'minor', aeo: 'minor', dor: 'dorian', phr: 'phrygian', lyd: 'lydian', mix: 'mixolydian', loc: 'locrian' };

export interface AbcKey {
  key: KeyContext;
  /** Accidental (semitones) per letter C..B from the key signature. */
  signature: Record<string, number>;
  declared: boolean;
}

/** Parses a K: field value ("G", "Am", "E Minor", "D mix", "Bb", "F#m", "HP", "none", "D exp ^c"). */
export function parseAbcKey(value: string): AbcKey | undefined {
  const v = value.replace(/%.*$/, '').trim();
  const sig: Record<string, number> = { C: 0, D: 0, E: 0, F: 0, G: 0, A: 0, B: 0 };
  if (v === '' || /^none\b/i.test(v)) return { key: { tonic: 0, mode: 'major' }, signature: sig, declared: false };
  if (/^HP\b/.test(v)) return { key: { tonic: 9, mode: 'mixolydian' }, signature: sig, declared: true };
  if (/^Hp\b/.test(v)) return { key: { tonic: 9, mode: 'mixolydian' }, signature: { ...sig, F: 1, C: 1 }, declared: true };
  const m = /^([A-Ga-g])([#b]?)\s*([A-Za-z]*)(.*)$/.exec(v);
  if (!m) return undefined;
  const letter = m[1].toUpperCase();
  const acc = m[2] === '#' ? 1 : m[2] === 'b' ? -1 : 0;
  const word = m[3].toLowerCase();
  let mode: Mode = 'major';
  if (word === 'm') mode = 'minor';
  else if (word.length >= 3 && ABC_MODES[word.slice(0, 3)]) mode = ABC_MODES[word.slice(0, 3)];
  else if (word !== '' && !/^(clef|exp|treble|bass|alto|tenor|transpose|middle|octave|stafflines)/.test(word)) return undefined;
  const tonic = mod12(LETTER_PC[letter] + acc);
  // The relative major, spelled, gives the signature: its letter is `steps` letters below the tonic.
  const majLetter = LETTERS[(LETTERS.indexOf(letter) - MODE_TABLE[mode].rotation + 7) % 7];
  const majPc = mod12(tonic - MODE_TABLE[mode].aboveParent);
  let majAcc = majPc - LETTER_PC[majLetter];
  if (majAcc > 6) majAcc -= 12;
  if (majAcc < -6) majAcc += 12;
  const fifths = (pitchClassFifths(majLetter) ?? 0) + 7 * majAcc;
  if (fifths > 0) for (let i = 0; i < Math.min(7, fifths); i++) sig[SHARP_ORDER[i]] = 1;
  if (fifths < 0) for (let i = 0; i < Math.min(7, -fifths); i++) sig[FLAT_ORDER[i]] = -1;
  // Explicit accidentals after the mode ("exp ^f _b" or just "^f").
  for (const a of m[4].matchAll(/(\^\^|\^|__|_|=)([A-Ga-g])/g)) {
    sig[a[2].toUpperCase()] = a[1] === '^' ? 1 : a[1] === '^^' ? 2 : a[1] === '_' ? -1 : a[1] === '__' ? -2 : 0;
  }
  return { key: { tonic, mode }, signature: sig, declared: true };
}

/** Parses an M: value ("6/8", "C", "C|", "2+3/8", "none"); undefined = free metre. */
export function parseAbcMeter(value: string): MeterContext | undefined {
  const v = value.replace(/%.*$/, '').trim();
  if (v === 'C') return { numerator: 4, denominator: 4 };
  if (v === 'C|') return { numerator: 2, denominator: 2 };
  const m = /^\(?([\d+]+)\)?\s*\/\s*(\d+)/.exec(v);
  if (!m) return undefined;
  const num = m[1].split('+').reduce((s, x) => s + (Number(x) || 0), 0);
  const den = Number(m[2]);
  if (!(num >= 1 && num <= 32) || ![1, 2, 4, 8, 16, 32].includes(den)) return undefined;
  return { numerator: num, denominator: den };
}

function parseFraction(value: string): number | undefined {
  const m = /^\s*(\d+)\s*\/\s*(\d+)/.exec(value);
  if (!m) return undefined;
  const f = Number(m[1]) / Number(m[2]);
  return f > 0 && f <= 1 ? f : undefined;
}

type Item = { kind: 'note'; pitch: number; dur: number } | { kind: 'rest'; dur: number } | { kind: 'bar' };

const MAX_ITEMS = 50_000;

interface TuneState {
  meter: MeterContext | undefined;
  unit: number | undefined; // L: as a fraction of a whole note
  key: AbcKey;
  voice: string | undefined;
  firstVoice: string | undefined;
}

/** Reads every tune of an ABC file. Tunes sharing an X: number within the file are kept once. */
export function readAbc(text: string, file: string): ReadResult {
  const pieces: CorpusPiece[] = [];
  const warnings: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let start = -1;
  const seen = new Set<string>();
  const flush = (end: number) => {
    if (start < 0) return;
    const block = lines.slice(start, end);
    try {
      const r = parseTune(block, file);
      if (typeof r === 'string') warnings.push(`${file}: ${r}`);
      else if (!seen.has(r.id)) {
        seen.add(r.id);
        pieces.push(r);
      }
    } catch (e) {
      warnings.push(`${file}: tune at line ${start + 1} skipped (${(e as Error).message})`);
    }
  };
  for (let i = 0; i < lines.length; i++) {
    if (/^X:/.test(lines[i])) {
      flush(i);
      start = i;
    }
  }
  flush(lines.length);
  if (start < 0) warnings.push(`${file}: no X: tune header found`);
  return { pieces, warnings };
}

const FIELD_LINE = /^([A-Za-z]):(.*)$/;
const HEADER_LETTERS = new Set('XTMLKQVPWwNZRBCDFGHIOSmrsU'.split(''));

function parseTune(block: string[], file: string): CorpusPiece | string {
  const xLine = block[0].slice(2).trim();
  const x = xLine || '?';
  let title: string | undefined;
  const st: TuneState = { meter: undefined, unit: undefined, key: parseAbcKey('C')!, voice: undefined, firstVoice: undefined };
  let meterSeen = false;
  let i = 1;
  let keyFound = false;
  for (; i < block.length; i++) {
    const m = FIELD_LINE.exec(block[i]);
    if (!m) {
      if (block[i].trim() === '' || block[i].startsWith('%')) continue;
      break;
    }
    const [, f, val] = m;
    if (f === 'T' && title === undefined) title = val.trim();
    else if (f === 'M') {
      st.meter = parseAbcMeter(val);
      meterSeen = true;
    } else if (f === 'L') st.unit = parseFraction(val);
    else if (f === 'V' && st.firstVoice === undefined) st.firstVoice = val.trim().split(/\s+/)[0];
    else if (f === 'K') {
      const k = parseAbcKey(val);
      if (!k) return `tune X:${x} skipped (unreadable key "K:${val.trim()}")`;
      st.key = k;
      keyFound = true;
      i++;
      break;
    }
  }
  if (!keyFound) return `tune X:${x} skipped (no K: line)`;
  const meter = st.meter ?? { numerator: 4, denominator: 4 };
  if (st.unit === undefined) st.unit = meterSeen && st.meter && st.meter.numerator / st.meter.denominator < 0.75 ? 1 / 16 : 1 / 8;
  // The tune's key is the header's K:, even if inline fields modulate later.
  const headerKey = st.key;
  const items = parseBody(block.slice(i), st);
  const piece = itemsToPiece(items, headerKey, meter, file, x, title);
  if (piece.melody.length < 8) return `tune X:${x} skipped (only ${piece.melody.length} notes)`;
  return piece;
}

/** Tokenises the body into notes, rests and bar lines in played order (repeats expanded). */
function parseBody(lines: string[], st: TuneState): Item[] {
  const out: Item[] = [];
  let repStart = 0;
  let ending1Start: number | undefined;
  let barAcc: Record<string, number> = {};
  let broken = 1; // factor for the next note from a broken-rhythm mark
  let tupletLeft = 0;
  let tupletFactor = 1;
  let tiePending = false;
  let overlay = false;
  let lastNoteIdx = -1;

  const inVoice = () => st.firstVoice === undefined || st.voice === undefined || st.voice === st.firstVoice;

  const endRepeat = () => {
    const body = out.slice(repStart, ending1Start ?? out.length);
    if (out.length + body.length < MAX_ITEMS) {
      out.push({ kind: 'bar' });
      for (const it of body) out.push(it);
    }
    ending1Start = undefined;
    repStart = out.length;
  };

  const applyField = (f: string, val: string) => {
    if (f === 'K') {
      const k = parseAbcKey(val);
      if (k) st.key = k;
    } else if (f === 'M') {
      const m = parseAbcMeter(val);
      if (m) st.meter = m;
    } else if (f === 'L') {
      const u = parseFraction(val);
      if (u) st.unit = u;
    } else if (f === 'V') {
      const id = val.trim().split(/\s+/)[0];
      if (st.firstVoice === undefined) st.firstVoice = id;
      st.voice = id;
    }
  };

  for (const rawLine of lines) {
    const fm = FIELD_LINE.exec(rawLine);
    if (fm && HEADER_LETTERS.has(fm[1]) && !(/[A-Ga-g]/.test(fm[1]) && rawLine.includes('|'))) {
      applyField(fm[1], fm[2]);
      continue;
    }
    const line = rawLine.replace(/%.*$/, '');
    let p = 0;
    const n = line.length;
    while (p < n) {
      const c = line[p];
      // Skipped constructs.
      if (c === '"') {
        const e = line.indexOf('"', p + 1);
        p = e < 0 ? n : e + 1;
        continue;
      }
      if (c === '!' || (c === '+' && line.indexOf('+', p + 1) > p)) {
        const e = line.indexOf(c, p + 1);
        p = e < 0 ? n : e + 1;
        continue;
      }
      if (c === '{') {
        const e = line.indexOf('}', p + 1);
        p = e < 0 ? n : e + 1;
        continue;
      }
      if (c === '&') {
        overlay = true;
        p++;
        continue;
      }
      // Inline field [K:..].
      if (c === '[' && /^[A-Za-z]:/.test(line.slice(p + 1, p + 3))) {
        const e = line.indexOf(']', p);
        applyField(line[p + 1], line.slice(p + 3, e < 0 ? n : e));
        p = e < 0 ? n : e + 1;
        continue;
      }
      // Endings [1 [2.
      if (c === '[' && /\d/.test(line[p + 1] ?? '')) {
        p++;
        const num = readInt(line, p);
        p = num.end;
        while (p < n && /[\d,-]/.test(line[p])) p++;
        if (num.value === 1) ending1Start = out.length;
        continue;
      }
      // Bar lines.
      if (c === '|' || (c === ':' && /[|:\]]/.test(line[p + 1] ?? '')) || (c === '[' && line[p + 1] === '|')) {
        let q = p;
        while (q < n && /[|:\][]/.test(line[q]) && !(line[q] === '[' && line[q + 1] !== '|')) q++;
        const tok = line.slice(p, q);
        p = q;
        const pipe = tok.indexOf('|');
        const endsRepeat = pipe < 0 ? tok.includes('::') : tok.slice(0, pipe).includes(':');
        const startsRepeat = pipe < 0 ? tok.includes('::') : tok.slice(tok.lastIndexOf('|')).includes(':');
        const double = /\|\||\|\]|\[\|/.test(tok);
        barAcc = {};
        overlay = false;
        if (inVoice()) {
          out.push({ kind: 'bar' });
          if (endsRepeat) endRepeat();
          if (double && !endsRepeat) repStart = out.length;
          if (startsRepeat) repStart = out.length;
        }
        // Ending number straight after the bar line: |1 :|2
        if (/\d/.test(line[p] ?? '')) {
          const num = readInt(line, p);
          p = num.end;
          while (p < n && /[\d,-]/.test(line[p])) p++;
          if (inVoice() && num.value === 1) ending1Start = out.length;
        }
        continue;
      }
      if (overlay) {
        p++;
        continue;
      }
      // Tuplets (p:q:r and slurs (.
      if (c === '(') {
        if (/\d/.test(line[p + 1] ?? '')) {
          const a = readInt(line, p + 1);
          let q2: number | undefined;
          let r: number | undefined;
          p = a.end;
          if (line[p] === ':') {
            const b = readInt(line, p + 1);
            if (b.end > p + 1) q2 = b.value;
            p = b.end;
            if (line[p] === ':') {
              const cc = readInt(line, p + 1);
              if (cc.end > p + 1) r = cc.value;
              p = cc.end;
            }
          }
          const pn = a.value;
          const compound = st.meter ? isCompound(st.meter) : false;
          const dq = pn === 2 || pn === 4 || pn === 8 ? 3 : pn === 3 || pn === 6 ? 2 : compound ? 3 : 2;
          tupletFactor = (q2 ?? dq) / Math.max(1, pn);
          tupletLeft = r ?? pn;
        } else p++;
        continue;
      }
      if (c === '>' || c === '<') {
        let k = 1;
        while (line[p + k] === c) k++;
        p += k;
        const dotted = 2 - Math.pow(0.5, k); // > 1.5, >> 1.75
        const short = Math.pow(0.5, k);
        const prev = lastNoteIdx >= 0 ? out[lastNoteIdx] : undefined;
        if (prev && prev.kind !== 'bar') prev.dur *= c === '>' ? dotted : short;
        broken = c === '>' ? short : dotted;
        continue;
      }
      if (c === '-') {
        tiePending = true;
        p++;
        continue;
      }
      // Notes, chords, rests.
      const isNoteStart = /[\^_=A-Ga-g]/.test(c);
      const isChord = c === '[';
      const isRest = c === 'z' || c === 'x';
      const isBarRest = c === 'Z' || c === 'X';
      if (isNoteStart || isChord || isRest || isBarRest) {
        let pitch: number | undefined;
        let mult: number;
        if (isChord) {
          const e = line.indexOf(']', p);
          if (e < 0) {
            p = n;
            continue;
          }
          let best: number | undefined;
          let firstMult: number | undefined;
          let q = p + 1;
          while (q < e) {
            if (/[\^_=A-Ga-g]/.test(line[q])) {
              const nt = readNote(line, q, st, barAcc);
              q = nt.end;
              if (nt.pitch !== undefined && (best === undefined || nt.pitch > best)) best = nt.pitch;
              const l = readLength(line, q);
              if (firstMult === undefined) firstMult = l.mult;
              q = l.end;
            } else q++;
          }
          p = e + 1;
          const outer = readLength(line, p);
          p = outer.end;
          pitch = best;
          mult = (firstMult ?? 1) * outer.mult;
          if (pitch === undefined) continue;
        } else if (isRest || isBarRest) {
          p++;
          const l = readLength(line, p);
          p = l.end;
          mult = l.mult;
        } else {
          const nt = readNote(line, p, st, barAcc);
          p = nt.end;
          const l = readLength(line, p);
          p = l.end;
          pitch = nt.pitch;
          mult = l.mult;
          if (pitch === undefined) continue;
        }
        let dur = mult * st.unit! * 4;
        if (isBarRest) dur = mult * barBeats(st.meter ?? { numerator: 4, denominator: 4 });
        dur *= broken;
        broken = 1;
        if (tupletLeft > 0) {
          dur *= tupletFactor;
          tupletLeft--;
        }
        if (!inVoice() || !(dur > 0)) {
          tiePending = false;
          continue;
        }
        if (out.length >= MAX_ITEMS) continue;
        if (pitch === undefined) {
          out.push({ kind: 'rest', dur });
          tiePending = false;
          lastNoteIdx = out.length - 1;
          continue;
        }
        const prevIt = lastNoteIdx >= 0 ? out[lastNoteIdx] : undefined;
        if (tiePending && prevIt && prevIt.kind === 'note' && prevIt.pitch === pitch) {
          prevIt.dur += dur;
          // A tie across a bar line moves no bar marker: the note keeps its original onset.
        } else {
          out.push({ kind: 'note', pitch, dur });
          lastNoteIdx = out.length - 1;
        }
        tiePending = false;
        continue;
      }
      p++;
    }
  }
  return out;
}

function readInt(s: string, p: number): { value: number; end: number } {
  let q = p;
  while (q < s.length && s[q] >= '0' && s[q] <= '9') q++;
  return { value: q > p ? Number(s.slice(p, q)) : 0, end: q };
}

/** Length suffix: "2", "/", "//", "3/2", "/4". */
function readLength(s: string, p: number): { mult: number; end: number } {
  const a = readInt(s, p);
  let num = a.end > p ? a.value : 1;
  let q = a.end;
  let den = 1;
  while (s[q] === '/') {
    const b = readInt(s, q + 1);
    if (b.end > q + 1) {
      den *= b.value || 1;
      q = b.end;
    } else {
      den *= 2;
      q++;
    }
  }
  if (!(num > 0)) num = 1;
  return { mult: num / den, end: q };
}

function readNote(s: string, p: number, st: TuneState, barAcc: Record<string, number>): { pitch: number | undefined; end: number } {
  let q = p;
  let acc: number | undefined;
  if (s.startsWith('^^', q)) acc = 2;
  else if (s.startsWith('__', q)) acc = -2;
  else if (s[q] === '^') acc = 1;
  else if (s[q] === '_') acc = -1;
  else if (s[q] === '=') acc = 0;
  if (acc !== undefined) q += Math.abs(acc) === 2 ? 2 : 1;
  const ch = s[q];
  if (!ch || !/[A-Ga-g]/.test(ch)) return { pitch: undefined, end: q + 1 };
  q++;
  const letter = ch.toUpperCase();
  let octave = ch === letter ? 0 : 1;
  while (s[q] === "'" || s[q] === ',') {
    octave += s[q] === "'" ? 1 : -1;
    q++;
  }
  const slot = `${letter}${octave}`;
  if (acc !== undefined) barAcc[slot] = acc;
  const a = barAcc[slot] ?? st.key.signature[letter] ?? 0;
  const pitch = 60 + LETTER_PC[letter] + 12 * octave + a;
  return { pitch: pitch >= 0 && pitch <= 127 ? pitch : undefined, end: q };
}

function itemsToPiece(items: Item[], headerKey: AbcKey, meter0: MeterContext, file: string, x: string, title: string | undefined): CorpusPiece {
  const meter = meter0;
  const barLen = barBeats(meter);
  // Onsets and bar indices. A bar shorter than the metre is a pickup (its notes lead into the next bar line, so
  // they are right-aligned) when it opens the tune or completes a short bar before it (the "A2:|" + "|:a" pair
  // of a repeat); otherwise it is left-aligned (a short closing bar).
  const raw: Array<{ onset: number; duration: number; pitch: number; bar: number; pos: number }> = [];
  const barLens: number[] = [];
  let t = 0;
  let bar = 0;
  let barStart = 0;
  let barHasContent = false;
  for (const it of items) {
    if (it.kind === 'bar') {
      if (barHasContent) {
        barLens[bar] = t - barStart;
        bar++;
        barStart = t;
        barHasContent = false;
      }
      continue;
    }
    if (!(it.dur <= LIMITS.noteQuarters)) {
      throw new Error(`a ${it.kind} lasts ${Math.round(it.dur)} quarter notes; the longest note Leitmotif reads is ${LIMITS.noteQuarters} (README "Limits")`);
    }
    if (it.kind === 'note') raw.push({ onset: t, duration: it.dur, pitch: it.pitch, bar, pos: t - barStart });
    t += it.dur;
    if (t > LIMITS.scoreQuarters) throw new Error(`the tune lasts over ${LIMITS.scoreQuarters} quarter notes, the longest Leitmotif reads (README "Limits")`);
    barHasContent = true;
  }
  if (barHasContent) barLens[bar] = t - barStart;
  const E = 1e-6;
  const shiftOf = barLens.map((len, b) => {
    if (!(len < barLen - E)) return 0;
    const prev = b > 0 ? barLens[b - 1] : undefined;
    const pickup = b === 0 ? barLens.length > 1 : prev !== undefined && prev < barLen - E && Math.abs(prev + len - barLen) < E;
    return pickup ? barLen - len : 0;
  });
  const melody: CorpusNote[] = raw.map((r) => {
    const p = r.pos + (shiftOf[r.bar] ?? 0);
    // An over-long written bar (missing bar line) wraps so positions stay metrical.
    const pos = p - Math.floor((p + E) / barLen) * barLen;
    return { onset: r.onset, duration: r.duration, pitch: r.pitch, bar: r.bar, pos: Math.max(0, pos) };
  });
  const key = headerKey.declared ? headerKey.key : detectFromMelody(melody);
  const piece: CorpusPiece = {
    id: `${file}#X${x}`,
    file,
    format: 'abc',
    title,
    key,
    keySource: headerKey.declared ? 'declared' : 'detected',
    meter,
    melody,
  };
  piece.barPatterns = barPatternsOf(melody, meter);
  piece.chords = chordsImpliedByMelody(melody, key, meter);
  piece.chordSource = 'implied';
  return piece;
}

function detectFromMelody(melody: CorpusNote[]): KeyContext {
  const last = melody[melody.length - 1];
  const k = detectKey(pitchClassHistogram(melody), { tonicHint: last ? mod12(last.pitch) : undefined });
  return { tonic: k.tonic, mode: k.mode };
}
