/* eslint-disable no-control-regex -- these tests and fuzzers look for control characters on purpose */
/**
 * Exact hostile inputs from issue 13, one table per reader: each must end in a LeitmotifError whose one-line
 * message names the limit or the cause — never another exception, never a silent success, and fast.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { assertScoreable, applyTimings, parseScript, parseTimingsFile } from '../src/script/index.js';
import { midiToScore, scoreToMidi } from '../src/render/midi/index.js';
import { parseScore, type Score } from '../src/score/index.js';
import { readAbc } from '../src/style/corpus/abc.js';
import { parseTimeline } from '../src/adaptive/timeline.js';
import { decodeModelFile } from '../src/style/model-file.js';
import { analyzeScript, arcToSvg, parseTextModel } from '../src/affect/index.js';
import { loadDefaultTextModel, loadTextModel } from '../src/affect/node.js';
import { isLeitmotifError, type LeitmotifError } from '../src/util/errors.js';
import { LIMITS } from '../src/util/limits.js';

function userError(f: () => unknown): LeitmotifError {
  const t0 = Date.now();
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(Date.now() - t0).toBeLessThan(3000);
  expect(caught, 'expected a LeitmotifError').toBeDefined();
  if (!isLeitmotifError(caught)) throw new Error(`not a LeitmotifError: ${String(caught)}`);
  expect(caught.message).not.toMatch(/\n/);
  return caught;
}

const fdx = (inner: string, pre = '') => `<?xml version="1.0"?>${pre}<FinalDraft DocumentType="Script"><Content>${inner}</Content></FinalDraft>`;
const para = (type: string, text: string, extra = '') => `<Paragraph Type="${type}">${extra}<Text>${text}</Text></Paragraph>`;

describe('scripts: time notes, FDX lengths, malformed XML', () => {
  const cases: Array<[string, string, 'fountain' | 'fdx' | 'plain', RegExp]> = [
    ['huge dry time note (125-byte OOM file)', 'INT. ROOM - DAY\n\n[[time: 99999999999]]\n\nBob sits.\n\nEXT. ROAD - DAY\n\nRain.\n', 'fountain', /longest scene Leitmotif reads is 30 min/],
    ['three-hour scene', 'INT. ROOM - DAY\n\n[[time: 3:00:00]]\n\nBob sits.\n', 'fountain', /3:00:00.*longest scene.*30 min/],
    ['25-hour timecode', 'INT. ROOM - DAY\n\n[[time: 25:00:00:00]]\n\nBob.\n', 'fountain', /longest scene/],
    ['FDX Length of 99 999 999 pages', fdx(para('Scene Heading', 'INT. A', '<SceneProperties Length="99999999"/>') + para('Action', 'x')), 'fdx', /longest scene/],
    ['FDX unclosed processing instruction', fdx(para('Action', 'x')) + '<?pi never closed', 'fdx', /malformed Final Draft XML/],
    ['FDX unclosed CDATA', fdx(para('Action', '<![CDATA[ never closed')), 'fdx', /malformed Final Draft XML/],
    ['FDX external entity', fdx(para('Action', '&e;'), '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'), 'fdx', /malformed Final Draft XML/],
    ['FDX invalid doctype', fdx(para('Action', 'x'), '<!DOCTYPE x [ <!BOGUS> ]>'), 'fdx', /malformed Final Draft XML|not a Final Draft/],
    ['FDX 101-deep nesting', fdx('<a>'.repeat(101) + '</a>'.repeat(101)), 'fdx', /Final Draft|malformed/],
    ['FDX 5000-deep nesting', fdx('<a>'.repeat(5000) + '</a>'.repeat(5000)), 'fdx', /Final Draft|malformed/],
    ['FDX without FinalDraft root', '<?xml version="1.0"?><Other/>', 'fdx', /no <FinalDraft> element/],
  ];
  it.each(cases)('%s', (_name, text, format, re) => {
    let e: LeitmotifError | undefined;
    try {
      const s = parseScript(text, { format });
      // Deep nesting may parse into an empty script instead: that is fine, as long as it is a Script.
      expect(s.format).toBe(format);
      expect(re.source).toMatch(/Final Draft\|malformed/);
      return;
    } catch (x) {
      if (!isLeitmotifError(x)) throw x;
      e = x;
    }
    expect(e.code).toBe('LM_ERR_SCRIPT_INVALID');
    expect(e.message).toMatch(re);
    expect(e.message).not.toMatch(/\n/);
  });

  it('a 29-minute scene is fine; a 7-hour film is refused before scoring with the film limit', () => {
    const scene = (i: number) => `INT. ROOM ${i} - DAY\n\n[[time: 29:00]]\n\nBob waits.\n\n`;
    expect(parseScript(scene(1)).scenes[0].duration).toBe(29 * 60);
    const long = parseScript(Array.from({ length: 15 }, (_, i) => scene(i)).join(''));
    expect(long.duration).toBeGreaterThan(LIMITS.filmSeconds);
    expect(userError(() => assertScoreable(long)).message).toMatch(/longest film Leitmotif reads is 6 h/);
  });

  it('strips terminal escapes (OSC, CSI, C0) from the script, so the table and arc.svg stay clean', () => {
    const evil = 'Title: \u001b]0;pwned\u0007Evil\u001b[2J\n\nINT. \u001b[31mRED\u001b[0m ROOM - DAY\u0007\n\nBob \u001b]8;;http://x\u001b\\\\link\u001b]8;;\u001b\\\\ sits.\u0001\n\n' + 'He waits by the window and watches the rain. '.repeat(40) + '\n';
    const s = parseScript(evil);
    const all = JSON.stringify(s);
    expect(all).not.toMatch(/\\u001b|\\u0007|\\u0001/);
    expect(s.scenes[0].heading).toBe('INT. RED ROOM - DAY');
    const svg = arcToSvg(analyzeScript(s, { model: loadDefaultTextModel() }), s);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});

describe('timings files', () => {
  const script = parseScript('INT. A - DAY\n\nBob.\n\nEXT. B - DAY\n\nAnn.\n');
  const cases: Array<[string, string, string, RegExp]> = [
    ['CSV 99 999 999 s', '1,99999999\n', 't.csv', /longest scene Leitmotif reads is 30 min/],
    ['CSV three hours', 'scene,duration\n1,3:00:00\n', 't.csv', /3:00:00.*30 min/],
    ['JSON 25 h timecode', '[{"scene": 2, "duration": "25:00:00:00"}]', 't.json', /longest scene/],
    ['JSON start/end 10 h apart', '[{"scene": 1, "start": "0:00:00", "end": "10:00:00"}]', 't.json', /longest scene/],
    ['bad JSON', '[{"scene": 1,', 't.json', /not valid JSON/],
  ];
  it.each(cases)('%s', (_n, text, file, re) => {
    const e = userError(() => applyTimings(script, parseTimingsFile(text, file)));
    expect(e.message).toMatch(re);
  });
});

/** A format-0 SMF with the given PPQ and one track body (without end-of-track). */
function smf(ppq: number, body: number[]): Uint8Array {
  const track = [...body, 0x00, 0xff, 0x2f, 0x00];
  const len = track.length;
  return Uint8Array.from([
    0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, (ppq >> 8) & 0x7f, ppq & 0xff,
    0x4d, 0x54, 0x72, 0x6b, (len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff, ...track,
  ]);
}
const vlq = (v: number) => {
  const out = [v & 0x7f];
  while ((v >>>= 7)) out.unshift((v & 0x7f) | 0x80);
  return out;
};

describe('MIDI reader and writer', () => {
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['38-byte file: one late note at PPQ 1', smf(1, [0x00, 0x90, 60, 100, ...vlq(0x0fffffff), 0x80, 60, 0]), /longest MIDI file Leitmotif reads is 100000 quarter notes/],
    ['late end-of-track at PPQ 480', smf(480, [0x00, 0x90, 60, 100, 0x60, 0x80, 60, 0, ...vlq(0x0fffffff), 0xff, 0x01, 0]), /longest MIDI file/],
    ['a 5000-quarter stuck note', smf(480, [0x00, 0x90, 60, 100, ...vlq(5000 * 480), 0x80, 60, 0]), /longest note Leitmotif reads is 4096/],
    ['empty file', new Uint8Array(0), /empty/],
    ['not MIDI', new TextEncoder().encode('hello, this is not a MIDI file'), /MThd/],
  ];
  it.each(cases)('%s', (_n, bytes, re) => {
    const e = userError(() => midiToScore(bytes));
    expect(e.message).toMatch(re);
  });

  it('a malformed meter gives one line, not a zod dump', () => {
    // 6/8 at 0, then 4/4 at tick 100 (off every barline) → a partial bar of a non-integer numerator.
    const bytes = smf(480, [0x00, 0xff, 0x58, 4, 6, 3, 24, 8, 0x00, 0x90, 60, 100, 0x64, 0xff, 0x58, 4, 4, 2, 24, 8, 0x83, 0x60, 0x80, 60, 0]);
    let out: unknown;
    try {
      out = midiToScore(bytes);
    } catch (e) {
      out = e;
    }
    if (isLeitmotifError(out)) {
      expect(out.message).not.toMatch(/\n/);
      expect(out.message.length).toBeLessThan(400);
    } else expect((out as Score).meters.length).toBeGreaterThan(0);
  });

  it('a file over the size limit is refused by size', () => {
    const big = new Uint8Array(LIMITS.midiBytes + 1);
    expect(userError(() => midiToScore(big)).code).toBe('LM_ERR_INPUT_TOO_LARGE');
  });

  it('the SMF writer refuses a gap over 2^28 ticks with a typed error before encoding', () => {
    const score = parseScore({
      tempo: [{ tick: 0, bpm: 120 }],
      meters: [{ tick: 0, numerator: 4, denominator: 4 }],
      tracks: [{ name: 'a', role: 'melody', program: 0, channel: 0, notes: [{ tick: 0, duration: 480, pitch: 60, velocity: 90 }] }],
      endTick: 960,
    });
    const hostile = { ...score, endTick: 2 ** 28 + 10, tracks: [{ ...score.tracks[0], notes: [{ tick: 2 ** 28 + 1, duration: 1, pitch: 60, velocity: 90 }] }] };
    expect(userError(() => scoreToMidi(hostile)).message).toMatch(/MIDI file holds at most/);
  });
});

