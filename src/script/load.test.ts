import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScript } from './index.js';
import { loadScript } from './node.js';
import { decodeScriptBytes } from './text.js';
import { LeitmotifError } from '../util/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'lm-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCRIPT = 'INT. CAFÉ - DAY\r\n\r\nZOË\r\nDéjà vu.\r\n';

function utf16be(s: string): Buffer {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

describe('loadScript: encodings and line ends', () => {
  it.each([
    ['utf-8', Buffer.from(SCRIPT, 'utf8')],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SCRIPT, 'utf8')])],
    ['utf-16le with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SCRIPT, 'utf16le')])],
    ['utf-16be with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SCRIPT)])],
    ['utf-16le without BOM', Buffer.from(SCRIPT, 'utf16le')],
    ['windows-1252', Buffer.from(SCRIPT, 'latin1')],
  ])('%s', (name, bytes) => {
    const p = join(dir, `${name.replace(/\W+/g, '-')}.fountain`);
    writeFileSync(p, bytes);
    const s = loadScript(p);
    expect(s.scenes[0].heading).toBe('INT. CAFÉ - DAY');
    expect(s.scenes[0].elements[0]).toMatchObject({ type: 'dialogue', character: 'zoe', text: 'Déjà vu.' });
    expect(s.characters[0].name).toBe('ZOË');
    if (name === 'windows-1252') expect(s.warnings.join()).toMatch(/Windows-1252/);
    if (name.includes('without BOM')) expect(s.warnings.join()).toMatch(/no byte-order mark/);
  });

  it('old Mac CR line ends', () => {
    expect(parseScript('INT. A - DAY\r\rText.\r').scenes[0].elements[0].text).toBe('Text.');
  });

  it('applies a timings file', () => {
    const p = join(dir, 'timed.fountain');
    writeFileSync(p, 'INT. A - DAY #1#\n\nA.\n\nINT. B - DAY #2#\n\nB.\n');
    const t = join(dir, 'timed.csv');
    writeFileSync(t, 'scene,duration\n1,00:00:30\n');
    const s = loadScript(p, { timings: t });
    expect(s.scenes[0]).toMatchObject({ duration: 30, timingSource: 'timings' });
    expect(s.scenes[1].start).toBe(30);
  });

  it('a 50 MB file is refused up front with the size limit in the message', () => {
    const p = join(dir, 'huge.fountain');
    writeFileSync(p, '');
    truncateSync(p, 50 * 1024 * 1024); // sparse: costs nothing on disk
    expect(() => loadScript(p)).toThrow(expect.objectContaining({ code: 'LM_ERR_INPUT_TOO_LARGE' }));
    expect(() => loadScript(p)).toThrow(/50\.0 MB; the limit is 32 MB/);
  });

  it('missing file → LM_ERR_INPUT_NOT_FOUND', () => {
    expect(() => loadScript(join(dir, 'nope.fountain'))).toThrow(expect.objectContaining({ code: 'LM_ERR_INPUT_NOT_FOUND' }));
  });
});

describe('robustness', () => {
  it('empty and whitespace-only text → 0 scenes and a warning, no throw', () => {
    for (const t of ['', '   \n\n\t\n', '\uFEFF']) {
      const s = parseScript(t);
      expect(s.scenes).toEqual([]);
      expect(s.duration).toBe(0);
      expect(s.warnings.join()).toMatch(/empty/);
    }
  });
  it('binary bytes (PDF/ZIP/PNG-like) → LM_ERR_SCRIPT_INVALID "not a text screenplay"', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00, 0x10]);
    expect(() => decodeScriptBytes(png, 'x.png')).toThrow(LeitmotifError);
    expect(() => decodeScriptBytes(png, 'x.png')).toThrow(/not a text screenplay/);
    const p = join(dir, 'a.pdf');
    const junk = new Uint8Array(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) & 0xff;
    writeFileSync(p, junk);
    expect(() => loadScript(p)).toThrow(expect.objectContaining({ code: 'LM_ERR_SCRIPT_INVALID' }));
  });
  it('text with NUL or many control characters → LM_ERR_SCRIPT_INVALID', () => {
    expect(() => parseScript('INT. A\u0000 - DAY')).toThrow(/not a text screenplay/);
    expect(() => parseScript('\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f'.repeat(3))).toThrow(/not a text screenplay/);
  });
  it('oversized text is refused with the limit in the message', () => {
    const big = 'a'.repeat(16 * 1024 * 1024 + 1);
    expect(() => parseScript(big)).toThrow(expect.objectContaining({ code: 'LM_ERR_INPUT_TOO_LARGE' }));
  });
  it('pathological inputs finish (no catastrophic backtracking)', () => {
    const cases = [
      '*'.repeat(200_000),
      '_a'.repeat(100_000),
      '[['.repeat(100_000) + '\n\n]]',
      '/*'.repeat(100_000),
      'INT. ' + ' - '.repeat(50_000) + '\n\nX',
      ('A'.repeat(40) + '\n').repeat(20_000),
      ('\n' + 'ALICE\nHi.\n').repeat(20_000),
    ];
    for (const c of cases) expect(parseScript(c, { format: 'fountain' }).format).toBe('fountain');
  });
});
