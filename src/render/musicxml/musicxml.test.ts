import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { addTrack, barCount, emptyScore, findScoreProblems, MeterMap, TempoMap, type Note, type Score } from '../../score/index.js';
import { richScore } from '../../../test/fixtures/midi/rich-score.js';
import { scoreToMusicXml, spellPitch, spellingKey, spelledName, splitDuration } from './index.js';
import { chordify, layoutVoices } from './voices.js';
import { planParts } from './parts.js';
import { dynamicMarks } from './dynamics.js';

// ------------------------------------------------------------------ a small MusicXML reader for the tests

type XNode = Record<string, unknown>;
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, trimValues: true });
const tagOf = (n: XNode) => Object.keys(n).find((k) => k !== ':@')!;
const kids = (n: XNode) => (n[tagOf(n)] as XNode[]) ?? [];
const attr = (n: XNode, a: string) => (n[':@'] as Record<string, string> | undefined)?.[a];
const child = (n: XNode, name: string) => kids(n).find((c) => tagOf(c) === name);
const textOf = (n: XNode | undefined): string | undefined => {
  if (!n) return undefined;
  const t = kids(n).find((c) => tagOf(c) === '#text');
  return t ? String(t['#text']) : undefined;
};
const childText = (n: XNode, name: string) => textOf(child(n, name));

const STEP_PC: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

interface ReadNote { tick: number; duration: number; pitch: number; name: string; accidental?: string; voice: string }
interface ReadPart {
  id: string;
  measures: number;
  notes: ReadNote[]; // tie chains joined
  chainStarts: number; // notes that start a tie chain or are untied
  voiceSums: Array<{ measure: number; voice: string; ticks: number; expected: number }>;
  clef: string;
  keys: number[];
  tempos: number[];
  /** Printed metronome marks (per-minute). */
  metronomes: number[];
  texts: string[];
  raw: XNode[];
}

function readBack(xml: string): { title: string; partNames: string[]; parts: ReadPart[] } {
  const doc = parser.parse(xml) as XNode[];
  const root = doc.find((n) => tagOf(n) === 'score-partwise')!;
  expect(attr(root, 'version')).toBe('4.0');
  const title = childText(child(root, 'work')!, 'work-title') ?? '';
  const partNames = kids(child(root, 'part-list')!).filter((sp) => tagOf(sp) === 'score-part').map((sp) => childText(sp, 'part-name')!);
  const parts: ReadPart[] = [];
  for (const p of kids(root).filter((n) => tagOf(n) === 'part')) {
    let divisions = 0;
    let measureLen = 0;
    let measureStart = 0;
    const notes: ReadNote[] = [];
    const open = new Map<string, ReadNote>();
    const part: ReadPart = { id: attr(p, 'id')!, measures: 0, notes, chainStarts: 0, voiceSums: [], clef: '', keys: [], tempos: [], metronomes: [], texts: [], raw: [] };
    let transpose = 0; // sounding = written + transpose
    for (const m of kids(p).filter((n) => tagOf(n) === 'measure')) {
      part.measures++;
      let pos = 0;
      let lastStart = 0;
      const sums = new Map<string, number>();
      for (const el of kids(m)) {
        const tag = tagOf(el);
        if (tag === 'attributes') {
          const d = childText(el, 'divisions');
          if (d) divisions = Number(d);
          const time = child(el, 'time');
          if (time) measureLen = (Number(childText(time, 'beats')) * 4 * divisions) / Number(childText(time, 'beat-type'));
          const key = child(el, 'key');
          if (key) part.keys.push(Number(childText(key, 'fifths')));
          const clef = child(el, 'clef');
          if (clef) part.clef = `${childText(clef, 'sign')}${childText(clef, 'line') ?? ''}${childText(clef, 'clef-octave-change') ? `/${childText(clef, 'clef-octave-change')}` : ''}`;
          const tr = child(el, 'transpose');
          if (tr) transpose = Number(childText(tr, 'chromatic') ?? 0) + 12 * Number(childText(tr, 'octave-change') ?? 0);
        } else if (tag === 'backup') pos -= Number(childText(el, 'duration'));
        else if (tag === 'forward') {
          const d = Number(childText(el, 'duration'));
          pos += d;
          const v = childText(el, 'voice');
          if (v) sums.set(v, (sums.get(v) ?? 0) + d); // a voice's gap
        }
        else if (tag === 'direction' || tag === 'sound') {
          const snd = tag === 'sound' ? el : child(el, 'sound');
          if (snd && attr(snd, 'tempo')) part.tempos.push(Number(attr(snd, 'tempo')));
          for (const dt of kids(el).filter((c) => tagOf(c) === 'direction-type')) {
            for (const c of kids(dt)) {
              if (tagOf(c) === 'rehearsal' || tagOf(c) === 'words') part.texts.push(textOf(c) ?? '');
              if (tagOf(c) === 'metronome') part.metronomes.push(Number(childText(c, 'per-minute')));
            }
          }
        } else if (tag === 'note') {
          part.raw.push(el);
          const dur = Number(childText(el, 'duration'));
          const isChord = !!child(el, 'chord');
          const start = isChord ? lastStart : pos;
          const voice = childText(el, 'voice') ?? '1';
          if (!isChord) {
            sums.set(voice, (sums.get(voice) ?? 0) + dur);
            lastStart = pos;
            pos += dur;
          }
          if (child(el, 'rest')) continue;
          const ties = kids(el).filter((c) => tagOf(c) === 'tie').map((c) => attr(c, 'type'));
          let pitch: number, name: string;
          const ptc = child(el, 'pitch');
          if (ptc) {
            const step = childText(ptc, 'step')!, alter = Number(childText(ptc, 'alter') ?? 0), oct = Number(childText(ptc, 'octave'));
            pitch = STEP_PC[step] + alter + (oct + 1) * 12 + transpose;
            name = `${step}${alter > 0 ? '#'.repeat(alter) : 'b'.repeat(-alter)}${oct}`;
          } else {
            const inst = attr(child(el, 'instrument')!, 'id')!;
            pitch = Number(inst.split('-I')[1]) - 1;
            name = inst;
          }
          const tick = ((measureStart + start) * 480) / divisions;
          const ticks = (dur * 480) / divisions;
          const key = String(pitch);
          if (ties.includes('stop')) {
            const prev = open.get(key);
            expect(prev, `tie stop without start at tick ${tick}, pitch ${pitch}`).toBeDefined();
            expect(prev!.tick + prev!.duration).toBe(tick);
            prev!.duration += ticks;
            if (!ties.includes('start')) open.delete(key);
          } else {
            part.chainStarts++;
            const n: ReadNote = { tick, duration: ticks, pitch, name, accidental: childText(el, 'accidental'), voice };
            notes.push(n);
            if (ties.includes('start')) open.set(key, n);
          }
        }
      }
      for (const [voice, ticks] of sums) part.voiceSums.push({ measure: part.measures, voice, ticks, expected: measureLen });
      measureStart += measureLen;
    }
    expect(open.size, 'unfinished tie chains').toBe(0);
    parts.push(part);
  }
  return { title, partNames, parts };
}