describe('Score schema and validator', () => {
  const base = {
    tempo: [{ tick: 0, bpm: 120 }],
    meters: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [{ name: 'a', role: 'melody', program: 0, channel: 0, notes: [{ tick: 0, duration: 480, pitch: 60, velocity: 90 }] }],
    endTick: 960,
  };
  const cases: Array<[string, unknown, RegExp]> = [
    ['endTick 1e12', { ...base, endTick: 1e12 }, /longest score Leitmotif reads/],
    ['note of 1e9 ticks', { ...base, endTick: 48_000_000, tracks: [{ ...base.tracks[0], notes: [{ tick: 0, duration: 1e9, pitch: 60, velocity: 90 }] }] }, /longest note/],
    ['40 M ticks at 5 bpm (hundreds of hours)', { ...base, tempo: [{ tick: 0, bpm: 5 }], endTick: 40_000_000 }, /lasts .*longest score Leitmotif reads is 6 h/],
  ];
  it.each(cases)('%s', (_n, json, re) => {
    expect(userError(() => parseScore(json)).message).toMatch(re);
  });
});

describe('ABC', () => {
  it('a huge note length skips the tune with a warning naming the limit (427-byte train crash)', () => {
    const abc = `X:1\nT:Huge\nM:4/4\nL:1/8\nK:C\nC999999999999 D E F G A B c d e f g|\n\nX:2\nT:Fine\nM:4/4\nL:1/8\nK:C\nCDEF GABc|cBAG FEDC|CDEF GABc|\n`;
    const r = readAbc(abc, 'x.abc');
    expect(r.pieces.map((p) => p.title)).toEqual(['Fine']);
    expect(r.warnings.join(' ')).toMatch(/longest note Leitmotif reads is 4096/);
  });
  it('a huge multi-bar rest is refused the same way', () => {
    const r = readAbc(`X:1\nT:Rest\nM:4/4\nL:1/8\nK:C\nCDEF GABc|Z99999999|CDEF GABc|\n`, 'x.abc');
    expect(r.pieces).toHaveLength(0);
    expect(r.warnings.join(' ')).toMatch(/longest/);
  });
});

