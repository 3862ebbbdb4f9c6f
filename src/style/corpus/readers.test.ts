import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readChoraleJson } from './chorales.js';
import { loadCorpus } from './node.js';
import { readMidi } from './midi.js';

const fx = (p: string) => fileURLToPath(new URL(`../fixtures/${p}`, import.meta.url));

describe('chorale JSON reader', () => {
  const r = readChoraleJson(JSON.parse(readFileSync(fx('tiny-chorales.json'), 'utf8')), 'tiny-chorales-16th.json');

  it('reads SATB steps, merges held notes, detects keys, labels chords', () => {
    expect(r.pieces).toHaveLength(4);
    const [c, a] = r.pieces;
    expect(c.key).toEqual({ tonic: 0, mode: 'major' });
    expect(a.key).toEqual({ tonic: 9, mode: 'minor' });
    expect(c.melody.map((n) => n.pitch)).toEqual([72, 71, 72, 74, 76, 74, 72]);
    expect(c.melody[6].duration).toBe(2);
    expect(c.bass!.map((n) => n.pitch)).toEqual([48, 55, 52, 53, 48, 55, 48]);
    expect(c.chords![0]).toBe('I');
    expect(c.chords!.at(-1)).toBe('I');
    expect(c.chords).toContain('V7');
    expect(a.chords).toEqual(expect.arrayContaining(['i', 'V']));
  });

  it('skips a broken chorale with a warning', () => {
    expect(r.warnings).toEqual(['tiny-chorales-16th.json#test/1: skipped (too short or not a list of steps)']);
    expect(readChoraleJson({ nope: 1 }, 'x.json').warnings[0]).toMatch(/not a chorale JSON/);
  });
});

describe('MIDI reader', () => {
  it('picks melody, bass, chords and drum bars from a multi-track file', () => {
    const r = readMidi(new Uint8Array(readFileSync(fx('midi/song.mid'))), 'song.mid');
    expect(r.warnings).toEqual([]);
    const p = r.pieces[0];
    expect(p.key).toEqual({ tonic: 7, mode: 'major' });
    expect(p.meter).toEqual({ numerator: 4, denominator: 4 });
    expect(p.melody.slice(0, 4).map((n) => n.pitch)).toEqual([67, 71, 74, 71]);
    expect(p.melody.at(-1)!.pitch).toBe(67);
    expect(p.bass!.slice(0, 2).map((n) => n.pitch)).toEqual([43, 50]);
    expect(p.drumPatterns).toBe(true);
    expect(p.barPatterns![0]).toBe(0b0101010101010101);
    expect(p.chords![0]).toBe('I');
    expect(p.chords).toEqual(expect.arrayContaining(['IV', 'V']));
  });

  it('skips a corrupt file with a warning', () => {
    const r = readMidi(new Uint8Array(readFileSync(fx('midi/corrupt.mid'))), 'corrupt.mid');
    expect(r.pieces).toEqual([]);
    expect(r.warnings[0]).toMatch(/^corrupt\.mid: skipped/);
  });
});

describe('loadCorpus', () => {
  it('walks folders, hashes files, skips bad ones, removes duplicate pieces', () => {
    const c = loadCorpus([fx('')], { licence: () => 'CC0' });
    const names = c.manifest.map((m) => m.path).sort();
    expect(names).toEqual(['midi/corrupt.mid', 'midi/song.mid', 'tiny-chorales.json', 'tiny.abc']);
    expect(c.manifest.every((m) => /^[0-9a-f]{64}$/.test(m.sha256) && m.licence === 'CC0')).toBe(true);
    expect(c.skippedFiles).toBe(1);
    expect(c.pieces.length).toBe(6 + 4 + 1);
    expect(c.warnings.some((w) => w.startsWith('midi/corrupt.mid'))).toBe(true);
    const twice = loadCorpus([fx('tiny.abc'), fx('tiny.abc'), fx('')]);
    expect(twice.pieces.length).toBe(c.pieces.length);
  });
});