const sortNotes = (ns: Array<Pick<Note, 'tick' | 'duration' | 'pitch'>>) =>
  ns.map((n) => ({ tick: n.tick, duration: n.duration, pitch: n.pitch })).sort((a, b) => a.tick - b.tick || a.pitch - b.pitch || a.duration - b.duration);

/** The read part written from the track named `name`. */
const partOf = (score: Score, r: ReturnType<typeof readBack>, name: string) => r.parts[planParts(score.tracks).findIndex((p) => p.tracks.some((t) => t.name === name))];

/** Exact mode (quantize: false): every note comes back with its exact tick and length, in the part its track went to. */
function expectFaithful(score: Score, xml: string) {
  const r = readBack(xml);
  const bars = Math.max(1, barCount(score));
  const plans = planParts(score.tracks);
  expect(r.parts.length).toBe(plans.length);
  plans.forEach((plan, i) => {
    const p = r.parts[i];
    const notes = plan.tracks.flatMap((t) => t.notes);
    expect(p.measures).toBe(bars);
    for (const v of p.voiceSums) expect(v, `measure ${v.measure} voice ${v.voice}`).toMatchObject({ ticks: v.expected });
    expect(p.chainStarts).toBe(notes.length);
    if (plan.percussion) expect(sortNotes(p.notes).map((n) => [n.tick, n.pitch])).toEqual(sortNotes(notes).map((n) => [n.tick, n.pitch]));
    else expect(sortNotes(p.notes)).toEqual(sortNotes(notes));
  });
  return r;
}

// ------------------------------------------------------------------------------------------------ tests