describe('adaptive timeline', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['a 10 s session with an event at 24 h', { duration: 10, events: [{ time: 86400, type: 'event', name: 'boss' }] }, /longest session Leitmotif plays is 4 h/],
    ['an event after the end', { duration: 10, events: [{ time: 3600, type: 'state', name: 'win' }] }, /after the session ends/],
    ['a 5 h session', { duration: 5 * 3600, events: [] }, /longest session/],
  ];
  it.each(cases)('%s', (_n, json, re) => {
    expect(userError(() => parseTimeline(json)).message).toMatch(re);
  });
});

describe('models: damaged files are refused, not loaded', () => {
  const style = JSON.parse(readFileSync(new URL('../models/style/harmony.lmstyle.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const edits: Array<[string, (m: Record<string, unknown>) => void]> = [
    ['a count changed', (m) => ((m.corpus as { notes: number }).notes += 1)],
    ['a name changed', (m) => (m.name = 'other')],
    ['one base64 character of the tables changed', (m) => {
      const t = m.tables as { data: string };
      t.data = t.data.slice(0, 40) + (t.data[40] === 'A' ? 'B' : 'A') + t.data.slice(41);
    }],
    ['the copy index cut short', (m) => ((m.copyIndex as { data: string }).data = (m.copyIndex as { data: string }).data.slice(0, 100))],
    ['a warning appended', (m) => (m.corpus as { warnings: string[] }).warnings.push('x')],
  ];
  it('the shipped style model loads', () => {
    expect(decodeModelFile(structuredClone(style)).header.id).toBe(style.id);
  });
  it.each(edits)('style model: %s', (_n, edit) => {
    const m = structuredClone(style);
    edit(m);
    const e = userError(() => decodeModelFile(m, 'harmony model'));
    expect(e.code).toBe('LM_ERR_MODEL_INVALID');
    expect(e.message).toMatch(/damaged or was edited/);
  });

  const text = JSON.parse(readFileSync(new URL('../models/affect/text-vad.json', import.meta.url), 'utf8')) as {
    calibration: { valence: { scale: number; center: number } };
    intercept: number[];
    dense: { mean: number[]; std: number[]; weights: number[][] };
    terms: { values: number[] };
  };
  const textEdits: Array<[string, (m: typeof text) => void]> = [
    ['calibration scale 0', (m) => (m.calibration.valence.scale = 0)],
    ['calibration scale 1e-300', (m) => (m.calibration.valence.scale = 1e-300)],
    ['intercept 1e300', (m) => (m.intercept[0] = 1e300)],
    ['a dense weight 1e308', (m) => (m.dense.weights[0][0] = 1e308)],
    ['dense means cut short', (m) => m.dense.mean.pop()],
    ['a term weight 1e300', (m) => (m.terms.values[0] = 1e300)],
    ['a negative std', (m) => (m.dense.std[0] = -1)],
    ['an in-range term weight changed (caught by the content hash)', (m) => (m.terms.values[0] += 0.5)],
    ['an in-range calibration centre changed', (m) => (m.calibration.valence.center += 0.01)],
  ];
  it('the shipped text model loads and carries its content hash', () => {
    expect(parseTextModel(structuredClone(text)).id).toBe('text-vad-emobank-ridge-glove-v3');
    expect((text as unknown as { contentHash: string }).contentHash).toMatch(/^[0-9a-f]{16}$/);
  });
  it.each(textEdits)('text model: %s', (_n, edit) => {
    const m = structuredClone(text);
    edit(m);
    expect(userError(() => parseTextModel(m)).code).toBe('LM_ERR_MODEL_INVALID');
  });
  it('the Node loader (node:crypto hashing the file as written) refuses a byte edited in place and loads the intact file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-textmodel-'));
    try {
      const raw = readFileSync(new URL('../models/affect/text-vad.json', import.meta.url), 'utf8');
      const ok = join(dir, 'ok.json');
      writeFileSync(ok, raw);
      expect(loadTextModel(ok).id).toBe('text-vad-emobank-ridge-glove-v3');
      const bad = join(dir, 'bad.json');
      const at = raw.indexOf('"intercept":[') + 15; // a digit after the point: an in-range value
      const digit = raw[at] === '1' ? '2' : '1';
      writeFileSync(bad, raw.slice(0, at) + digit + raw.slice(at + 1));
      const e = userError(() => loadTextModel(bad));
      expect(e.code).toBe('LM_ERR_MODEL_INVALID');
      expect(e.message).toMatch(/damaged or was edited/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
