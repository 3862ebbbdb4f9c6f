import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tonejs from '@tonejs/midi';
import { TempoMap, normalizeScore, emptyScore, addTrack, findScoreProblems, type Score, type TempoEvent } from '../../score/index.js';
import { LeitmotifError } from '../../util/errors.js';
import { richScore } from '../../../test/fixtures/midi/rich-score.js';
import {
  scoreToMidi,
  midiToScore,
  readMidiFile,
  writeMidiFile,
  decodeSmf,
  encodeSmf,
  tempoToSmf,
  fixMeters,
  keyFifths,
  keyFromSmf,
  GM_PROGRAM_NAMES,
  META,
  type SmfEvent,
} from './index.js';

const { Midi } = tonejs;

const noteKey = (s: Score) => s.tracks.map((t) => ({ name: t.name, channel: t.channel, program: t.program, notes: [...t.notes].sort((a, b) => a.tick - b.tick || a.pitch - b.pitch) }));

function expectCorrupt(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LeitmotifError);
    expect((e as LeitmotifError).code).toBe('LM_ERR_MIDI_CORRUPT');
    expect((e as Error).message).toMatch(/MIDI/);
    return;
  }
  throw new Error('expected LM_ERR_MIDI_CORRUPT, but it parsed');
}

function expectSecondsMatch(original: TempoEvent[], read: TempoEvent[], endTick: number, tolerance = 0.001) {
  const a = new TempoMap(original), b = new TempoMap(read);
  let worst = 0;
  for (let t = 0; t <= endTick; t += 37) worst = Math.max(worst, Math.abs(a.ticksToSeconds(t) - b.ticksToSeconds(t)));
  expect(worst).toBeLessThan(tolerance);
}