describe('scoreToMusicXml', () => {
  const score = richScore();
  const xml = scoreToMusicXml(score);

  it('writes every note back exactly: measures, tie chains, per-voice measure sums', () => {
    const r = expectFaithful(score, scoreToMusicXml(score, { quantize: false }));
    expect(r.title).toBe(score.title);
    // Score order: woodwinds, percussion, strings high to low.
    expect(r.partNames).toEqual(['Flute', 'Drums', 'Strings', 'Cello']);
  });

  it('writes performed timing as a copyist would (notation quantization), keeping every note', () => {
    const perf = emptyScore();
    const t = addTrack(perf, { name: 'Violin', role: 'melody', program: 40, channel: 0 });
    // détaché quarters and a dotted rhythm with articulation gaps, slightly early/late onsets
    t.notes.push(
      { tick: 0, duration: 440, pitch: 60, velocity: 80 },
      { tick: 478, duration: 450, pitch: 62, velocity: 80 },
      { tick: 965, duration: 700, pitch: 64, velocity: 80 },
      { tick: 1680, duration: 215, pitch: 65, velocity: 80 },
      { tick: 1920, duration: 1890, pitch: 67, velocity: 80 },
    );
    perf.endTick = 3840;
    const quantized = readBack(scoreToMusicXml(perf));
    expect(quantized.parts[0].notes.map((n) => [n.tick, n.duration, n.name])).toEqual([
      [0, 480, 'C4'], [480, 480, 'D4'], [960, 720, 'E4'], [1680, 240, 'F4'], [1920, 1920, 'G4'],
    ]);
    const types = quantized.parts[0].raw.map((n) => childText(n, 'type'));
    expect(types).toEqual(['quarter', 'quarter', 'quarter', 'eighth', 'whole']);
    // Exact mode keeps the performance, at the price of odd notation.
    expect(readBack(scoreToMusicXml(perf, { quantize: false })).parts[0].notes.map((n) => n.duration)).toEqual([440, 450, 700, 215, 1890]);
  });

  it('writes the shipped-style fixture with plain note values only', () => {
    const r = readBack(xml);
    const types = new Set(r.parts.flatMap((p) => p.raw.map((n) => childText(n, 'type'))).filter(Boolean));
    for (const ty of types) expect(['whole', 'half', 'quarter', 'eighth', '16th']).toContain(ty);
    expect(r.parts.flatMap((p) => p.raw).every((n) => !child(n, 'time-modification'))).toBe(true);
  });

  it('is deterministic', () => {
    expect(scoreToMusicXml(richScore())).toBe(xml);
  });

  it('spells in the key: Eb not D#, Ab not G# in Eb major; G#, C#, D# in E major', () => {
    const flute = readBack(xml).parts[0].notes;
    const inEb = flute.filter((n) => n.tick < 7680).map((n) => n.name);
    expect(inEb).toEqual(['Eb4', 'F4', 'G4', 'Ab4', 'Bb4', 'Eb5', 'D5', 'C5', 'Bb4', 'Eb4']);
    const inE = flute.filter((n) => n.tick >= 7680 && n.tick < 10560).map((n) => n.name);
    expect(inE).toEqual(['E4', 'F#4', 'G#4', 'A4', 'B4', 'C#5']);
    // key signatures follow: −3, then 4 sharps, then D dorian (no accidentals)
    expect(readBack(xml).parts[0].keys).toEqual([-3, 4, 0]);
  });

  it('splits overlapping notes of different lengths into voices joined with <backup>', () => {
    const strings = partOf(score, readBack(xml), 'Strings');
    const bar4 = strings.voiceSums.filter((v) => v.measure === 4);
    expect(bar4.map((v) => v.voice).sort()).toEqual(['1', '2']);
    expect(xml.split(`<part id="${strings.id}">`)[1].split('</part>')[0]).toContain('<backup>');
  });

  it('writes drums as unpitched notes on a percussion staff, without ties', () => {
    const drums = partOf(score, readBack(xml), 'Drums');
    expect(drums.clef).toBe('percussion');
    expect(drums.raw.every((n) => !child(n, 'pitch'))).toBe(true);
    expect(drums.raw.some((n) => childText(n, 'notehead') === 'x')).toBe(true); // hi-hat
    expect(xml.split(`<part id="${drums.id}">`)[1].split('</part>')[0]).not.toContain('<tie ');
    const kick = drums.raw.find((n) => attr(child(n, 'instrument') ?? {}, 'id') === `${drums.id}-I37`)!;
    expect(childText(child(kick, 'unpitched')!, 'display-step')).toBe('F');
  });

  it('chooses clefs by range, carries tempo marks (ramps as accel./rit.), rehearsal marks and hit words', () => {
    const r = readBack(xml);
    expect(r.parts.map((p) => p.clef)).toEqual(['G2', 'percussion', 'F4', 'F4']);
    // The 80 → 132 ramp over bars 3–4: a whole-BPM mark at each of its barlines whose bars last what the tempo
    // map says (within a few ms), so notation playback lands where the SMF does.
    const ramp = r.parts[0].metronomes.slice(1, 3);
    expect(r.parts[0].metronomes).toEqual([96, ...ramp, 132, 70]);
    expect(ramp[0]).toBeGreaterThan(80);
    expect(ramp[1]).toBeGreaterThan(ramp[0]);
    expect(ramp.every(Number.isInteger)).toBe(true);
    const map = new TempoMap(score.tempo);
    expect(Math.abs(ramp.reduce((sum, bpm) => sum + (4 * 60) / bpm, 0) - (map.ticksToSeconds(7680) - map.ticksToSeconds(3840)))).toBeLessThan(0.01);
    // Every mark once: the cue, the sections, the marker, each hit (hit list and hit marker are one event).
    expect(r.parts[0].texts).toEqual(['1m1', 'A', 'accel.', 'hit: door slam', 'Note: rit.', 'B', 'downbeat', 'hit: explosion']);
    expect(r.parts[1].tempos).toEqual([]); // tempo lives in the first part only
  });

  it('names parts called like Object properties ("Constructor", "__proto__") by their own words', () => {
    const s = emptyScore();
    for (const [i, name] of ['Constructor', '__proto__', 'toString'].entries()) {
      const t = addTrack(s, { name, role: 'melody', program: 40 + i, channel: i });
      t.notes.push({ tick: 0, duration: 480, pitch: 60, velocity: 80 });
    }
    const drums = addTrack(s, { name: 'Constructor', role: 'percussion', program: 0, channel: 9 });
    drums.notes.push({ tick: 0, duration: 240, pitch: 36, velocity: 90 });
    s.endTick = 1920;
    const x = scoreToMusicXml(s);
    const abbrs = [...x.matchAll(/<part-abbreviation>([^<]*)<\/part-abbreviation>/g)].map((m) => m[1]);
    expect(abbrs.sort()).toEqual(['Con.', 'Con.', '__p.', 'toS.']);
  });

  it('prints dynamics where the bar-level velocity changes, not on every humanized wobble', () => {
    const s = emptyScore();
    const t = addTrack(s, { name: 'Horn', role: 'melody', program: 60, channel: 0 });
    const vels = [[48, 52, 46, 50], [50, 47, 53, 49], [96, 100, 92, 98], [94, 90, 97, 99], [60, 66, 62, 64]];
    vels.forEach((bar, b) => bar.forEach((v, q) => t.notes.push({ tick: b * 1920 + q * 480, duration: 480, pitch: 67, velocity: v })));
    s.endTick = 5 * 1920;
    const x = scoreToMusicXml(s);
    const marks = [...x.matchAll(/<dynamics><(\w+)\/><\/dynamics>/g)].map((m) => m[1]);
    expect(marks).toEqual(['p', 'f', 'mp']);
    expect(dynamicMarks([{ tick: 0, velocity: 74 }, { tick: 1920, velocity: 71 }], [{ start: 0, end: 1920 }, { start: 1920, end: 3840 }])).toEqual([{ tick: 0, mark: 'mf' }]);
    const drums = partOf(score, readBack(xml), 'Drums');
    expect(drums.raw.length).toBeGreaterThan(0);
    expect(xml.split(`<part id="${drums.id}">`)[1].split('</part>')[0]).not.toContain('<dynamics>');
  });

  it('writes a wide piano part on a grand staff (G and F clefs, voices 5+ on staff 2), every note kept', () => {
    const s = emptyScore({ key: { tonic: 'Bb', mode: 'major' } });
    const t = addTrack(s, { name: 'Piano', role: 'harmony', program: 0, channel: 0 });
    for (let b = 0; b < 4; b++) {
      t.notes.push({ tick: b * 1920, duration: 1920, pitch: 34 + (b % 2) * 5, velocity: 70 }, { tick: b * 1920, duration: 1920, pitch: 46, velocity: 70 });
      for (let q = 0; q < 4; q++) t.notes.push({ tick: b * 1920 + q * 480, duration: 480, pitch: 70 + q, velocity: 80 }, { tick: b * 1920 + q * 480, duration: 480, pitch: 50, velocity: 80 });
    }
    s.endTick = 4 * 1920;
    const x = scoreToMusicXml(s, { quantize: false });
    expect(x).toContain('<staves>2</staves><clef number="1"><sign>G</sign><line>2</line></clef><clef number="2"><sign>F</sign><line>4</line></clef>');
    const r = expectFaithful(s, x);
    const staffOf = (n: XNode) => childText(n, 'staff');
    expect(r.parts[0].raw.filter((n) => child(n, 'pitch')).every((n) => (Number(childText(child(n, 'pitch')!, 'octave')) >= 4 ? staffOf(n) === '1' : staffOf(n) === '2'))).toBe(true);
    expect(new Set(r.parts[0].notes.map((n) => n.voice))).toEqual(new Set(['1', '5', '6'])); // bass octaves + tenor quarters: two voices on staff 2
    // B natural (71) in Bb major gets its natural sign once per bar on staff 1.
    expect(r.parts[0].notes.filter((n) => n.pitch === 71).every((n) => n.accidental === 'natural')).toBe(true);
    // the fixture's narrow string part stays on one staff
    expect(xml).not.toContain('<staves>');
  });

  it('brackets triplets (start on the first, stop where the group is full)', () => {
    const s = emptyScore();
    const t = addTrack(s, { name: 'Fl', role: 'melody', program: 73, channel: 0 });
    [0, 160, 320].forEach((tick, i) => t.notes.push({ tick, duration: 160, pitch: 72 + i, velocity: 80 })); // triplet eighths
    t.notes.push({ tick: 480, duration: 320, pitch: 76, velocity: 80 }, { tick: 800, duration: 160, pitch: 77, velocity: 80 }); // quarter + eighth triplet
    t.notes.push({ tick: 960, duration: 640, pitch: 79, velocity: 80 }, { tick: 1600, duration: 320, pitch: 77, velocity: 80 }); // half + quarter triplet
    s.endTick = 1920;
    const r = readBack(scoreToMusicXml(s));
    const marks = r.parts[0].raw.map((n) => {
      const nt = child(n, 'notations');
      return nt ? kids(nt).filter((c) => tagOf(c) === 'tuplet').map((c) => attr(c, 'type')).join('+') : '';
    });
    expect(marks).toEqual(['start', '', 'stop', 'start', 'stop', 'start', 'stop']);
    expect(r.parts[0].notes.map((n) => n.duration)).toEqual([160, 160, 160, 320, 160, 640, 320]);
  });

  it('escapes text and stays well-formed', () => {
    const s = emptyScore({ title: 'A & B <"C"> \u0001' });
    addTrack(s, { name: 'Vln <1> & "2"', role: 'melody', program: 40, channel: 0 }).notes.push({ tick: 0, duration: 480, pitch: 67, velocity: 90 });
    s.endTick = 1920;
    const r = readBack(scoreToMusicXml(s));
    expect(r.title).toBe('A & B <"C">'); // control character dropped (not allowed in XML 1.0), space trimmed by the parser
    expect(r.partNames).toEqual(['Vln <1> & "2"']);
  });

  it('writes an empty score as one bar of rests per part', () => {
    const s = emptyScore();
    addTrack(s, { name: 'Empty', role: 'pad', program: 0, channel: 0 });
    const x = scoreToMusicXml(s);
    const r = readBack(x);
    expect(r.parts[0].measures).toBe(1);
    expect(x).toContain('<rest measure="yes"/>');
  });

  it('prints accidentals once per bar and octave, cancels with a natural, and not on tied-over notes', () => {
    const s = emptyScore({ key: { tonic: 'C', mode: 'major' } });
    const t = addTrack(s, { name: 'Pno', role: 'melody', program: 0, channel: 0 });
    // F#4 F#4 F4 | F#5 (tied from previous bar's F#5) ...
    t.notes.push(
      { tick: 0, duration: 240, pitch: 66, velocity: 80 },
      { tick: 240, duration: 240, pitch: 66, velocity: 80 },
      { tick: 480, duration: 240, pitch: 65, velocity: 80 },
      { tick: 720, duration: 240, pitch: 78, velocity: 80 }, // F#5: other octave gets its own sign
      { tick: 1440, duration: 960, pitch: 70, velocity: 80 }, // Bb4 tied across the barline
    );
    s.endTick = 3840;
    const r = readBack(scoreToMusicXml(s));
    const acc = r.parts[0].raw.filter((n) => child(n, 'pitch')).map((n) => childText(n, 'accidental') ?? '-');
    expect(acc).toEqual(['sharp', '-', 'natural', 'sharp', 'flat', '-']);
  });

  it('keeps a dense pad with more than four overlapping layers correct by chordifying it', () => {
    const s = emptyScore();
    const t = addTrack(s, { name: 'Pad', role: 'pad', program: 89, channel: 0 });
    for (let i = 0; i < 6; i++) t.notes.push({ tick: i * 160, duration: 1700 + i * 70, pitch: 60 + i * 2, velocity: 60 });
    s.endTick = 3840;
    expect(findScoreProblems(s)).toEqual([]);
    const r = expectFaithful(s, scoreToMusicXml(s, { quantize: false }));
    expect(new Set(r.parts[0].notes.map((n) => n.voice))).toEqual(new Set(['1']));
  });

  it('round-trips random scores: every note, every bar full in every voice (property)', () => {
    const noteArb = fc.record({
      tick: fc.integer({ min: 0, max: 40 }).map((x) => x * 120),
      duration: fc.oneof(fc.integer({ min: 1, max: 24 }).map((x) => x * 120), fc.constantFrom(160, 320, 640, 80, 45, 7)),
      pitch: fc.integer({ min: 30, max: 96 }),
      velocity: fc.integer({ min: 1, max: 127 }),
    });
    const meterArb = fc.constantFrom<[number, 4 | 8 | 2]>([4, 4], [3, 4], [6, 8], [5, 8], [7, 4], [2, 2]);
    const keyArb = fc.constantFrom('C', 'G', 'F', 'Bb', 'E', 'Db', 'F#', 'Cb') as fc.Arbitrary<'C'>;
    fc.assert(
      fc.property(fc.array(noteArb, { maxLength: 40 }), meterArb, keyArb, fc.boolean(), (notes, [num, den], tonic, drums) => {
        const s = emptyScore({ meter: [num, den], key: { tonic, mode: 'major' } });
        const t = addTrack(s, drums ? { name: 'Kit', role: 'percussion', program: 0, channel: 9 } : { name: 'X', role: 'harmony', program: 0, channel: 0 });
        const last = new Map<number, number>();
        for (const n of [...notes].sort((a, b) => a.tick - b.tick)) {
          if ((last.get(n.pitch) ?? -1) > n.tick) continue;
          t.notes.push(n);
          last.set(n.pitch, n.tick + n.duration);
        }
        s.endTick = Math.max(1, ...t.notes.map((n) => n.tick + n.duration));
        expectFaithful(s, scoreToMusicXml(s, { quantize: false }));
        // Quantized (default) mode: bars still add up in every voice, and no note is invented.
        const q = readBack(scoreToMusicXml(s));
        expect(q.parts[0].measures).toBe(Math.max(1, barCount(s)));
        for (const v of q.parts[0].voiceSums) expect(v.ticks).toBe(v.expected);
        expect(q.parts[0].chainStarts).toBeLessThanOrEqual(t.notes.length);
        expect(q.parts[0].chainStarts).toBeGreaterThanOrEqual(new Set(t.notes.map((n) => n.pitch)).size);
      }),
      { numRuns: 60, seed: 5 },
    );
  });
});

