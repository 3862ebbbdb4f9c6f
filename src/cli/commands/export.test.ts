import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from './export.js';
import { runCommand } from '../test-support/run-command.js';
import { midiToScore } from '../../render/midi/index.js';
import { normalizeScore } from '../../score/index.js';
import { richScore } from '../../../test/fixtures/midi/rich-score.js';

const dir = mkdtempSync(join(tmpdir(), 'lm-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => runCommand(register, ...args);

describe('leitmotif export', () => {
  const scorePath = join(dir, 'cue.score.json');
  writeFileSync(scorePath, JSON.stringify(richScore()));

  it('writes MIDI and MusicXML from a Score JSON', async () => {
    const mid = join(dir, 'out', 'cue.mid'), xml = join(dir, 'out', 'cue.musicxml');
    const r = await run('export', scorePath, '--midi', mid, '--musicxml', xml);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/4 track\(s\), \d+ note\(s\), 8 bar\(s\)/);
    expect(midiToScore(new Uint8Array(readFileSync(mid)))).toEqual(expect.objectContaining({ tracks: expect.any(Array) }));
    expect(normalizeScore(midiToScore(new Uint8Array(readFileSync(mid)))).tracks.map((t) => t.notes)).toEqual(normalizeScore(richScore()).tracks.map((t) => t.notes));
    expect(readFileSync(xml, 'utf8')).toMatch(/^<\?xml[\s\S]*<score-partwise version="4\.0">/);
  });

  it('converts a MIDI file to MusicXML and Score JSON', async () => {
    const mid = join(dir, 'cue.mid');
    await run('export', scorePath, '--midi', mid, '-q');
    const json = join(dir, 'from-midi.json'), xml = join(dir, 'from-midi.musicxml');
    const r = await run('export', mid, '--json', json, '--musicxml', xml, '--quiet');
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(JSON.parse(readFileSync(json, 'utf8')).title).toBe(richScore().title);
    expect(existsSync(xml)).toBe(true);
    const exact = join(dir, 'exact.musicxml');
    expect((await run('export', mid, '--musicxml', exact, '--exact-rhythm', '-q')).code).toBe(0);
    expect(readFileSync(exact, 'utf8')).toMatch(/<score-partwise/);
  });

  it('fails with one clear line when no output is asked for, the input is missing, or it is not a score', async () => {
    let r = await run('export', scorePath);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^leitmotif: nothing to export: give at least one of --midi/);
    expect(r.err).toMatch(/hint: e\.g\. leitmotif export/);

    r = await run('export', join(dir, 'missing.json'), '--midi', join(dir, 'x.mid'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not found/);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ tracks: 3 }));
    r = await run('export', bad, '--midi', join(dir, 'x.mid'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not a valid Leitmotif score/);
    expect(existsSync(join(dir, 'x.mid'))).toBe(false);

    const notMidi = join(dir, 'fake.mid');
    writeFileSync(notMidi, 'hello');
    r = await run('export', notMidi, '--json', join(dir, 'y.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a readable Standard MIDI File/);
    expect(r.err).not.toMatch(/at .*\.ts/); // no stack trace
  });

  it('has help with an example', async () => {
    const r = await run('export', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/leitmotif export cue\.score\.json --midi cue\.mid --musicxml cue\.musicxml/);
  });
});