describe('scoreToMidi → midiToScore round trip', () => {
  const score = richScore();
  const bytes = scoreToMidi(score);

  it('restores a Leitmotif-written file exactly (extras event)', () => {
    const back = midiToScore(bytes);
    expect(back).toEqual(normalizeScore(score));
    expect(findScoreProblems(back)).toEqual([]);
  });

  it('reads pan at CC10 resolution from plain SMF content', () => {
    const back = midiToScore(bytes, { ignoreExtras: true });
    for (const [i, t] of back.tracks.entries()) expect(Math.abs(t.pan - score.tracks[i].pan)).toBeLessThanOrEqual(1 / 63);
  });

  it('keeps empty tracks and duplicate track names of a Leitmotif score', () => {
    const s = richScore();
    addTrack(s, { name: 'FX', role: 'fx', program: 99, channel: 5 });
    s.tracks[2].name = 'Strings'; // two tracks named "Strings"
    const back = midiToScore(scoreToMidi(s));
    expect(back).toEqual(normalizeScore(s));
    const plain = midiToScore(scoreToMidi(s), { ignoreExtras: true });
    expect(plain.tracks.map((t) => t.name)).toEqual(['Flute', 'Strings', 'Strings 2', 'Drums', 'FX']);
    expect(plain.tracks[4].notes).toEqual([]);
  });

  it('keeps notes, programs, channels, names, controllers, meters, markers from plain SMF content', () => {
    const back = midiToScore(bytes, { ignoreExtras: true });
    expect(noteKey(back)).toEqual(noteKey(score));
    expect(back.tracks.map((t) => [t.volume, t.controllers])).toEqual(score.tracks.map((t) => [t.volume, t.controllers]));
    expect(back.tracks.map((t) => t.role)).toEqual(['melody', 'harmony', 'bass', 'percussion']);
    expect(back.meters).toEqual(score.meters);
    expect(back.title).toBe(score.title);
    expect(back.endTick).toBe(score.endTick);
    expect(back.markers).toEqual(
      expect.arrayContaining([
        { tick: 0, text: '1m1', kind: 'cue' },
        { tick: 7680, text: 'downbeat', kind: 'sync' },
        { tick: 5760, text: 'Note: rit.', kind: 'marker' },
      ]),
    );
    expect(back.hits).toEqual([
      { tick: 3840, label: 'door slam' },
      { tick: 10560, label: 'explosion' },
    ]);
    expect(back.sections.map((s) => [s.name, s.tick, s.endTick])).toEqual([
      ['A', 0, 7680],
      ['B', 7680, score.endTick],
    ]);
    // SMF only knows major/minor: D dorian is written with its key signature (no accidentals) and read as C major.
    expect(back.keys).toEqual([
      { tick: 0, tonic: 'Eb', mode: 'major' },
      { tick: 7680, tonic: 'E', mode: 'major' },
      { tick: 10560, tonic: 'C', mode: 'major' },
    ]);
    expect(findScoreProblems(back)).toEqual([]);
  });

  it('keeps the tempo map within 1 ms at every point, through the linear ramp', () => {
    const back = midiToScore(bytes, { ignoreExtras: true });
    expect(back.tempo.length).toBeGreaterThan(10); // the ramp became steps
    expect(back.tempo.every((t) => t.ramp === 'step')).toBe(true);
    expectSecondsMatch(score.tempo, back.tempo, score.endTick);
  });

  it('writes identical bytes for the same Score, and for a deep copy of it', () => {
    expect(Buffer.from(scoreToMidi(richScore())).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(scoreToMidi(structuredClone(score))).equals(Buffer.from(bytes))).toBe(true);
  });

  it('is read the same by an independent parser (@tonejs/midi)', () => {
    const m = new Midi(bytes);
    expect(m.header.ppq).toBe(480);
    expect(m.header.timeSignatures.map((t) => [t.ticks, ...t.timeSignature])).toEqual(score.meters.map((x) => [x.tick, x.numerator, x.denominator]));
    expect(m.header.meta.filter((e) => e.type === 'marker').map((e) => e.text)).toEqual(
      expect.arrayContaining(['cue:1m1', 'hit:door slam', 'sync:downbeat', 'section:A', 'hit:explosion']),
    );
    expect(m.header.keySignatures.slice(0, 2).map((k) => [k.key, k.scale])).toEqual([['Eb', 'major'], ['E', 'major']]);
    expect(m.tracks.map((t) => [t.name, t.channel, t.instrument.number])).toEqual(score.tracks.map((t) => [t.name, t.channel, t.program]));
    for (const [i, t] of m.tracks.entries()) {
      const want = [...score.tracks[i].notes].sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
      const got = t.notes.map((n) => ({ tick: n.ticks, duration: n.durationTicks, pitch: n.midi, velocity: Math.round(n.velocity * 127) })).sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
      expect(got).toEqual(want);
      expect(t.controlChanges[7]?.[0]?.ticks).toBe(0);
    }
    // @tonejs/midi sums tempo as steps, so it agrees with our exact map within 1 ms too.
    const exact = new TempoMap(score.tempo);
    for (let tk = 0; tk <= score.endTick; tk += 480) expect(Math.abs(m.header.ticksToSeconds(tk) - exact.ticksToSeconds(tk))).toBeLessThan(0.001);
  });

  it('puts the conductor track first and drums on channel 10', () => {
    const smf = decodeSmf(bytes);
    expect(smf.format).toBe(1);
    expect(smf.tracks[0].some((e) => e.kind === 'noteOn')).toBe(false);
    expect(smf.tracks[0].some((e) => e.kind === 'meta' && e.type === META.tempo)).toBe(true);
    const drumEvents = smf.tracks[4].filter((e) => e.kind === 'noteOn');
    expect(drumEvents.length).toBeGreaterThan(0);
    expect(drumEvents.every((e) => 'channel' in e && e.channel === 9)).toBe(true);
  });

  it('orders same-tick events: note-offs, then controllers, then note-ons', () => {
    const s = emptyScore();
    const t = addTrack(s, { name: 'P', role: 'melody', program: 0, channel: 0 });
    t.notes.push({ tick: 0, duration: 480, pitch: 60, velocity: 90 }, { tick: 480, duration: 480, pitch: 60, velocity: 91 });
    t.controllers.push({ tick: 480, controller: 64, value: 127 });
    s.endTick = 960;
    const ev = decodeSmf(scoreToMidi(s)).tracks[1].filter((e) => e.tick === 480).map((e) => e.kind);
    expect(ev).toEqual(['noteOff', 'controller', 'noteOn']);
  });

  it('round-trips random scores (property)', () => {
    const noteArb = fc.record({ tick: fc.integer({ min: 0, max: 20000 }), duration: fc.integer({ min: 1, max: 3000 }), pitch: fc.integer({ min: 0, max: 127 }), velocity: fc.integer({ min: 1, max: 127 }) });
    const tempoArb = fc.array(fc.record({ tick: fc.integer({ min: 1, max: 30000 }), bpm: fc.double({ min: 20, max: 300, noNaN: true }), ramp: fc.constantFrom('step' as const, 'linear' as const) }), { maxLength: 6 });
    fc.assert(
      fc.property(fc.array(noteArb, { maxLength: 60 }), fc.double({ min: 30, max: 240, noNaN: true }), tempoArb, fc.integer({ min: 0, max: 15 }), (notes, bpm0, tempoRest, channel) => {
        const s = emptyScore({ bpm: bpm0 });
        s.tempo = [{ tick: 0, bpm: bpm0, ramp: 'linear' as const }, ...tempoRest].sort((a, b) => a.tick - b.tick);
        const tr = addTrack(s, { name: 'T', role: channel === 9 ? 'percussion' : 'melody', program: 5, channel });
        // Unique (tick, pitch) and no same-pitch overlap, so the Score is valid.
        const byPitch = new Map<number, number>();
        for (const n of [...notes].sort((a, b) => a.tick - b.tick)) {
          if ((byPitch.get(n.pitch) ?? -1) > n.tick) continue;
          tr.notes.push(n);
          byPitch.set(n.pitch, n.tick + n.duration);
        }
        s.endTick = Math.max(0, ...tr.notes.map((n) => n.tick + n.duration)) + 10;
        const back = midiToScore(scoreToMidi(s), { ignoreExtras: true });
        expect(back.tracks.length).toBe(1); // an empty track stays a (empty) track
        expect(noteKey(back)).toEqual(noteKey(s));
        expectSecondsMatch(s.tempo, back.tempo, s.endTick);
        expect(midiToScore(scoreToMidi(s)).tempo).toEqual(normalizeScore(s).tempo);
      }),
      { numRuns: 60, seed: 42 },
    );
  });
});