describe('pitch spelling', () => {
  const name = (midi: number, tonic: string, mode: string) => spelledName(spellPitch(midi, spellingKey({ tonic, mode } as never)));
  it.each([
    [63, 'Eb', 'major', 'Eb4'],
    [68, 'Eb', 'major', 'Ab4'],
    [68, 'E', 'major', 'G#4'],
    [75, 'E', 'major', 'D#5'],
    [67, 'E', 'major', 'G4'],
    [71, 'C', 'minor', 'B4'], // leading tone in C minor
    [61, 'D', 'minor', 'C#4'], // leading tone in D minor, a flat key
    [71, 'Eb', 'major', 'B4'], // plain spelling beats Cb on a tie
    [66, 'C', 'major', 'F#4'],
    [70, 'C', 'major', 'Bb4'],
    [63, 'C', 'major', 'Eb4'],
    [61, 'C', 'major', 'C#4'],
    [66, 'F#', 'major', 'F#4'],
    [65, 'F#', 'major', 'E#4'],
    [60, 'C#', 'major', 'B#3'],
    [59, 'Gb', 'major', 'Cb4'],
    [60, 'A', 'minor', 'C4'],
    [68, 'A', 'harmonic-minor', 'G#4'],
    [68, 'G#', 'major', 'Ab4'], // a theoretical key is written as its enharmonic (Ab major)
  ])('%i in %s %s is %s', (midi, tonic, mode, want) => {
    expect(name(midi, tonic, mode)).toBe(want);
  });

  it('always names the same pitch (property)', () => {
    const keys = ['C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#', 'F', 'Bb', 'Eb', 'Ab', 'Db', 'Gb', 'Cb'];
    const modes = ['major', 'minor', 'dorian', 'phrygian', 'lydian', 'mixolydian', 'locrian', 'harmonic-minor'];
    for (const tonic of keys) for (const mode of modes) for (let m = 0; m < 128; m++) {
      const p = spellPitch(m, spellingKey({ tonic, mode } as never));
      expect(STEP_PC[p.step] + p.alter + (p.octave + 1) * 12).toBe(m);
      expect(Math.abs(p.alter)).toBeLessThanOrEqual(2);
    }
  });
});

