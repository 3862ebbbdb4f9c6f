import { describe, it, expect } from 'vitest';
import { parseRenderFlags } from './render.js';
import { LeitmotifError } from '../../util/errors.js';

const base = { stemNaming: 'role', sampleRate: '44100', lufs: '-16', bitDepth: '24', tail: '4' };

describe('leitmotif render flags', () => {
  it('accepts the defaults and "off"', () => {
    expect(parseRenderFlags(base)).toMatchObject({ sampleRate: 44100, lufs: -16, bitDepth: 24, maxTailSeconds: 4, stems: false, stemEffects: 'shared' });
    expect(parseRenderFlags({ ...base, stems: 'out', stemEffects: 'baked' })).toMatchObject({ stems: true, stemEffects: 'baked' });
    expect(parseRenderFlags({ ...base, lufs: 'off', sampleRate: '48000', stems: 'out' })).toMatchObject({ lufs: null, sampleRate: 48000, stems: true });
  });
  it.each([
    [{ sampleRate: '1234' }, /--sample-rate must be 44100 or 48000/],
    [{ lufs: 'loud' }, /--lufs must be/],
    [{ lufs: '6' }, /--lufs must be/],
    [{ lufs: '' }, /--lufs must be/],
    [{ bitDepth: '8' }, /--bit-depth/],
    [{ tail: '-1' }, /--tail/],
    [{ stemNaming: 'colour' }, /--stem-naming/],
    [{ stemEffects: 'wet' }, /--stem-effects must be "shared" or "baked"/],
  ])('rejects %o with one clear LM_ERR_BAD_OPTION line', (bad, msg) => {
    let err: unknown;
    try {
      parseRenderFlags({ ...base, ...bad });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LeitmotifError);
    expect((err as LeitmotifError).code).toBe('LM_ERR_BAD_OPTION');
    expect((err as LeitmotifError).message).toMatch(msg);
    expect((err as LeitmotifError).message).not.toContain('\n');
  });
});