// ------------------------------------------------------------------------------------------- foreign files

const on = (tick: number, channel: number, pitch: number, velocity = 100): SmfEvent => ({ tick, kind: 'noteOn', channel, pitch, velocity });
const offZero = (tick: number, channel: number, pitch: number): SmfEvent => ({ tick, kind: 'noteOn', channel, pitch, velocity: 0 }); // note-off as vel 0
const metaEv = (tick: number, type: number, data: number[] | string): SmfEvent => ({ tick, kind: 'meta', type, data: typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data) });

describe('midiToScore on files from elsewhere', () => {
  it('splits a format-0 file by channel, rescales 96 PPQ to 480 and guesses roles and names', () => {
    const ev: SmfEvent[] = [
      metaEv(0, META.trackName, 'Song Title'),
      metaEv(0, META.tempo, [0x07, 0xa1, 0x20]), // 500000 µs = 120 BPM
      metaEv(0, META.timeSignature, [3, 2, 24, 8]),
      { tick: 0, kind: 'program', channel: 0, program: 40 },
      { tick: 0, kind: 'program', channel: 1, program: 33 },
      { tick: 0, kind: 'controller', channel: 0, controller: 7, value: 90 },
    ];
    for (let i = 0; i < 6; i++) {
      ev.push(on(i * 96, 0, 76 + (i % 3)), on(i * 96, 1, 40), on(i * 96, 9, 36));
      ev.push(offZero(i * 96 + 90, 0, 76 + (i % 3)), offZero(i * 96 + 90, 1, 40), offZero(i * 96 + 10, 9, 36));
    }
    ev.sort((a, b) => a.tick - b.tick);
    const bytes = encodeSmf({ format: 0, ppq: 96, tracks: [ev] });
    const s = midiToScore(bytes);
    expect(s.title).toBe('Song Title');
    expect(s.tracks.map((t) => [t.name, t.channel, t.program, t.role])).toEqual([
      ['Violin', 0, 40, 'melody'],
      ['Electric Bass (finger)', 1, 33, 'bass'],
      ['Drums', 9, 0, 'percussion'],
    ]);
    expect(s.tracks[0].volume).toBe(90);
    expect(s.tracks[0].notes[1]).toEqual({ tick: 480, duration: 450, pitch: 77, velocity: 100 });
    expect(s.tracks[2].notes[0].duration).toBe(50);
    expect(s.meters).toEqual([{ tick: 0, numerator: 3, denominator: 4 }]);
    expect(findScoreProblems(s)).toEqual([]);
  });

  it('starts a new track at a mid-track program change, trims same-pitch overlaps across tracks, ends hanging notes', () => {
    const t1: SmfEvent[] = [
      metaEv(0, META.trackName, 'Keys'),
      { tick: 0, kind: 'program', channel: 0, program: 0 },
      on(0, 0, 60),
      on(240, 0, 60), // retrigger while sounding: first note trimmed at 240
      { tick: 480, kind: 'noteOff', channel: 0, pitch: 60, velocity: 0 },
      { tick: 600, kind: 'noteOff', channel: 0, pitch: 60, velocity: 0 },
      { tick: 960, kind: 'program', channel: 0, program: 19 },
      on(960, 0, 64),
      on(1000, 0, 67), // never released
      metaEv(1920, META.endOfTrack, []),
    ];
    const t2: SmfEvent[] = [metaEv(0, META.trackName, 'Keys 2'), on(100, 0, 60), { tick: 300, kind: 'noteOff', channel: 0, pitch: 60, velocity: 0 }];
    const s = midiToScore(encodeSmf({ format: 1, ppq: 480, tracks: [t1, t2] }));
    expect(findScoreProblems(s)).toEqual([]);
    expect(s.tracks.map((t) => [t.name, t.program])).toEqual([
      ['Keys', 0],
      ['Keys (Church Organ)', 19],
      ['Keys 2', 0],
    ]);
    const piano = s.tracks.find((t) => t.program === 0 && t.notes.some((n) => n.tick === 0))!;
    const organ = s.tracks.find((t) => t.program === 19)!;
    expect(organ.notes).toEqual([
      { tick: 960, duration: 960, pitch: 64, velocity: 100 },
      { tick: 1000, duration: 920, pitch: 67, velocity: 100 },
    ]);
    expect(piano.notes[0]).toEqual({ tick: 0, duration: 100, pitch: 60, velocity: 100 }); // cut by track 2's note at 100
    expect(s.endTick).toBe(1920);
  });

  it('turns a mid-bar meter change (pickup) into a short bar, never an invalid meter map', () => {
    // A time signature event starts a new bar (SMF 1.0): a repeated 4/4 one beat in makes a 1/4 pickup bar.
    expect(fixMeters([{ tick: 0, numerator: 4, denominator: 4 }, { tick: 480, numerator: 4, denominator: 4 }])).toEqual([
      { tick: 0, numerator: 1, denominator: 4 },
      { tick: 480, numerator: 4, denominator: 4 },
    ]);
    expect(fixMeters([{ tick: 0, numerator: 4, denominator: 4 }, { tick: 1920, numerator: 4, denominator: 4 }])).toEqual([{ tick: 0, numerator: 4, denominator: 4 }]);
    expect(fixMeters([{ tick: 0, numerator: 1, denominator: 4 }, { tick: 480, numerator: 4, denominator: 4 }])).toEqual([
      { tick: 0, numerator: 1, denominator: 4 },
      { tick: 480, numerator: 4, denominator: 4 },
    ]);
    expect(fixMeters([{ tick: 0, numerator: 4, denominator: 4 }, { tick: 1920 + 720, numerator: 3, denominator: 4 }])).toEqual([
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 1920, numerator: 3, denominator: 8 },
      { tick: 2640, numerator: 3, denominator: 4 },
    ]);
    expect(fixMeters([{ tick: 0, numerator: 4, denominator: 4 }, { tick: 1921, numerator: 3, denominator: 4 }])).toEqual([
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 3840, numerator: 3, denominator: 4 },
    ]);
    expect(fixMeters([{ tick: 960, numerator: 3, denominator: 64 }])).toEqual([{ tick: 0, numerator: 4, denominator: 4 }]);
  });

  it('reads SMPTE-timed files on a 120 BPM grid', () => {
    const ev: SmfEvent[] = [on(0, 0, 60), { tick: 100, kind: 'noteOff', channel: 0, pitch: 60, velocity: 0 }];
    const bytes = encodeSmf({ format: 0, ppq: 1, tracks: [ev] });
    bytes[12] = 0xe7; // −25 fps
    bytes[13] = 40; // 40 ticks per frame → 1000 ticks per second
    const s = midiToScore(bytes);
    expect(s.tempo).toEqual([{ tick: 0, bpm: 120, ramp: 'step' }]);
    expect(s.tracks[0].notes[0]).toEqual({ tick: 0, duration: 96, pitch: 60, velocity: 100 }); // 0.1 s at 120 BPM
  });

  it('ignores the extras when the file was edited since (tempo changed)', () => {
    const score = richScore();
    const smf = decodeSmf(scoreToMidi(score));
    const conductor = smf.tracks[0].map((e) => (e.kind === 'meta' && e.type === META.tempo && e.tick === 0 ? metaEv(0, META.tempo, [0x09, 0x27, 0xc0]) : e)); // 100 BPM
    const edited = encodeSmf({ format: 1, ppq: 480, tracks: [conductor, ...smf.tracks.slice(1)] });
    const s = midiToScore(edited);
    expect(s.tempo[0]).toEqual({ tick: 0, bpm: 100, ramp: 'step' });
    expect(s.tracks.map((t) => t.role)).toEqual(score.tracks.map((t) => t.role)); // roles still match by name/channel
  });

  it('decodes running status and Latin-1 text', () => {
    const bytes = new Uint8Array([
      ...[0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96],
      ...[0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, 24],
      ...[0, 0xff, 0x03, 3, 0x43, 0x61, 0xe9], // "Caé" in Latin-1 (invalid UTF-8)
      ...[0, 0x90, 60, 100, 0, 64, 100], // running status
      ...[48, 60, 0, 0, 64, 0],
      ...[0, 0xff, 0x2f, 0],
    ]);
    const s = midiToScore(bytes);
    expect(s.title).toBe('Caé');
    expect(s.tracks[0].notes.map((n) => [n.pitch, n.duration])).toEqual([[60, 240], [64, 240]]);
  });
});

