/** purpose: scenes are named the same way everywhere — as written in the script, else by position (a prelude is 0). */
import { describe, expect, it } from 'vitest';
import { parseScript } from './index.js';
import { sceneLabels } from './scene-label.js';
import { parseTimingsFile, applyTimings } from './timings.js';

describe('sceneLabels', () => {
  it.each([
    ['numbers as written win', 'INT. A - DAY #4A#\n\nHi.\n\nEXT. B - NIGHT #5#\n\nBye.', ['4A', '5']],
    ['unnumbered scenes count from 1', 'INT. A - DAY\n\nHi.\n\nEXT. B - NIGHT\n\nBye.', ['1', '2']],
    ['a prelude before the first heading is scene 0', 'Some prelude action.\n\nINT. A - DAY\n\nHi.\n\nEXT. B - NIGHT\n\nBye.', ['0', '1', '2']],
  ])('%s', (_name, text, want) => {
    expect(sceneLabels(parseScript(text))).toEqual(want);
  });

  it('a timings file names scenes by the same labels', () => {
    const script = parseScript('Some prelude action.\n\nINT. A - DAY\n\nHi.\n\nEXT. B - NIGHT\n\nBye.');
    const label = sceneLabels(script)[2];
    const timed = applyTimings(script, parseTimingsFile(`${label},95\n`, 't.csv'));
    expect(timed.scenes[2].duration).toBeCloseTo(95, 3);
  });
});
