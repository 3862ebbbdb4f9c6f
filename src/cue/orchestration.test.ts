import { describe, expect, it } from 'vitest';
import { parseCueSpec } from './spec.js';
import { DIRECTED_LEADS, LEAD_CHOICES, directedLead } from './orchestration.js';

describe('cue orchestration requests', () => {
  it('every taste lead is also a lead a director may ask for, with the same colour', () => {
    for (const [style, choices] of Object.entries(LEAD_CHOICES)) for (const [k, v] of Object.entries(choices!)) expect(DIRECTED_LEADS[style as keyof typeof DIRECTED_LEADS]?.[k]).toEqual(v);
    expect(directedLead('orchestral', 'cellos')).toMatchObject({ program: 42 });
    expect(directedLead('piano', 'cellos')).toBeUndefined();
  });

  it('a spec naming a lead its palette lacks fails with the choices in the message', () => {
    expect(() => parseCueSpec({ duration: 20, emotion: { valence: 0, arousal: 0 }, style: 'rock', orchestration: { lead: 'cellos' } })).toThrow(/no lead "cellos" in the rock palette \(one of: guitar, synth\)/);
    expect(() => parseCueSpec({ duration: 20, emotion: { valence: 0, arousal: 0 }, style: 'piano', orchestration: { lead: 'x' } })).toThrow(/piano palette has one lead/);
    expect(() => parseCueSpec({ duration: 20, emotion: { valence: 0, arousal: 0 }, orchestration: { avoid: ['bass'] } })).toThrow();
    // Object property names are no instruments.
    for (const lead of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(() => parseCueSpec({ duration: 20, emotion: { valence: 0, arousal: 0 }, orchestration: { lead } })).toThrow(/no lead/);
    expect(parseCueSpec({ duration: 20, emotion: { valence: 0, arousal: 0 }, orchestration: { lead: 'cellos' } }).orchestration).toEqual({ lead: 'cellos', avoid: [] });
  });
});