describe('corrupt input gives LM_ERR_MIDI_CORRUPT, never a crash', () => {
  const good = scoreToMidi(richScore());

  it('empty, tiny, text and random files', () => {
    expectCorrupt(() => midiToScore(new Uint8Array()));
    expectCorrupt(() => midiToScore(new Uint8Array([0x4d, 0x54])));
    expectCorrupt(() => midiToScore(new TextEncoder().encode('{"this": "is JSON, not MIDI"}')));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (b) => expectCorrupt(() => midiToScore(b))),
      { numRuns: 200, seed: 1 },
    );
  });

  it('every truncation of a valid file', () => {
    for (let n = 0; n < good.length; n += 1) expectCorrupt(() => midiToScore(good.subarray(0, n)));
  });

  it('random byte corruption yields a valid Score or LM_ERR_MIDI_CORRUPT', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
        const b = good.slice();
        for (const [i, v] of edits) b[i] = v;
        try {
          const s = midiToScore(b);
          expect(findScoreProblems(s)).toEqual([]);
        } catch (e) {
          expect(e).toBeInstanceOf(LeitmotifError);
          expect((e as LeitmotifError).code).toBe('LM_ERR_MIDI_CORRUPT');
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('a header announcing more tracks than present, and a bad status byte', () => {
    const b = good.slice();
    b[11] = 9; // 9 tracks announced
    expectCorrupt(() => midiToScore(b));
    const bad = new Uint8Array([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 1, 0xe0, 0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, 3, 0, 0xf2, 0]);
    expectCorrupt(() => midiToScore(bad));
  });
});

