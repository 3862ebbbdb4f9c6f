/**
 * The game session as files other programs open: session.mid plays every note on the instrument its track
 * names (one program per channel at every moment; a channel passes to a new instrument only after the last one
 * has ended, with its own program change where it starts), and session.mid re-read and rendered gives each note
 * the same program as the session Score that session.wav is rendered from. Checked on both example games,
 * through the render plans (programs per note-on), not audio.
 */
import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadGraphFile, loadTimelineFile } from './node/load.js';
import { runSession } from './session.js';
import { eventsToScore } from './to-score.js';
import { testComposer } from './testing/test-composer.js';
import { decodeSmf, midiToScore, scoreToMidi } from '../render/midi/index.js';
import { planFromMidi, planFromScore, type RenderPlan } from '../render/audio/events.js';
import { DRUM_CHANNEL, gmProgramName } from '../theory/index.js';
import type { Score } from '../score/schema.js';

const ex = (f: string) => fileURLToPath(new URL(`../../examples/${f}`, import.meta.url));
const PROGRAM = 0xc0;
const NOTE_ON = 0x90;

/** Per channel and pitch (same-pitch notes never overlap on a channel), the program of each note in order. */
type ProgramsByKey = Map<string, number[]>;

function expectedPrograms(score: Score): ProgramsByKey {
  const out: ProgramsByKey = new Map();
  const notes = score.tracks.filter((t) => t.channel !== DRUM_CHANNEL).flatMap((t) => t.notes.map((n) => ({ key: `ch${t.channel + 1} pitch ${n.pitch}`, tick: n.tick, program: t.program })));
  notes.sort((a, b) => a.tick - b.tick);
  for (const n of notes) out.set(n.key, [...(out.get(n.key) ?? []), n.program]);
  return out;
}

function planPrograms(plan: RenderPlan): ProgramsByKey {
  const program = new Map<number, number>();
  const out: ProgramsByKey = new Map();
  for (const e of plan.events) {
    if (e.type === PROGRAM) program.set(e.channel, e.d1);
    else if (e.type === NOTE_ON && e.d2 > 0 && e.channel !== DRUM_CHANNEL) {
      const key = `ch${e.channel + 1} pitch ${e.d1}`;
      out.set(key, [...(out.get(key) ?? []), program.get(e.channel) ?? -1]);
    }
  }
  return out;
}

const sorted = (m: ProgramsByKey) => [...m.entries()].sort((a, b) => a[0].localeCompare(b[0]));

/** Problems in the SMF itself: two programs at one tick on a channel, or a program change under a sounding note. */
function smfProgramProblems(bytes: Uint8Array): string[] {
  const smf = decodeSmf(bytes);
  const problems: string[] = [];
  const programs = new Map<number, Array<{ tick: number; program: number }>>();
  const notes: Array<{ ch: number; on: number; off: number }> = [];
  for (const tr of smf.tracks) {
    const open = new Map<number, number>();
    for (const e of tr) {
      if (e.kind === 'program') programs.set(e.channel, [...(programs.get(e.channel) ?? []), { tick: e.tick, program: e.program }]);
      else if (e.kind === 'noteOn') open.set(e.channel * 128 + e.pitch, e.tick);
      else if (e.kind === 'noteOff') {
        const on = open.get(e.channel * 128 + e.pitch);
        if (on !== undefined) notes.push({ ch: e.channel, on, off: e.tick });
        open.delete(e.channel * 128 + e.pitch);
      }
    }
  }
  for (const [ch, list] of programs) {
    if (ch === DRUM_CHANNEL) continue;
    for (const a of list) for (const b of list) if (a.tick === b.tick && a.program !== b.program) problems.push(`ch${ch + 1}: programs ${a.program} and ${b.program} both at tick ${a.tick}`);
    for (const n of notes) {
      if (n.ch !== ch) continue;
      const at = (t: number) => list.filter((p) => p.tick <= t).sort((x, y) => x.tick - y.tick).at(-1)?.program;
      const p0 = at(n.on);
      for (const p of list) if (p.tick > n.on && p.tick < n.off && p.program !== p0) problems.push(`ch${ch + 1}: program ${p.program} at tick ${p.tick} under a note ${n.on}–${n.off} of program ${p0}`);
    }
  }
  return [...new Set(problems)];
}