describe('durations and voices', () => {
  it('splits lengths into note values that add up exactly', () => {
    const show = (t: number) => splitDuration(t).map((v) => `${v.type ?? '?'}${'.'.repeat(v.dots)}${v.triplet ? '3' : ''}`).join('+');
    expect(show(480)).toBe('quarter');
    expect(show(720)).toBe('quarter.');
    expect(show(840)).toBe('quarter..');
    expect(show(1200)).toBe('half+eighth');
    expect(show(160)).toBe('eighth3');
    expect(show(560)).toBe('quarter+16th3');
    expect(show(7)).toBe('?');
    for (let t = 1; t < 4000; t += 7) expect(splitDuration(t).reduce((s, v) => s + v.ticks, 0)).toBe(t);
  });

  it('puts equal-length simultaneous notes in one chord and overlaps in separate voices', () => {
    const v = layoutVoices([
      { tick: 0, duration: 960, pitch: 60, velocity: 1 },
      { tick: 0, duration: 960, pitch: 64, velocity: 1 },
      { tick: 0, duration: 480, pitch: 72, velocity: 1 },
      { tick: 480, duration: 480, pitch: 74, velocity: 1 },
    ]);
    expect(v.map((voice) => voice.map((g) => g.notes.map((n) => n.pitch)))).toEqual([[[60, 64]], [[72], [74]]]);
  });

  it('chordify cuts notes where the sounding set changes', () => {
    const out = chordify([
      { tick: 0, duration: 960, pitch: 60, velocity: 1 },
      { tick: 480, duration: 960, pitch: 64, velocity: 1 },
    ]);
    expect(out.map((n) => [n.pitch, n.tick, n.duration])).toEqual([[60, 0, 480], [60, 480, 480], [64, 480, 480], [64, 960, 480]]);
  });

  it('meter map sanity for the fixture', () => {
    expect(new MeterMap(richScore().meters).tickAtBar(6)).toBe(7680 + 2880);
  });
});