describe('helpers', () => {
  it('tempoToSmf: steps exact, ramps as 1/16 steps ending on the target tempo', () => {
    expect(tempoToSmf([{ tick: 0, bpm: 120, ramp: 'step' }, { tick: 960, bpm: 60, ramp: 'step' }])).toEqual([
      { tick: 0, usPerQuarter: 500000 },
      { tick: 960, usPerQuarter: 1000000 },
    ]);
    const r = tempoToSmf([{ tick: 0, bpm: 60, ramp: 'linear' }, { tick: 1920, bpm: 120, ramp: 'step' }]);
    // At least one step per 1/16 note, finer where the ramp is steep (the slow start here).
    expect(r.length).toBeGreaterThan(16);
    expect(r.length).toBeLessThan(80);
    expect(r[r.length - 1]).toEqual({ tick: 1920, usPerQuarter: 500000 });
    for (let i = 1; i < r.length - 1; i++) expect(r[i].usPerQuarter).toBeLessThan(r[i - 1].usPerQuarter);
    // A long steady tempo whose µs/quarter is fractional (132 BPM) gets drift corrections, so an hour stays exact.
    const long = tempoToSmf([{ tick: 0, bpm: 132, ramp: 'step' }], 480 * 132 * 60);
    const m = new TempoMap(long.map((t) => ({ tick: t.tick, bpm: 60e6 / t.usPerQuarter, ramp: 'step' as const })));
    expect(Math.abs(m.ticksToSeconds(480 * 132 * 60) - 3600)).toBeLessThan(0.0005);
    expect(long.length).toBeGreaterThan(1);
    expect(long.length).toBeLessThan(200);
  });

  it('key signatures: fifths for modes and enharmonic fallbacks', () => {
    expect(keyFifths({ tonic: 'Eb', mode: 'major' })).toBe(-3);
    expect(keyFifths({ tonic: 'C', mode: 'minor' })).toBe(-3);
    expect(keyFifths({ tonic: 'D', mode: 'dorian' })).toBe(0);
    expect(keyFifths({ tonic: 'F#', mode: 'major' })).toBe(6);
    expect(keyFifths({ tonic: 'G#', mode: 'major' })).toBe(-4); // as Ab major
    expect(keyFromSmf(4, 0)).toEqual({ tonic: 'E', mode: 'major' });
    expect(keyFromSmf(-1, 1)).toEqual({ tonic: 'D', mode: 'minor' });
    expect(keyFromSmf(9, 0)).toBeNull();
    expect(GM_PROGRAM_NAMES.length).toBe(128);
  });

  it('readMidiFile/writeMidiFile round-trip through the file system and report a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-midi-'));
    const p = join(dir, 'sub', 'a.mid');
    writeMidiFile(p, richScore());
    expect(readFileSync(p).subarray(0, 4).toString()).toBe('MThd');
    expect(noteKey(readMidiFile(p))).toEqual(noteKey(richScore()));
    expect(() => readMidiFile(join(dir, 'nope.mid'))).toThrow(expect.objectContaining({ code: 'LM_ERR_INPUT_NOT_FOUND' }));
  });
});

