/**
 * purpose: a cue's one-line direction in words ("darker and slower, more tension", "lighter, hopeful") read
 * as nudges to the cue's emotion and tempo — a small fixed vocabulary, so the same words always do the same
 * thing and the studio can show what it understood.
 */
export interface DirectionEffect {
  valence: number;
  arousal: number;
  tension: number;
  /** Tempo factor (1 = unchanged). */
  tempo: number;
  /** The words that were understood, in order. */
  understood: string[];
}

const WORDS: Array<[RegExp, Partial<Omit<DirectionEffect, 'understood'>>]> = [
  [/\b(dark(er)?|sad(der)?|grim(mer)?|bleak(er)?|mournful|tragic)\b/, { valence: -0.3 }],
  [/\b(bright(er)?|happ(y|ier)|hopeful|warm(er)?|light(er)?|joyful|triumphant)\b/, { valence: 0.3 }],
  [/\b(calm(er)?|quiet(er)?|gentle|gentler|soft(er)?|still(er)?|tender)\b/, { arousal: -0.3 }],
  [/\b(energetic|bigger|louder|intense|driving|urgent|epic|more energy)\b/, { arousal: 0.3 }],
  [/\b(tense|tension|ominous|suspense(ful)?|menacing|uneasy|anxious)\b/, { tension: 0.25 }],
  [/\b(relaxed|resolved|released|at peace|serene)\b/, { tension: -0.25 }],
  [/\b(slow(er)?|broad(er)?|halting)\b/, { tempo: 0.85 }],
  [/\b(fast(er)?|quick(er)?|brisk|pushing)\b/, { tempo: 1.15 }],
];

/**
 * @example readDirection('darker and slower').valence // -0.3
 */
export function readDirection(text: string): DirectionEffect {
  const t = text.toLowerCase();
  const out: DirectionEffect = { valence: 0, arousal: 0, tension: 0, tempo: 1, understood: [] };
  for (const [re, eff] of WORDS) {
    const m = re.exec(t);
    if (!m) continue;
    // "less tense" / "not as dark" flips the nudge.
    const negated = /\b(less|not|no)\s+(\w+\s+)?$/.test(t.slice(0, m.index));
    const s = negated ? -1 : 1;
    out.valence += s * (eff.valence ?? 0);
    out.arousal += s * (eff.arousal ?? 0);
    out.tension += s * (eff.tension ?? 0);
    if (eff.tempo) out.tempo *= negated ? 1 / eff.tempo : eff.tempo;
    out.understood.push((negated ? 'less ' : '') + m[0]);
  }
  return out;
}