describe('engraving a copyist accepts', () => {
  const bar = 1920;
  it('orders parts as a score, brackets sections and names later systems', () => {
    const s = emptyScore();
    for (const [name, program] of [['Violins I', 40], ['Cellos & Basses', 42], ['Horns', 60], ['Oboe', 68], ['Timpani', 47], ['Violas', 41]] as const) {
      addTrack(s, { name, role: 'melody', program, channel: 0 }).notes.push({ tick: 0, duration: 480, pitch: 60, velocity: 80 });
    }
    s.endTick = bar;
    const x = scoreToMusicXml(s);
    const r = readBack(x);
    expect(r.partNames).toEqual(['Oboe', 'Horns', 'Timpani', 'Violins I', 'Violas', 'Cellos & Basses']);
    expect([...x.matchAll(/<part-abbreviation>([^<]*)</g)].map((m) => m[1])).toEqual(['Ob.', 'Hns.', 'Timp.', 'Vlns. I', 'Vlas.', 'Vcs. &amp; Cbs.']); // escaped in the XML text
    // One bracket round the strings (the only section with more than one part), started before its first part.
    expect(x.match(/<part-group type="start"/g)).toHaveLength(1);
    expect(x.indexOf('<part-group type="start"')).toBeLessThan(x.indexOf('<part-name>Violins I'));
    expect(x.indexOf('<part-group type="stop"')).toBeGreaterThan(x.indexOf('<part-name>Cellos & Basses'));
  });

  it('writes a piano whose hands are separate tracks as one grand-staff part with its pedal', () => {
    const s = emptyScore();
    const rh = addTrack(s, { name: 'Piano RH', role: 'melody', program: 0, channel: 0 });
    const lh = addTrack(s, { name: 'Piano LH', role: 'harmony', program: 0, channel: 1 });
    const bass = addTrack(s, { name: 'Piano Bass', role: 'bass', program: 0, channel: 2 });
    for (let b = 0; b < 2; b++) {
      rh.notes.push({ tick: b * bar, duration: bar, pitch: 72, velocity: 80 });
      bass.notes.push({ tick: b * bar, duration: bar, pitch: 36, velocity: 80 });
      for (let e = 0; e < 8; e++) lh.notes.push({ tick: b * bar + e * 240, duration: 240, pitch: [48, 55, 60, 64][e % 4], velocity: 70 });
      lh.controllers.push({ tick: b * bar, controller: 64, value: b === 0 ? 127 : 0 }, ...(b === 1 ? [{ tick: b * bar + 24, controller: 64, value: 127 }] : []));
    }
    rh.controllers.push(...lh.controllers);
    s.endTick = 2 * bar;
    const x = scoreToMusicXml(s);
    const r = readBack(x);
    expect(r.partNames).toEqual(['Piano']);
    expect(x).toContain('<staves>2</staves>');
    expect(r.parts[0].notes.length).toBe(rh.notes.length + lh.notes.length + bass.notes.length);
    // The tune on the upper staff, the left hand below (even its middle C).
    const staffOf = (pitch: number) => new Set(r.parts[0].raw.filter((n) => child(n, 'pitch') && r.parts[0].raw.indexOf(n) >= 0).filter((n) => {
      const p = child(n, 'pitch')!;
      return STEP_PC[childText(p, 'step')!] + Number(childText(p, 'alter') ?? 0) + (Number(childText(p, 'octave')) + 1) * 12 === pitch;
    }).map((n) => childText(n, 'staff')));
    expect(staffOf(72)).toEqual(new Set(['1']));
    expect(staffOf(60)).toEqual(new Set(['2']));
    expect([...x.matchAll(/<pedal type="(\w+)"/g)].map((m) => m[1])).toEqual(['start', 'change', 'stop']);
  });

  it('writes transposing instruments transposed, the guitar an octave up on a treble-8vb clef', () => {
    const s = emptyScore({ key: { tonic: 'C', mode: 'major' } });
    addTrack(s, { name: 'Clarinet', role: 'melody', program: 71, channel: 0 }).notes.push({ tick: 0, duration: bar, pitch: 60, velocity: 80 });
    addTrack(s, { name: 'Horns', role: 'counter', program: 60, channel: 1 }).notes.push({ tick: 0, duration: bar, pitch: 60, velocity: 80 });
    addTrack(s, { name: 'Guitar', role: 'ostinato', program: 29, channel: 2 }).notes.push({ tick: 0, duration: bar, pitch: 52, velocity: 80 });
    s.endTick = bar;
    const x = scoreToMusicXml(s);
    const r = readBack(x);
    const [cl, hn, gtr] = r.parts; // woodwind, brass, guitar: already score order
    const written = (p: ReadPart) => { const pt = child(p.raw[0], 'pitch')!; return `${childText(pt, 'step')}${childText(pt, 'octave')}`; };
    expect([written(cl), written(hn), written(gtr)]).toEqual(['D4', 'G4', 'E4']);
    expect([cl.keys[0], hn.keys[0]]).toEqual([2, 1]); // D major and G major signatures for concert C
    expect([cl.notes[0].pitch, hn.notes[0].pitch, gtr.notes[0].pitch]).toEqual([60, 60, 52]); // read back at concert pitch
    expect(gtr.clef).toBe('G2/-1');
  });

  it('reads articulation off the performance: spiccato eighths with dots, accents, rolls as tremolo, harp in one voice', () => {
    const s = emptyScore();
    const spicc = addTrack(s, { name: 'Strings Spiccato', role: 'ostinato', program: 45, channel: 0 });
    for (let e = 0; e < 8; e++) spicc.notes.push({ tick: e * 240, duration: 75, pitch: e % 2 ? 60 : 53, velocity: e === 0 ? 110 : 76 });
    const harp = addTrack(s, { name: 'Harp', role: 'harmony', program: 46, channel: 1 });
    for (let e = 0; e < 8; e++) harp.notes.push({ tick: e * 240, duration: 700, pitch: [55, 60, 64, 67][e % 4], velocity: 70 });
    const drums = addTrack(s, { name: 'Percussion', role: 'percussion', program: 0, channel: 9 });
    for (let i = 0; i < 16; i++) drums.notes.push({ tick: i * 60, duration: 60, pitch: 38, velocity: 80 });
    drums.notes.push({ tick: 960, duration: 120, pitch: 36, velocity: 90 });
    s.endTick = bar;
    const x = scoreToMusicXml(s);
    const r = readBack(x);
    const sp = partOf(s, r, 'Strings Spiccato');
    expect(sp.raw.filter((n) => !child(n, 'rest')).map((n) => childText(n, 'type'))).toEqual(Array(8).fill('eighth'));
    expect(sp.raw.filter((n) => child(n, 'rest'))).toHaveLength(0);
    expect(sp.raw.every((n) => !child(n, 'time-modification'))).toBe(true);
    expect(x.split(`<part id="${sp.id}">`)[1].split('</part>')[0].match(/<staccato\/>/g)).toHaveLength(8);
    expect(x.split(`<part id="${sp.id}">`)[1].split('</part>')[0].match(/<accent\/>/g)).toHaveLength(1);
    const hp = partOf(s, r, 'Harp');
    expect(new Set(hp.raw.map((n) => childText(n, 'voice')))).toEqual(new Set(['1']));
    const dr = partOf(s, r, 'Percussion');
    const snare = dr.raw.filter((n) => attr(child(n, 'instrument') ?? {}, 'id') === `${dr.id}-I39`);
    expect(snare).toHaveLength(1); // sixteen 32nds are one half note…
    expect(childText(snare[0], 'type')).toBe('half');
    expect(x).toContain('<tremolo type="single">3</tremolo>'); // …with three tremolo strokes
  });

  it('groups rests by the beat and never writes a rest longer than the metre allows', () => {
    const s = emptyScore();
    addTrack(s, { name: 'Timpani', role: 'other', program: 47, channel: 0 }).notes.push({ tick: 0, duration: 360, pitch: 41, velocity: 90 });
    s.endTick = bar;
    const r = readBack(scoreToMusicXml(s));
    const values = r.parts[0].raw.map((n) => `${child(n, 'rest') ? 'r' : 'n'}:${childText(n, 'type')}${kids(n).filter((c) => tagOf(c) === 'dot').length ? '.' : ''}`);
    expect(values).toEqual(['n:eighth.', 'r:16th', 'r:quarter', 'r:half']);
  });

  it('spells B♯ where the key needs it (C♯ minor leading tone)', () => {
    const s = emptyScore({ key: { tonic: 'C#', mode: 'minor' } });
    addTrack(s, { name: 'Oboe', role: 'melody', program: 68, channel: 0 }).notes.push({ tick: 0, duration: 960, pitch: 72, velocity: 80 }, { tick: 960, duration: 960, pitch: 73, velocity: 80 });
    s.endTick = bar;
    expect(readBack(scoreToMusicXml(s)).parts[0].notes.map((n) => n.name)).toEqual(['B#4', 'C#5']);
  });

  it('writes hairpins where the CC11 expression swells and fades', () => {
    const s = emptyScore();
    const t = addTrack(s, { name: 'Violins I', role: 'melody', program: 40, channel: 0 });
    t.notes.push({ tick: 0, duration: 2 * bar, pitch: 67, velocity: 80 });
    for (let q = 0; q <= 8; q++) t.controllers.push({ tick: q * 480, controller: 11, value: q <= 4 ? 60 + q * 10 : 100 - (q - 4) * 10 });
    s.endTick = 2 * bar;
    expect([...scoreToMusicXml(s).matchAll(/<wedge type="(\w+)"/g)].map((m) => m[1])).toEqual(['crescendo', 'stop', 'diminuendo', 'stop']);
  });
});