describe('a file written by another program (MuseScore 3)', () => {
  const path = fileURLToPath(new URL('../../../test/fixtures/midi/musescore3-export.mid', import.meta.url));

  it('reads the same notes per track as the example it was made from, and the key from a pitched track', () => {
    const s = readMidiFile(path);
    expect(findScoreProblems(s)).toEqual([]);
    expect(s.tracks.map((t) => [t.role, t.program, t.channel])).toEqual([
      ['melody', 73, 0],
      ['harmony', 48, 1],
      ['bass', 33, 2],
      ['percussion', 0, 9],
    ]);
    const example = readMidiFile(fileURLToPath(new URL('../../../examples/example.mid', import.meta.url)));
    expect(s.tracks.map((t) => t.notes.length)).toEqual(example.tracks.map((t) => t.notes.length));
    expect(s.tracks.map((t) => t.notes.map((n) => [n.tick, n.pitch]))).toEqual(example.tracks.map((t) => t.notes.map((n) => [n.tick, n.pitch])));
    // MuseScore writes sf = −1 without the minor flag in the pitched tracks and C major in the drum track.
    expect(s.keys).toEqual([{ tick: 0, tonic: 'F', mode: 'major' }]);
    expect(s.tempo.slice(0, 3).map((t) => t.bpm)).toEqual([84, 84, 96]);
    expect(s.endTick).toBe(20 * 1920);
  });
});
