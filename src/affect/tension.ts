/**
 * purpose: TENSION as its own axis, not a copy of arousal. Narrative tension is the viewer's anticipation of an
 * uncertain, threatening outcome (Lehne & Koelsch 2015, "Toward a general psychological model of tension and
 * suspense"): it builds while threat persists, survives quiet moments (the stalking scene is calm but tense),
 * and is released when the outcome resolves (safety, relief, the calm after the climax, the end).
 *
 * Model: a leaky integrator over beats in screen time.
 *   T ← T · exp(−Δt / τ)                                  forgetting: with no new threat, tension fades (τ = 40 s)
 *   at a scene cut: T ← 0.8 · T + heading threat           a cut moves us on but does not erase the threat
 *   T ← T + (1 − T) · g · threat′ · w                      sustained threat accumulates, saturating toward 1
 *                                                          (threat′ = threat above a small dead zone, rescaled)
 *   T ← T − T · (r · relief + c · calm) · w                resolution drains tension in proportion to its level
 *   beat tension = 0.85 · T + 0.15 · threat                mostly the accumulated state, a little the moment
 * with w = 1 − exp(−duration / 3 s) (a long element is more evidence than a one-liner), g = 0.6, r = 0.75.
 * "calm" is a low-arousal, non-threatening beat (the scene of calm after the climax). In the last 20 s of the
 * script non-threatening beats release a further 30 % each: endings resolve unless the text keeps threatening.
 */
import { clamp } from '../util/math.js';

export const TENSION_TAU_SECONDS = 40;
const GAIN = 0.6;
const RELEASE = 0.75;
const CALM_RELEASE = 0.1;
const CUT_CARRY = 0.8;
const END_WINDOW_SECONDS = 20;
/**
 * Dead zone: element threat below this is noise (an ordinary question, a mildly negative line). Without it, a
 * steady trickle of 0.1 threat every few seconds settles the integrator near 0.3 — a "tense" baseline for a
 * kitchen conversation.
 */
const THREAT_FLOOR = 0.12;

export interface TensionInput {
  start: number;
  duration: number;
  scene: number;
  threat: number;
  relief: number;
  arousal: number;
}

/** Tension per beat (same order as the input, which must be in time order), plus the level at each scene start. */
export function integrateTension(
  beats: readonly TensionInput[],
  sceneHeadingThreat: (scene: number) => number,
  scriptDuration: number,
): { beat: number[]; sceneStart: Map<number, number> } {
  let T = 0;
  let t = 0;
  let scene = -1;
  const out: number[] = [];
  const sceneStart = new Map<number, number>();
  for (const b of beats) {
    const dt = Math.max(0, b.start - t);
    T *= Math.exp(-dt / TENSION_TAU_SECONDS);
    t = Math.max(t, b.start);
    if (b.scene !== scene) {
      if (scene >= 0) T *= CUT_CARRY;
      T = clamp(T + sceneHeadingThreat(b.scene), 0, 1);
      scene = b.scene;
      sceneStart.set(scene, T);
    }
    const w = 1 - Math.exp(-Math.max(1, b.duration) / 3);
    T += (1 - T) * GAIN * Math.max(0, b.threat - THREAT_FLOOR) / (1 - THREAT_FLOOR) * w;
    const calm = b.threat < 0.15 ? Math.max(0, -b.arousal) : 0;
    T -= T * clamp(RELEASE * b.relief + CALM_RELEASE * calm, 0, 0.9) * w;
    if (scriptDuration > 0 && b.start >= scriptDuration - END_WINDOW_SECONDS && b.threat < 0.3) T *= 0.7;
    T = clamp(T, 0, 1);
    out.push(clamp(0.85 * T + 0.15 * b.threat, 0, 1));
  }
  return { beat: out, sceneStart };
}
