import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyTimings, parseScript } from './index.js';
import { ScriptSchema, type Script } from './types.js';
import { LeitmotifError } from '../util/errors.js';

/** Lines that exercise every Fountain construct, so random documents hit the interesting paths. */
const fountainLine = fc.oneof(
  fc.constantFrom(
    '', '', '', 'INT. HOUSE - DAY', 'EXT. SEA - NIGHT #2A#', '.FORCED', 'ADAM', 'EVE (V.O.)', 'STEEL ^', '@McCoy',
    '(beat)', '(quietly', 'then)', 'Hello there.', '  ', 'CUT TO:', '> FADE OUT.', '> CENTER <', '~La la la', '# Act',
    '## Seq', '= synopsis', '===', '[[note', 'note]]', '[[time: 1:23]]', '[[time: 5]]', '/*', '*/', '!LOUD',
    '*it* **bo** _un_', '\\*', 'Title: T', 'Author: A', '\tindented', 'Ünïcødé CAFÉ', 'SARAH (30s) enters.',
  ),
  fc.string({ maxLength: 30 }),
);

/**
 * Any UTF-16 text: ASCII-heavy, plus BMP (lone surrogates included) and astral code points. Built from integers
 * because fc.string({ unit: 'binary' }) is very slow to generate under vitest.
 */
const anyText = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0x10000, max: 0x10ffff })), { maxLength: 400 })
  .map((cps) => String.fromCodePoint(...cps));

function checkInvariants(s: Script): void {
  ScriptSchema.parse(s);
  let prevEnd = 0;
  let prevElementStart = 0;
  s.scenes.forEach((sc, i) => {
    expect(sc.index).toBe(i);
    expect(sc.start).toBeCloseTo(prevEnd, 6);
    prevEnd = sc.start + sc.duration;
    for (const el of sc.elements) {
      expect(el.start).toBeGreaterThanOrEqual(0);
      expect(el.duration).toBeGreaterThanOrEqual(0);
      expect(el.start).toBeGreaterThanOrEqual(sc.start - 1e-9);
      expect(el.start + el.duration).toBeLessThanOrEqual(sc.start + sc.duration + 1e-6);
      // element starts never go backwards, except the second side of dual dialogue (it starts with the first)
      if (!el.dual) expect(el.start).toBeGreaterThanOrEqual(prevElementStart - 1e-9);
      prevElementStart = el.dual ? Math.min(prevElementStart, el.start) : el.start;
    }
  });
  expect(s.duration).toBeCloseTo(prevEnd, 6);
  for (const c of s.characters) {
    expect(c.scenes.length).toBeGreaterThan(0);
    expect(c.scenes).toContain(c.firstAppearance.scene);
    for (const i of c.scenes) expect(s.scenes[i].characters).toContain(c.id);
  }
}

function parseOrLeitmotifError(text: string, format?: 'fountain' | 'fdx' | 'plain'): Script | undefined {
  try {
    return parseScript(text, format ? { format } : {});
  } catch (e) {
    expect(e).toBeInstanceOf(LeitmotifError);
    return undefined;
  }
}

describe('property: any text', () => {
  it('arbitrary strings: only LeitmotifError, valid times, every element in a scene', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(undefined, 'fountain', 'plain', 'fdx'), (text, format) => {
        const s = parseOrLeitmotifError(text, format as 'fountain' | 'plain' | 'fdx' | undefined);
        if (s) checkInvariants(s);
      }),
      { numRuns: 300 },
    );
  });
  it('random Fountain-like documents', () => {
    fc.assert(
      fc.property(fc.array(fountainLine, { maxLength: 60 }), (lines) => {
        const s = parseOrLeitmotifError(lines.join('\n'), 'fountain');
        if (s) {
          checkInvariants(s);
          // retiming any scene keeps the invariants
          if (s.scenes.length) checkInvariants(applyTimings(s, [{ index: s.scenes.length - 1, duration: 42 }]));
        }
      }),
      { numRuns: 400 },
    );
  });
  it('random XML-ish input for the FDX reader', () => {
    const piece = fc.constantFrom('<FinalDraft>', '</FinalDraft>', '<Content>', '</Content>', '<Paragraph Type="Action">', '<Paragraph Type="Character">', '<Paragraph Type="Dialogue">', '</Paragraph>', '<Text>', '</Text>', 'MARA', 'Hi.', '<DualDialogue>', '</DualDialogue>', '&amp;', '<');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const s = parseOrLeitmotifError(`<?xml version="1.0"?>${pieces.join('')}`, 'fdx');
        if (s) checkInvariants(s);
      }),
      { numRuns: 300 },
    );
  });
  it('parsing is deterministic', () => {
    fc.assert(
      fc.property(fc.array(fountainLine, { maxLength: 40 }), (lines) => {
        const t = lines.join('\n');
        const a = parseOrLeitmotifError(t);
        const b = parseOrLeitmotifError(t);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      }),
      { numRuns: 100 },
    );
  });
});
