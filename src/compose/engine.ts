/**
 * purpose: the one composer both entry points share. It owns the palette, the phrase context (style models,
 * ranges, motifs), the theme memory and the bar-to-bar voice-leading state; composeCue drives it with a form
 * plan over a known length, the bar composer drives it one bar at a time with a live emotion.
 */
import type { MotifRef, Style } from '../cue/spec.js';
import type { StyleModel } from '../style/api.js';
import type { BarEmotion } from './api.js';
import { Rng } from '../util/rng.js';
import { voicesFor, type Voice } from './palette.js';
import { planPhrase, type PhraseContext, type PhraseMaterial, type ThemeMemory } from './phrase.js';
import { newBarState, renderBar, type BarState, type RenderedPart } from './render-bar.js';
import type { PhrasePlan } from './form.js';
import type { MusicParams } from '../cue/emotion-map.js';
import type { OrchestrationTaste } from '../cue/orchestration.js';
import { meterInfo, type Key, type MeterInfo } from '../theory/index.js';
import type { SamplingEvidence } from '../style/evidence.js';

export interface EngineSetup {
  style: Style;
  meter: [number, number];
  home: Key;
  motifs: readonly MotifRef[];
  underDialogue: boolean;
  models: { melody: StyleModel; harmony: StyleModel };
  seed: number;
  /** The emotion that picks the lead instrument colour. */
  leadEmotion: BarEmotion;
  maxCopy?: number;
  /** Reuse an idea's progression when it returns (the bar composer's cheap, loop-stable mode). */
  reuseHarmony?: boolean;
  /** A listener's orchestration taste for this palette (lead colour, layers left out). */
  orchestration?: OrchestrationTaste;
  /** A director's orchestration request (the cue spec's `orchestration`): wins over the emotion and the taste. */
  directed?: OrchestrationTaste;
  /** Record the PPM evidence behind every sampled symbol here (composeCue: attribution; the bar composer: off). */
  evidence?: SamplingEvidence;
}

export class ComposerEngine {
  readonly voices: Voice[];
  readonly meter: MeterInfo;
  readonly ctx: PhraseContext;
  readonly mem: ThemeMemory = { themes: {}, chordContext: [], melodyContext: [], grooves: new Map(), progressions: new Map() };
  readonly state: BarState = newBarState();
  readonly home: Key;
  private readonly rng: Rng;
  private readonly style: Style;

  constructor(s: EngineSetup) {
    this.style = s.style;
    this.home = s.home;
    this.meter = meterInfo(s.meter[0], s.meter[1]);
    this.voices = voicesFor(s.style, s.leadEmotion.valence, s.leadEmotion.arousal, s.orchestration, s.directed);
    if (s.underDialogue) {
      // Under dialogue: thin texture — no counter line, no second lead (MUSIC.md film practice).
      this.voices = this.voices.filter((v) => v.texture !== 'counter' && v.texture !== 'melody2');
    }
    const range = (t: string): [number, number] | null => this.voices.find((v) => v.texture === t)?.range ?? null;
    this.ctx = {
      style: s.style,
      meter: this.meter,
      models: s.models,
      motifs: s.motifs,
      underDialogue: s.underDialogue,
      melodyRange: range('melody') ?? [60, 84],
      melody2Range: range('melody2'),
      counterRange: range('counter'),
      maxCopy: s.maxCopy ?? 6,
      reuseHarmony: s.reuseHarmony ?? false,
      ...(s.evidence ? { evidence: s.evidence } : {}),
      failureLog: [],
    };
    this.rng = new Rng(s.seed).fork('compose');
  }

  planPhrase(plan: PhrasePlan, params: MusicParams, nextKey: Key | null): PhraseMaterial {
    return planPhrase({ ctx: this.ctx, plan, params, mem: this.mem, rng: this.rng.fork(`phrase:${plan.index}:${plan.startBar}`), home: this.home, nextKey });
  }

  renderBar(a: { material: PhraseMaterial; barInPhrase: number; barIndex: number; params: MusicParams; emotion: BarEmotion; accents?: ReadonlyArray<{ tick: number; salience: number }>; ending?: 'button' | 'tail' | null; buildToClimax?: boolean }): RenderedPart[] {
    return renderBar({
      style: this.style,
      meter: this.meter,
      voices: this.voices,
      material: a.material,
      barInPhrase: a.barInPhrase,
      params: a.params,
      emotion: a.emotion,
      state: this.state,
      accents: a.accents ?? [],
      ending: a.ending ?? null,
      buildToClimax: a.buildToClimax ?? false,
      underDialogue: this.ctx.underDialogue,
      rng: this.rng.fork(`bar:${a.barIndex}`),
    });
  }
}
