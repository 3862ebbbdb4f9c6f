/* eslint-disable no-control-regex -- the test looks for terminal escapes on purpose */
/**
 * The CLI on hostile files from issue 13: one error line naming the limit or cause plus a hint, exit 1 or 2
 * (never 70/133/134), within seconds, and no partial output.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { main } from '../src/cli/main.js';
import { reportError } from '../src/cli/report-error.js';
import { LeitmotifError } from '../src/util/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'lm-hostile-'));
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const vlq = (v: number) => {
  const out = [v & 0x7f];
  while ((v >>>= 7)) out.unshift((v & 0x7f) | 0x80);
  return out;
};
const lateTrack = [0x00, 0x90, 60, 100, ...vlq(0x0fffffff), 0x80, 60, 0, 0x00, 0xff, 0x2f, 0];
const lateMidi = Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 1, 0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, lateTrack.length, ...lateTrack]);

async function run(argv: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const t0 = Date.now();
  try {
    const code = await main(['node', 'leitmotif', ...argv]);
    return { code, out, err, ms: Date.now() - t0 };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

describe('CLI on hostile input', () => {
  const cases: Array<[string, () => string[], RegExp, string?]> = [
    ['score: 74-byte Fountain with a huge dry scene', () => ['score', file('dry.fountain', 'INT. ROOM - DAY\n\n[[time: 99999999999]]\n\nBob sits.\n\nEXT. ROAD - DAY\n\nRain.\n'), '-o', join(dir, 'out-dry'), '--no-audio', '-q'], /longest scene Leitmotif reads is 30 min/, 'out-dry'],
    ['score: a three-hour scene', () => ['score', file('3h.fountain', 'INT. ROOM - DAY\n\n[[time: 3:00:00]]\n\nBob sits.\n'), '-o', join(dir, 'out-3h'), '--no-audio', '-q'], /3:00:00.*longest scene/, 'out-3h'],
    ['export: 37-byte MIDI with one late note at PPQ 1', () => ['export', file('late.mid', lateMidi), '--musicxml', join(dir, 'late.musicxml')], /longest MIDI file Leitmotif reads is 100000 quarter notes/, 'late.musicxml'],
    ['render: the same MIDI file to WAV', () => ['render', file('late2.mid', lateMidi), '-o', join(dir, 'late.wav')], /longest MIDI file Leitmotif (renders is 6 h|reads is 100000)/, 'late.wav'],
    ['play: a 10 s timeline with an event at 24 h', () => ['play', 'examples/exploration.graph.json', '-t', file('late.timeline.json', JSON.stringify({ duration: 10, events: [{ time: 86400, type: 'event', name: 'boss' }] })), '-o', join(dir, 'out-play'), '--no-wav'], /longest session Leitmotif plays is 4 h/, 'out-play'],
    ['analyze: an empty file', () => ['analyze', file('empty.fountain', '')], /no scenes to analyse/],
    ['analyze: a malformed FDX (unclosed CDATA)', () => ['analyze', file('bad.fdx', '<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Action"><Text><![CDATA[ x</Text></Paragraph></Content></FinalDraft>')], /malformed Final Draft XML/],
  ];
  it.each(cases)('%s', async (_n, argv, re, output) => {
    const r = await run(argv());
    expect(r.ms).toBeLessThan(10_000);
    expect([1, 2]).toContain(r.code);
    const lines = r.err.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^leitmotif: /);
    expect(lines[0]).toMatch(re);
    expect(lines.length).toBeLessThanOrEqual(2);
    if (lines[1]) expect(lines[1]).toMatch(/^ {2}hint: /);
    expect(r.err).not.toMatch(/internal error|this is a bug/);
    if (output) expect(existsSync(join(dir, output))).toBe(false);
  });

  it('analyze: terminal escapes in a script never reach the terminal or arc.svg', async () => {
    const evil = 'Title: \u001b]0;pwned\u0007Evil\u001b[2J\n\nINT. \u001b[31mRED ROOM - DAY\n\nBob sits and waits by the window for a long while, watching the rain fall.\n\nHe waits more; the rain keeps falling and the night gets darker around him.\n';
    const svg = join(dir, 'esc.svg');
    const r = await run(['analyze', file('esc.fountain', evil), '--svg', svg]);
    expect(r.code).toBe(0);
    expect(r.out + r.err).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(r.out).toMatch(/RED ROOM/);
    expect(XMLValidator.validate(readFileSync(svg, 'utf8'))).toBe(true);
  });
});

describe('reportError', () => {
  it('prints a multi-line cause (a raw zod dump) as one line, without escapes, exit 2', () => {
    const zod = z.object({ numerator: z.number().int().max(32) }).safeParse({ numerator: 0.5 });
    const dump = zod.success ? '' : zod.error.message;
    expect(dump.split('\n').length).toBeGreaterThan(5);
    let out = '';
    const code = reportError(new LeitmotifError('LM_ERR_MIDI_CORRUPT', `bad \u001b]0;x\u0007file: ${dump}`, { hint: 'a\nb' }), (s) => (out += s));
    expect(code).toBe(2);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(out).not.toMatch(/[\u001b\u0007]/);
  });
});