describe.each([
  ['stealth-combat', ['stealth', 'combat', 'victory']],
  ['exploration', ['explore', 'discovery', 'rest']],
])('session.mid of %s', (name, states) => {
  const graph = loadGraphFile(ex(`${name}.graph.json`));
  const r = runSession(graph, loadTimelineFile(ex(`${name}.timeline.json`)), { createComposer: testComposer });
  const score = r.score;
  const bytes = scoreToMidi(score);

  it('has one instrument per channel at every moment; drums on channel 10; no empty tracks; tracks named by instrument and state', () => {
    for (const t of score.tracks) {
      expect(t.notes.length, t.name).toBeGreaterThan(0);
      expect(t.role === 'percussion', t.name).toBe(t.channel === DRUM_CHANNEL);
      expect(t.name.startsWith(t.channel === DRUM_CHANNEL ? 'Drums (' : `${gmProgramName(t.program)} (`), t.name).toBe(true);
      expect(t.name, 'ASCII: DAWs read track names as Latin-1').toMatch(/^[\x20-\x7e]+$/);
      const rest = t.name.slice(t.name.indexOf(' (') + 2, -1);
      expect(states.some((s) => rest.includes(s)) || rest.startsWith('stinger '), t.name).toBe(true);
    }
    // Tracks sharing a channel follow one another: each starts after the one before has ended.
    const byChannel = new Map<number, Array<{ a: number; b: number; name: string }>>();
    for (const t of score.tracks) {
      const a = Math.min(...t.notes.map((n) => n.tick), ...t.controllers.map((c) => c.tick));
      const b = Math.max(...t.notes.map((n) => n.tick + n.duration), ...t.controllers.map((c) => c.tick));
      byChannel.set(t.channel, [...(byChannel.get(t.channel) ?? []), { a, b, name: t.name }]);
    }
    for (const [ch, list] of byChannel) {
      if (ch === DRUM_CHANNEL) continue;
      list.sort((x, y) => x.a - y.a);
      for (let i = 1; i < list.length; i++) expect(list[i].a, `ch${ch + 1}: "${list[i].name}" after "${list[i - 1].name}"`).toBeGreaterThanOrEqual(list[i - 1].b);
    }
    expect(smfProgramProblems(bytes)).toEqual([]);
  });

  it('plays every note on the program its track names, in the MIDI file and in the WAV render plan alike', () => {
    const want = sorted(expectedPrograms(score));
    // session.wav is rendered from the session Score; `leitmotif render session.mid` from the file.
    expect(sorted(planPrograms(planFromScore(score)))).toEqual(want);
    expect(sorted(planPrograms(planFromMidi(bytes)))).toEqual(want);
    // Read back by the project's MIDI reader and rendered: the same program per note.
    const reread = midiToScore(bytes);
    expect(sorted(planPrograms(planFromScore(reread)))).toEqual(want);
    expect(reread.tracks.map((t) => [t.name, t.channel, t.program])).toEqual(score.tracks.map((t) => [t.name, t.channel, t.program]));
  });
});

describe('eventsToScore channel allocation', () => {
  const at = (tick: number) => ({ tick, time: tick / 960 });
  it('moves an instrument off a channel whose previous voice still sounds, with the controller state it had', () => {
    const s = eventsToScore([
      { ...at(0), type: 'marker', kind: 'state', name: 'calm' },
      { ...at(0), type: 'program', channel: 0, program: 40 },
      { ...at(0), type: 'cc', channel: 0, controller: 11, value: 90 },
      { ...at(0), type: 'noteOn', channel: 0, pitch: 60, velocity: 80 },
      { ...at(0), type: 'noteOn', channel: 9, pitch: 36, velocity: 80 },
      { ...at(240), type: 'noteOff', channel: 9, pitch: 36 },
      { ...at(960), type: 'marker', kind: 'state', name: 'fight' },
      { ...at(960), type: 'program', channel: 0, program: 47 },
      { ...at(960), type: 'noteOn', channel: 0, pitch: 48, velocity: 100 },
      { ...at(1920), type: 'noteOff', channel: 0, pitch: 60 },
      { ...at(1920), type: 'noteOff', channel: 0, pitch: 48 },
      { ...at(1920), type: 'program', channel: 0, program: 0 },
      { ...at(1920), type: 'cc', channel: 0, controller: 11, value: 100 },
      { ...at(3840), type: 'program', channel: 0, program: 40 },
      { ...at(3840), type: 'noteOn', channel: 0, pitch: 62, velocity: 80 },
      { ...at(4800), type: 'noteOff', channel: 0, pitch: 62 },
    ]);
    expect(s.tracks.map((t) => [t.name, t.channel + 1, t.program])).toEqual([
      ['Violin (calm)', 1, 40],
      ['Drums (calm)', 10, 0],
      ['Timpani (fight)', 2, 47],
      ['Violin (fight)', 1, 40],
    ]);
    expect(s.tracks[2].controllers).toEqual([{ tick: 960, controller: 11, value: 90 }]);
    expect(smfProgramProblems(scoreToMidi(s))).toEqual([]);
    expect(sorted(planPrograms(planFromMidi(scoreToMidi(s))))).toEqual(sorted(expectedPrograms(s)));
  });
});
