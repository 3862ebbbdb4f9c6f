/**
 * purpose: a faster drop-in for spessasynth_core's per-voice render (`renderVoice` + `HermiteOscillator`), the
 * largest cost of an offline render (≈ 50 % of CPU). The original tests the loop wrap four times per sample and
 * makes five passes over each 128-sample block (interpolate, filter, scale, dry pair, each effect send); this one
 * interpolates with no wrap test where the block provably stays clear of the loop end, then filters, scales and
 * adds to the dry pair and the reverb send in a second pass, each hot loop in a small monomorphic function.
 * Measured ≈ 15 % less CPU for a whole render. (One fully fused pass was measured 7 % SLOWER than the original in
 * V8: too many live values for the registers.)
 *
 * By default (`exact: false`) the usual voice — dry pair plus reverb send, no chorus or delay — is summed, not
 * written: within a block, voices with the same output pair, pan position and reverb send add their gained
 * signal to one mono float64 bus, and each bus is panned and sent once (`VoiceBuses`). That turns three float32
 * read-modify-writes per voice and sample into one float64 add; with about 2.7 voices per bus in the bench piece
 * it takes ≈ 8–10 % off a whole render's CPU. The sums are the same products added in another order (and in
 * float64), so the output differs from spessasynth's by rounding only: the bench piece's mix nulls against the
 * exact path at −132 dB below its peak, and a test bounds the difference. On this path the oscillator runs in
 * WebAssembly SIMD where the runtime has it (wasm-hermite.ts, four samples at a time in float32; ≈ 8–16 % less
 * render CPU, −140 dB re peak against the JavaScript loop), and so do the buses: they live in the kernel's
 * memory and are panned there, two samples per step, into float64 staging pairs that each output pair (and the
 * reverb input) receives with one add per sample — instead of three float32 read-modify-writes per bus and
 * sample (≈ 12 % of a render; an output pair with a single bus, as per-channel stems mostly have, is panned
 * straight from the kernel's memory instead); the voice's low-pass and gain into its bus run there as well
 * (scalar float64, the same operations as filterSum, ~35 % quicker than in JavaScript). Together the compiled
 * CLI's render of the bench piece went from 1.06 to 0.88–0.95 of FluidSynth's CPU; the mix is within float32
 * rounding of the JavaScript buses' (−137 dB re peak).
 *
 * With `exact: true` it is the same arithmetic in the same order, through the same Float32 buffers, so the
 * output is bit-identical to spessasynth's (a test renders a busy passage both ways and compares every sample).
 * Either way, by default, a releasing voice is ended once everything it could still add is below −100 dBFS
 * (spessasynth plays it on to −90 dB below its own peak, however quiet that peak was); a test bounds that
 * difference. The per-block control code (LFOs, envelopes, tuning, pan smoothing) is copied from
 * spessasynth_core 4.3.22 (Apache-2.0, src/synthesizer/audio_engine/channel/render_voice.ts) unchanged.
 *
 * Installed per channel of an offline synth only (`accelerateVoices`); the browser synth (spessasynth_lib) keeps
 * the original. Voices it does not handle — another interpolation type, channels routed to an insertion effect —
 * and any synth whose shape it does not recognise go through the original code.
 */
import { GeneratorTypes as G, type SpessaSynthProcessor } from 'spessasynth_core';
import { hermiteKernel, MAX_BUSES, MAX_STAGES, OUT_FLOATS, STAGE_RIGHT, type HermiteKernel } from './wasm-hermite.js';

// The lookup tables of spessasynth_core, rebuilt with the same formulas (so the same Float32 values).
const MIN_ABS_CENT = -2e4;
const MAX_ABS_CENT = 16500;
const ABS_CENT = new Float32Array(MAX_ABS_CENT - MIN_ABS_CENT + 1);
for (let i = 0; i < ABS_CENT.length; i++) ABS_CENT[i] = 440 * Math.pow(2, (MIN_ABS_CENT + i - 6900) / 1200);
function absCentsToHz(cents: number): number {
  if (cents < MIN_ABS_CENT || cents > MAX_ABS_CENT) return 440 * Math.pow(2, (cents - 6900) / 1200);
  return ABS_CENT[(cents - MIN_ABS_CENT) | 0];
}
const MIN_CB = -16600;
const CB = new Float32Array(16e3 - MIN_CB + 1);
for (let i = 0; i < CB.length; i++) CB[i] = Math.pow(10, -(MIN_CB + i) / 200);
const cbToGain = (cb: number) => CB[(cb - MIN_CB) | 0];
const PAN_L = new Float32Array(1001);
const PAN_R = new Float32Array(1001);
for (let p = -500; p <= 500; p++) {
  PAN_L[p + 500] = Math.cos((Math.PI / 2) * ((p + 500) / 1000));
  PAN_R[p + 500] = Math.sin((Math.PI / 2) * ((p + 500) / 1000));
}
const FILTER_SMOOTHING = 0.03;
const LOOP_RELEASE = 3; // loopingMode: loop until release, then play on to the end
const NO_LOOP_UNTIL_RELEASE = 2; // loopingMode: silent until release (the envelope still runs)
const VARIATION_DEPTH = 94; // MIDI controller 94 (delay send)
const HERMITE = 2; // index of HermiteOscillator in Voice.oscillators

interface Osc {
  isLooping: boolean;
  sampleData: Float32Array;
  playbackStep: number;
  loopStart: number;
  loopEnd: number;
  loopLength: number;
  end: number;
  cursor: number;
}
interface Env {
  outputGain: number;
  process(n: number, gainTarget: number): boolean;
  startRelease(v: VoiceLike): void;
}
interface Filter {
  initialized: boolean;
  currentInitialFc: number;
  lastTargetCutoff: number;
  resonanceCb: number;
  a0: number; a1: number; a2: number; a3: number; a4: number;
  x1: number; x2: number; y1: number; y2: number;
  calculateCoefficients(cents: number): void;
}
interface VoiceLike {
  isInRelease: boolean;
  isActive: boolean;
  hasRendered: boolean;
  releaseStartTime: number;
  startTime: number;
  volEnv: Env;
  modEnv: { process(v: VoiceLike, t: number): number; startRelease(v: VoiceLike): void };
  loopingMode: number;
  wavetable: Osc;
  oscillators: Osc[];
  modulatedGenerators: Int16Array;
  targetKey: number;
  pitchOffset: number;
  midiNote: number;
  portamentoFromKey: number;
  portamentoDuration: number;
  rootKey: number;
  gainModifier: number;
  vibLfoStartTime: number;
  vibLfoPhase: number;
  modLfoStartTime: number;
  modLfoPhase: number;
  resonanceOffset: number;
  tuningCents: number;
  tuningRatio: number;
  filter: Filter;
  overridePan: number;
  currentPan: number;
  reverbSend: number;
  chorusSend: number;
  delaySend: number;
}
interface CoreLike {
  sampleRate: number;
  tunings: Float32Array | number[];
  voiceBuffer: Float32Array;
  panSmoothingFactor: number;
  systemParameters: { effectsEnabled: boolean; reverbGain: number; chorusGain: number; delayGain: number };
  insertionActive: boolean;
  delayActive: boolean;
  reverbInput: Float32Array;
  chorusInput: Float32Array;
  delayInput: Float32Array;
}
interface ChannelLike {
  synthCore: CoreLike;
  octaveTuning: Int8Array | Float32Array | number[];
  currentTuning: number;
  currentGain: number;
  currentPan: number;
  preset: { program: number } | undefined;
  _midiParameters: { efxAssign: boolean };
  _midiControllers: Int16Array;
  renderVoice: RenderVoice;
}
type RenderVoice = (voice: VoiceLike, timeNow: number, outL: Float32Array, outR: Float32Array, start: number, n: number) => void;

/** Each patched channel's own renderVoice (spessasynth binds one per channel), for the cases handed back to it. */
const originals = new WeakMap<ChannelLike, RenderVoice>();

function fastRenderVoice(ch: ChannelLike, cut: number, buses: VoiceBuses | null, voice: VoiceLike, timeNow: number, outputL: Float32Array, outputR: Float32Array, startIndex: number, sampleCount: number): void {
  const core = ch.synthCore;
  // Cases this does not reproduce go to the original, before any state has changed.
  if (voice.wavetable !== voice.oscillators[HERMITE] || (ch._midiParameters.efxAssign && core.systemParameters.effectsEnabled && core.insertionActive)) {
    (originals.get(ch) as RenderVoice)(voice, timeNow, outputL, outputR, startIndex, sampleCount);
    return;
  }
  // ---- per-block control, as in spessasynth's renderVoice ----
  if (!voice.isInRelease && timeNow >= voice.releaseStartTime) {
    voice.isInRelease = true;
    voice.volEnv.startRelease(voice);
    voice.modEnv.startRelease(voice);
    if (voice.loopingMode === LOOP_RELEASE) voice.wavetable.isLooping = false;
  }
  voice.hasRendered = true;
  if (!voice.isActive) return;
  const sampleRate = core.sampleRate;
  const modulated = voice.modulatedGenerators;
  let targetKey = voice.targetKey;
  let cents = voice.pitchOffset + modulated[G.fineTune] + ch.octaveTuning[targetKey] + ch.currentTuning;
  let semitones = modulated[G.coarseTune];
  const tuning = core.tunings[(ch.preset as { program: number }).program * 128 + voice.midiNote];
  if (tuning !== -1) {
    targetKey = Math.trunc(tuning);
    semitones += tuning - targetKey;
  }
  if (voice.portamentoFromKey > -1) {
    const elapsed = Math.min((timeNow - voice.startTime) / voice.portamentoDuration, 1);
    const diff = targetKey - voice.portamentoFromKey;
    semitones -= diff * (1 - elapsed);
  }
  cents += (targetKey - voice.rootKey) * modulated[G.scaleTuning];
  let lowpassExcursion = 0;
  let volumeExcursionCentibels = 0;
  let voiceGain = voice.gainModifier * (1 + modulated[G.amplitude] / 1e3);
  if (timeNow >= voice.vibLfoStartTime) {
    const vibPitchDepth = modulated[G.vibLfoToPitch];
    const vibFilterDepth = modulated[G.vibLfoToFilterFc];
    const vibAmplitudeDepth = modulated[G.vibLfoAmplitudeDepth];
    if (vibPitchDepth !== 0 || vibFilterDepth !== 0 || vibAmplitudeDepth !== 0) {
      const rateInc = (Math.max(0, absCentsToHz(modulated[G.freqVibLFO]) + modulated[G.vibLfoRate] / 100) * sampleCount) / sampleRate;
      const vibLfoValue = 1 - 4 * Math.abs(voice.vibLfoPhase - 0.5);
      if ((voice.vibLfoPhase += rateInc) >= 1) voice.vibLfoPhase -= 1;
      cents += vibLfoValue * vibPitchDepth;
      lowpassExcursion += vibLfoValue * vibFilterDepth;
      voiceGain *= 1 - ((vibLfoValue + 1) / 2) * (vibAmplitudeDepth / 1e3);
    }
  }
  if (timeNow >= voice.modLfoStartTime) {
    const modPitchDepth = modulated[G.modLfoToPitch];
    const modVolDepth = modulated[G.modLfoToVolume];
    const modFilterDepth = modulated[G.modLfoToFilterFc];
    const modAmplitudeDepth = modulated[G.modLfoAmplitudeDepth];
    if (modPitchDepth !== 0 || modFilterDepth !== 0 || modVolDepth !== 0 || modAmplitudeDepth !== 0) {
      const rateInc = (Math.max(0, absCentsToHz(modulated[G.freqModLFO]) + modulated[G.modLfoRate] / 100) * sampleCount) / sampleRate;
      const modLfoValue = 1 - 4 * Math.abs(voice.modLfoPhase - 0.5);
      if ((voice.modLfoPhase += rateInc) >= 1) voice.modLfoPhase -= 1;
      cents += modLfoValue * modPitchDepth;
      volumeExcursionCentibels += -modLfoValue * modVolDepth;
      lowpassExcursion += modLfoValue * modFilterDepth;
      voiceGain *= 1 - ((modLfoValue + 1) / 2) * (modAmplitudeDepth / 1e3);
    }
  }
  const modEnvPitchDepth = modulated[G.modEnvToPitch];
  const modEnvFilterDepth = modulated[G.modEnvToFilterFc];
  if (modEnvFilterDepth !== 0 || modEnvPitchDepth !== 0) {
    const modEnv = voice.modEnv.process(voice, timeNow);
    lowpassExcursion += modEnv * modEnvFilterDepth;
    cents += modEnv * modEnvPitchDepth;
  }
  volumeExcursionCentibels -= voice.resonanceOffset;
  const centsTotal = cents + semitones * 100;
  const centsRounded = centsTotal | 0;
  if (centsRounded !== voice.tuningCents) {
    voice.tuningCents = centsRounded;
    voice.tuningRatio = Math.pow(2, centsTotal / 1200);
  }
  const gainTarget = cbToGain(modulated[G.initialAttenuation]) * cbToGain(volumeExcursionCentibels);
  if (voice.loopingMode === NO_LOOP_UNTIL_RELEASE && !voice.isInRelease) {
    voice.isActive = voice.volEnv.process(sampleCount, gainTarget);
    return;
  }
  // The envelope does not depend on the oscillator, so it can run first (the original runs it second).
  const gain = voice.volEnv.outputGain;
  const envActive = voice.volEnv.process(sampleCount, gainTarget);
  const gainInc = (voice.volEnv.outputGain - gain) / sampleCount;
  const f = voice.filter;
  const initialFc = modulated[G.initialFilterFc];
  // LowpassFilter.smoothingConstant, computed as spessasynth computes it.
  if (f.initialized) f.currentInitialFc += (initialFc - f.currentInitialFc) * (FILTER_SMOOTHING * (44100 / sampleRate));
  else {
    f.initialized = true;
    f.currentInitialFc = initialFc;
  }
  const targetCutoff = f.currentInitialFc + lowpassExcursion;
  const modulatedResonance = modulated[G.initialFilterQ];
  const filtered = !(f.currentInitialFc > 13499 && targetCutoff > 13499 && modulatedResonance === 0);
  if (!filtered) f.currentInitialFc = 13500;
  else if (Math.abs(f.lastTargetCutoff - targetCutoff) > 1 || f.resonanceCb !== modulatedResonance) {
    f.lastTargetCutoff = targetCutoff;
    f.resonanceCb = modulatedResonance;
    f.calculateCoefficients(targetCutoff);
  }
  let pan: number;
  if (voice.overridePan) pan = voice.overridePan;
  else {
    voice.currentPan += (modulated[G.pan] - voice.currentPan) * core.panSmoothingFactor;
    pan = voice.currentPan;
  }
  const sp = core.systemParameters;
  const outputGain = ch.currentGain * voiceGain;
  const index = (Math.min(Math.max(-500, pan + ch.currentPan), 500) + 500) | 0;
  const gainLeft = PAN_L[index] * outputGain;
  const gainRight = PAN_R[index] * outputGain;
  let reverbGain = 0, chorusGain = 0, delayGain = 0, reverbUnit = 0;
  if (sp.effectsEnabled) {
    const reverbSend = modulated[G.reverbEffectsSend] * voice.reverbSend;
    if (reverbSend > 0) {
      reverbUnit = sp.reverbGain * (reverbSend / 1e3);
      reverbGain = reverbUnit * outputGain;
    }
    const chorusSend = modulated[G.chorusEffectsSend] * voice.chorusSend;
    if (chorusSend > 0) chorusGain = sp.chorusGain * (chorusSend / 1e3) * outputGain;
    if (core.delayActive) {
      const delaySend = ch._midiControllers[VARIATION_DEPTH] * voice.delaySend;
      if (delaySend > 0) delayGain = outputGain * sp.delayGain * ((delaySend >> 7) / 127);
    }
  }
  if (cut > 0 && voice.isInRelease) {
    // A releasing voice only gets quieter (its envelope falls linearly in dB) and spessasynth plays it on until
    // −90 dB below its own peak. Once everything it could still add this block is below `cut` (−100 dBFS by
    // default) it is ended, as FluidSynth ends voices below its noise floor: nothing it adds could be heard.
    // The bound: envelope gain (block start or end, whichever is larger) × the sample's peak × a resonance
    // allowance × the largest of the pan gains and the summed effect sends (×8: the reverb adds several taps).
    const env = Math.max(gain, voice.volEnv.outputGain);
    const res = filtered ? 4 * cbToGainAbove0(modulatedResonance) : 1;
    const reach = Math.max(Math.abs(gainLeft), Math.abs(gainRight), 8 * (Math.abs(reverbGain) + Math.abs(chorusGain) + Math.abs(delayGain)));
    if (env * samplePeak(voice.wavetable) * res * reach < cut) {
      voice.isActive = false;
      ended++;
      return;
    }
  }
  const reverb = core.reverbInput, chorus = core.chorusInput, delay = core.delayInput;
  const toReverb = reverbGain !== 0, toChorus = chorusGain !== 0, toDelay = delayGain !== 0;

  // ---- Hermite interpolation → low-pass → gain ramp → dry pair and sends ----
  const buffer = core.voiceBuffer;
  const osc = voice.wavetable;
  if (buses && !toChorus && !toDelay) {
    // The usual case, summed: the voice adds its gained signal to the mono bus of its output pair, pan position
    // and reverb send; the bus is panned and sent once per block (VoiceBuses.flush).
    const k = buses.kernel;
    const step = voice.tuningRatio * osc.playbackStep;
    const active = oscInto(osc, step, k !== null ? k.out : buses.scratch, sampleCount, k);
    const bus = buses.bus(outputL, outputR, index, reverbUnit, startIndex, sampleCount);
    const g = gain * outputGain, gInc = gainInc * outputGain;
    if (k !== null && bus.slot >= 0) {
      // Signal and bus both in the kernel's memory: filter and gain there too.
      if (filtered) k.filterSum(f, g, gInc, k.busAt(bus.slot), sampleCount);
      else k.gainSum(g, gInc, k.busAt(bus.slot), sampleCount);
    } else {
      const scratch = k !== null ? k.out : buses.scratch; // after the call: placing a sample may renew k.out
      if (filtered) filterSum(scratch, f, g, gInc, bus.sum, sampleCount);
      else gainSum(scratch, g, gInc, bus.sum, sampleCount);
    }
    voice.isActive = active && envActive;
    return;
  }
  if (!toChorus && !toDelay) {
    // The usual case (dry + reverb send, or dry only): filter, gain, dry pair and send in a second pass.
    // (Folding the oscillator in as well was measured slower: too many live values for the registers.)
    const active = oscInto(osc, voice.tuningRatio * osc.playbackStep, buffer, sampleCount);
    if (filtered) filterMix(buffer, f, gain, gainInc, outputL, outputR, reverb, startIndex, sampleCount, gainLeft, gainRight, reverbGain);
    else gainMix(buffer, gain, gainInc, outputL, outputR, reverb, startIndex, sampleCount, gainLeft, gainRight, reverbGain);
    voice.isActive = active && envActive;
    return;
  }
  const oscActive = filtered ? oscFilter(osc, voice.tuningRatio * osc.playbackStep, buffer, sampleCount, f, gain, gainInc) : oscPlain(osc, voice.tuningRatio * osc.playbackStep, buffer, sampleCount, gain, gainInc);
  // With a chorus or delay send: one pass per destination, as the original.
  mixDry(buffer, outputL, outputR, startIndex, sampleCount, gainLeft, gainRight);
  if (toReverb) send(buffer, reverb, sampleCount, reverbGain);
  if (toChorus) send(buffer, chorus, sampleCount, chorusGain);
  if (toDelay) send(buffer, delay, sampleCount, delayGain);
  voice.isActive = oscActive && envActive;
}

/**
 * Hermite oscillator, as spessasynth's: the same cursor steps and the same formula. Away from the loop end (or
 * the sample end) it runs a loop with no wrap or end tests at all, for as many samples as provably stay clear of
 * it; near the end it tests per sample as the original does. Fills `out`; false when the sample ended.
 * With a SIMD kernel (the summed path) the clear runs go to it and `out` must be the kernel's output block —
 * `k.out`, which this replaces when placing the sample grows the kernel's memory (read `k.out` after the call).
 */
function oscInto(osc: Osc, step: number, out: Float32Array | Float64Array, n: number, k: HermiteKernel | null = null): boolean {
  const data = osc.sampleData;
  const src = k === null ? -1 : k.place(data);
  if (src >= 0) out = (k as HermiteKernel).out;
  // The JavaScript run reads the float64 copy (faster in V8); the per-sample paths the float32 data (same values).
  const fast = src < 0 ? wide(data) : null;
  const loopEnd = osc.loopEnd, loopLength = osc.loopLength, end = osc.end;
  let cursor = osc.cursor;
  let i = 0;
  if (osc.isLooping) {
    while (i < n) {
      while (cursor >= loopEnd) cursor -= loopLength;
      // Samples whose four taps all lie before the loop end: cursor + k·step + 3 < loopEnd (one sample of margin
      // for rounding in the running sum).
      const clear = step > 0 ? Math.min(n - i, Math.floor((loopEnd - 4 - cursor) / step) - 1) : n - i;
      if (clear > 0) {
        cursor = fast !== null ? hermiteRun(fast, cursor, step, out, i, i + clear) : kernelRun(k as HermiteKernel, src, data, cursor, step, out, i, i + clear);
        i += clear;
        continue;
      }
      // Within reach of the loop end: wrap each tap, as the original.
      const y0 = cursor | 0;
      const t = cursor - y0;
      let i1 = y0 + 1, i2 = y0 + 2, i3 = y0 + 3;
      while (i1 >= loopEnd) i1 -= loopLength;
      while (i2 >= loopEnd) i2 -= loopLength;
      while (i3 >= loopEnd) i3 -= loopLength;
      const xm1 = data[y0], xa = data[i1], xb = data[i2], xc = data[i3];
      out[i++] = hermite(xm1, xa, xb, xc, t);
      cursor += step;
    }
  } else {
    while (i < n) {
      const clear = step > 0 ? Math.min(n - i, Math.floor((end - 4 - cursor) / step) - 1) : n - i;
      if (clear > 0) {
        cursor = fast !== null ? hermiteRun(fast, cursor, step, out, i, i + clear) : kernelRun(k as HermiteKernel, src, data, cursor, step, out, i, i + clear);
        i += clear;
        continue;
      }
      const y0 = cursor | 0;
      if (y0 + 3 >= end) {
        out.fill(0, i, n);
        return false;
      }
      const t = cursor - y0;
      const xm1 = data[y0], xa = data[y0 + 1], xb = data[y0 + 2], xc = data[y0 + 3];
      out[i++] = hermite(xm1, xa, xb, xc, t);
      cursor += step;
    }
  }
  osc.cursor = cursor;
  return true;
}

/**
 * A clear run out[from, stop) through the SIMD kernel, four samples at a time (the sample placed at byte offset
 * `src`; `out` is its output block); the last 1–3 through the formula here. Returns the cursor.
 */
function kernelRun(k: HermiteKernel, src: number, data: Float32Array, cursor: number, step: number, out: Float32Array | Float64Array, from: number, stop: number): number {
  const m = (stop - from) & ~3;
  if (m > 0) cursor = k.hermite(src, cursor, step, from * 4, m);
  for (let i = from + m; i < stop; i++) {
    const y0 = cursor | 0;
    out[i] = hermite(data[y0], data[y0 + 1], data[y0 + 2], data[y0 + 3], cursor - y0);
    cursor += step;
  }
  return cursor;
}

/** spessasynth's 4-tap Hermite formula, term for term (the same float rounding). */
function hermite(xm1: number, xa: number, xb: number, xc: number, t: number): number {
  const c = (xb - xm1) * 0.5;
  const v = xa - xb;
  const w = c + v;
  const a = w + v + (xc - xa) * 0.5;
  const b = w + a;
  return ((a * t - b) * t + c) * t + xa;
}

/** Samples out[from, stop) whose four taps are all known to lie before the loop or sample end; returns the cursor. */
function hermiteRun(data: Float64Array, cursor: number, step: number, out: Float32Array | Float64Array, from: number, stop: number): number {
  for (let i = from; i < stop; i++) {
    const y0 = cursor | 0;
    out[i] = hermite(data[y0], data[y0 + 1], data[y0 + 2], data[y0 + 3], cursor - y0);
    cursor += step;
  }
  return cursor;
}

function oscPlain(osc: Osc, step: number, buf: Float32Array, n: number, gain: number, gainInc: number): boolean {
  const active = oscInto(osc, step, buf, n);
  for (let i = 0; i < n; i++) {
    buf[i] *= gain;
    gain += gainInc;
  }
  return active;
}

function oscFilter(osc: Osc, step: number, buf: Float32Array, n: number, f: Filter, gain: number, gainInc: number): boolean {
  const active = oscInto(osc, step, buf, n);
  const { a0, a1, a2, a3, a4 } = f;
  let { x1, x2, y1, y2 } = f;
  for (let i = 0; i < n; i++) {
    const input = buf[i];
    const y = a0 * input + a1 * x1 + a2 * x2 - a3 * y1 - y2 * a4;
    x2 = x1;
    x1 = input;
    y2 = y1;
    y1 = y;
    buf[i] = y * gain;
    gain += gainInc;
  }
  f.x1 = x1;
  f.x2 = x2;
  f.y1 = y1;
  f.y2 = y2;
  return active;
}

/**
 * Low-pass, gain ramp, dry pair and reverb send (g = 0: none) in one pass; `s` is rounded to float32 where the
 * original stores it in its scratch buffer.
 */
function filterMix(buf: Float32Array, f: Filter, gain: number, gainInc: number, outL: Float32Array, outR: Float32Array, rev: Float32Array, start: number, n: number, gl: number, gr: number, g: number): void {
  const { a0, a1, a2, a3, a4 } = f;
  let { x1, x2, y1, y2 } = f;
  if (g === 0) {
    for (let i = 0; i < n; i++) {
      const input = buf[i];
      const y = a0 * input + a1 * x1 + a2 * x2 - a3 * y1 - y2 * a4;
      x2 = x1;
      x1 = input;
      y2 = y1;
      y1 = y;
      const s = Math.fround(y * gain);
      gain += gainInc;
      outL[i + start] += gl * s;
      outR[i + start] += gr * s;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const input = buf[i];
      const y = a0 * input + a1 * x1 + a2 * x2 - a3 * y1 - y2 * a4;
      x2 = x1;
      x1 = input;
      y2 = y1;
      y1 = y;
      const s = Math.fround(y * gain);
      gain += gainInc;
      outL[i + start] += gl * s;
      outR[i + start] += gr * s;
      rev[i] += g * s;
    }
  }
  f.x1 = x1;
  f.x2 = x2;
  f.y1 = y1;
  f.y2 = y2;
}

/** Gain ramp, dry pair and reverb send (g = 0: none) in one pass, for a voice whose filter is open. */
function gainMix(buf: Float32Array, gain: number, gainInc: number, outL: Float32Array, outR: Float32Array, rev: Float32Array, start: number, n: number, gl: number, gr: number, g: number): void {
  if (g === 0) {
    for (let i = 0; i < n; i++) {
      const s = Math.fround(buf[i] * gain);
      gain += gainInc;
      outL[i + start] += gl * s;
      outR[i + start] += gr * s;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const s = Math.fround(buf[i] * gain);
    gain += gainInc;
    outL[i + start] += gl * s;
    outR[i + start] += gr * s;
    rev[i] += g * s;
  }
}

/**
 * Low-pass and gain ramp (the voice's output gain folded in) added to a mono bus. The two feedback products are
 * summed in the other order than spessasynth's (y2·a4 before a3·y1), which takes one multiply off the
 * recursion's critical path; the result differs by rounding only.
 */
function filterSum(buf: Float32Array | Float64Array, f: Filter, gain: number, gainInc: number, sum: Float64Array, n: number): void {
  const { a0, a1, a2, a3, a4 } = f;
  let { x1, x2, y1, y2 } = f;
  for (let i = 0; i < n; i++) {
    const input = buf[i];
    const y = a0 * input + a1 * x1 + a2 * x2 - y2 * a4 - a3 * y1;
    x2 = x1;
    x1 = input;
    y2 = y1;
    y1 = y;
    sum[i] += y * gain;
    gain += gainInc;
  }
  f.x1 = x1;
  f.x2 = x2;
  f.y1 = y1;
  f.y2 = y2;
}

/** Gain ramp added to a mono bus, for a voice whose filter is open. */
function gainSum(buf: Float32Array | Float64Array, gain: number, gainInc: number, sum: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    sum[i] += buf[i] * gain;
    gain += gainInc;
  }
}

/**
 * The bus at index `at` of `sums` (a JavaScript bus: its own array at 0; a kernel bus: the kernel's float64 memory
 * at its offset) panned into its output pair and sent to the reverb (g = 0: no send), then cleared.
 */
function panBus(sums: Float64Array, at: number, outL: Float32Array, outR: Float32Array, rev: Float32Array, start: number, n: number, gl: number, gr: number, g: number): void {
  if (g === 0) {
    for (let i = 0; i < n; i++) {
      const m = sums[at + i];
      outL[i + start] += gl * m;
      outR[i + start] += gr * m;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const m = sums[at + i];
      outL[i + start] += gl * m;
      outR[i + start] += gr * m;
      rev[i] += g * m;
    }
  }
  sums.fill(0, at, at + n);
}

interface Bus {
  outL: Float32Array;
  outR: Float32Array;
  pan: number;
  send: number;
  start: number;
  n: number;
  /** The sum, for a bus in JavaScript (slot −1); empty for one in the kernel. */
  sum: Float64Array;
  /** Its bus in the kernel's memory (at `busAt(slot)`), or −1: the JavaScript array `sum`, panned by panBus. */
  slot: number;
}

/** The `sum` of a bus that lives in the kernel's memory. */
const NO_SUM = new Float64Array(0);

/** out[start + i] += staged[at + i], then the staging is cleared, for i < n. */
function addStaged(f64: Float64Array, at: number, out: Float32Array, start: number, n: number): void {
  for (let i = 0; i < n; i++) {
    out[start + i] += f64[at + i];
    f64[at + i] = 0;
  }
}

/**
 * Voices that share an output pair, a pan position and a reverb send differ only in their signal and gain, so
 * within one block they are summed in mono (in float64) and the sum is panned and sent once: one add per voice
 * and sample instead of three into float32 arrays (the largest cost of a voice after its filter). A block's
 * buses are flushed before the reverb reads its input and when the block ends.
 *
 * With the SIMD kernel the buses live in its memory and are panned there, two samples per step, into float64
 * staging pairs (one per output pair) and a reverb staging; each output then gets one add per sample. Without it
 * (or past MAX_BUSES in a block) a bus is a JavaScript array panned straight into its outputs (panBus).
 */
export class VoiceBuses {
  readonly scratch: Float64Array;
  /** The SIMD kernel (wasm-hermite.ts), or null: the JavaScript oscillator into `scratch` and JavaScript buses. */
  readonly kernel: HermiteKernel | null;
  private readonly live: Bus[] = [];
  private readonly spare: Bus[] = [];
  /** Kernel buses by slot (reused block after block); the first `slots` are live. */
  private readonly inKernel: Bus[] = [];
  private slots = 0;
  /** The output pair of each staging pair in use this block. */
  private readonly stageL: Float32Array[] = [];
  private readonly stageR: Float32Array[] = [];
  /** Kernel buses per output pair this block, and each kernel bus's output pair (by slot). */
  private readonly stageCount = new Int32Array(MAX_BUSES + 1);
  private readonly stageOf = new Int32Array(MAX_BUSES);
  /** `core`: the synth core whose reverb input the sends go to (only `voiceBuffer` and `reverbInput` are read). */
  constructor(private readonly core: Pick<CoreLike, 'voiceBuffer' | 'reverbInput'>) {
    this.scratch = new Float64Array(core.voiceBuffer.length);
    this.kernel = core.voiceBuffer.length <= OUT_FLOATS ? hermiteKernel() : null;
  }

  /** The bus of (output pair, pan index, reverb send) for the block [start, start + n). */
  bus(outL: Float32Array, outR: Float32Array, pan: number, send: number, start: number, n: number): Bus {
    const live = this.live;
    for (let j = 0; j < live.length; j++) {
      const b = live[j];
      if (b.outL === outL && b.outR === outR && b.pan === pan && b.send === send) return b;
    }
    if (live.length > 0 && (live[0].start !== start || live[0].n !== n)) this.flush(); // a new block (defensive)
    let b: Bus;
    if (this.kernel !== null && this.slots < MAX_BUSES) {
      const slot = this.slots++;
      b = this.inKernel[slot] ??= { outL, outR, pan, send, start, n, sum: NO_SUM, slot };
    } else {
      b = this.spare.pop() ?? { outL, outR, pan, send, start, n, sum: new Float64Array(this.scratch.length), slot: -1 };
    }
    b.outL = outL;
    b.outR = outR;
    b.pan = pan;
    b.send = send;
    b.start = start;
    b.n = n;
    live.push(b);
    return b;
  }

  /**
   * Pan and send every bus of the block, then empty them. An output pair that gets two or more kernel buses is
   * staged (the kernel pans them, the pair then gets one add per sample); one with a single bus is panned straight
   * from the kernel's memory, which is cheaper than staging one bus (per-channel stems: about one bus per pair).
   */
  flush(): void {
    const live = this.live;
    if (live.length === 0) return;
    const rev = this.core.reverbInput;
    const k = this.kernel;
    let stages = 0;
    const count = this.stageCount;
    for (let j = 0; j < live.length; j++) {
      const b = live[j];
      if (b.slot < 0) {
        panBus(b.sum, 0, b.outL, b.outR, rev, b.start, b.n, PAN_L[b.pan], PAN_R[b.pan], b.send);
        this.spare.push(b);
        continue;
      }
      let s = 0;
      while (s < stages && (this.stageL[s] !== b.outL || this.stageR[s] !== b.outR)) s++;
      if (s === stages) {
        this.stageL[s] = b.outL;
        this.stageR[s] = b.outR;
        count[s] = 0;
        stages++;
      }
      count[s]++;
      this.stageOf[b.slot] = s;
    }
    if (k === null) {
      live.length = 0;
      return;
    }
    const f64 = k.f64, start = live[0].start, n = live[0].n;
    let sent = false;
    for (let j = 0; j < live.length; j++) {
      const b = live[j];
      if (b.slot < 0) continue;
      const s = this.stageOf[b.slot];
      const gl = PAN_L[b.pan], gr = PAN_R[b.pan];
      if (count[s] < 2 || s >= MAX_STAGES) {
        panBus(f64, k.busAt(b.slot) / 8, b.outL, b.outR, rev, b.start, b.n, gl, gr, b.send);
        continue;
      }
      k.pan(k.busAt(b.slot), b.n, gl, gr, b.send, k.stageAt(s), k.stageAt(s) + STAGE_RIGHT, k.revAt);
      if (b.send !== 0) sent = true;
    }
    for (let s = 0; s < Math.min(stages, MAX_STAGES); s++) {
      if (count[s] < 2) continue;
      const at = k.stageAt(s) / 8;
      addStaged(f64, at, this.stageL[s], start, n);
      addStaged(f64, at + OUT_FLOATS, this.stageR[s], start, n);
    }
    if (sent) addStaged(f64, k.revAt / 8, rev, 0, n);
    live.length = 0;
    this.slots = 0;
  }
}

interface CoreHooks {
  processSplit: (...a: unknown[]) => void;
  reverbProcessor: { process: (...a: unknown[]) => void };
}

const busesOfCore = new WeakMap<object, VoiceBuses>();

/**
 * Route an offline synth's voices through per-block buses: its processSplit (on the processor and on the core,
 * which `process` calls) flushes them at the end of each block, and its reverb flushes them before it reads its
 * input. Null when the synth's shape is not the expected one (then voices write straight to their outputs).
 */
function attachBuses(synth: SpessaSynthProcessor, core: CoreLike): VoiceBuses | null {
  const known = busesOfCore.get(core);
  if (known) return known;
  const c = core as unknown as CoreHooks;
  const p = synth as unknown as { processSplit: unknown };
  const proto = Object.getPrototypeOf(core) as Partial<CoreHooks>;
  if (typeof proto.processSplit !== 'function' || typeof p.processSplit !== 'function' || typeof c.reverbProcessor?.process !== 'function') return null;
  const buses = new VoiceBuses(core);
  const split = proto.processSplit;
  const processSplit = function (...a: unknown[]): void {
    // Flushed even when a voice throws: the kernel's buses belong to the thread, and another synth in it (the
    // studio's next request) must not find this block's sums there.
    try {
      split.apply(core, a);
    } finally {
      buses.flush();
    }
  };
  c.processSplit = processSplit;
  p.processSplit = processSplit;
  const reverb = c.reverbProcessor;
  const reverbProcess = reverb.process;
  reverb.process = function (this: unknown, ...a: unknown[]): void {
    buses.flush();
    reverbProcess.apply(this, a);
  };
  busesOfCore.set(core, buses);
  return buses;
}

function mixDry(buf: Float32Array, outL: Float32Array, outR: Float32Array, start: number, n: number, gl: number, gr: number): void {
  for (let i = 0; i < n; i++) {
    const s = buf[i];
    outL[i + start] += gl * s;
    outR[i + start] += gr * s;
  }
}

function send(buf: Float32Array, dst: Float32Array, n: number, g: number): void {
  for (let i = 0; i < n; i++) dst[i] += g * buf[i];
}

const WIDE = new WeakMap<Float32Array, Float64Array>();
/**
 * A sample's data as float64 (made once per sample; the decoded data does not change). The oscillator reads
 * four taps per output sample, and V8 widens every float32 load: reading float64 is ≈ 4 % faster for a whole
 * render and gives the same values exactly (every float32 is a float64). Costs 2× the used samples' size
 * (26 MB for the bench piece).
 */
function wide(d: Float32Array): Float64Array {
  let w = WIDE.get(d);
  if (w === undefined) {
    w = Float64Array.from(d);
    WIDE.set(d, w);
  }
  return w;
}

const PEAKS = new WeakMap<Float32Array, number>();
/** Largest |x| of a sample's data (computed once per sample; the decoded data does not change). */
function samplePeak(osc: Osc): number {
  const d = osc.sampleData;
  let p = PEAKS.get(d);
  if (p === undefined) {
    p = peakOf(d);
    PEAKS.set(d, p);
  }
  return p;
}
// A function of its own: a rarely taken loop inside the per-block path would deoptimise it at every new sample.
function peakOf(d: Float32Array): number {
  let p = 0;
  for (let i = 0; i < d.length; i++) {
    const a = Math.abs(d[i]);
    if (a > p) p = a;
  }
  return p;
}
/** Linear gain of a positive resonance in centibels (1 for none). */
const cbToGainAbove0 = (cb: number) => (cb > 0 ? Math.pow(10, cb / 200) : 1);

/** Voices ended below audibility by `accelerateVoices` since the process started (for benchmarks and tests). */
let ended = 0;
export const inaudibleVoicesEnded = (): number => ended;

/** Default level below which a releasing voice is ended: −100 dBFS. */
export const INAUDIBLE_DB = -100;

function isChannel(x: unknown): x is ChannelLike {
  const c = x as ChannelLike;
  const core = c?.synthCore;
  return (
    !!c &&
    typeof c.renderVoice === 'function' &&
    c.renderVoice.length === 6 &&
    !!core &&
    core.voiceBuffer instanceof Float32Array &&
    core.reverbInput instanceof Float32Array &&
    core.chorusInput instanceof Float32Array &&
    typeof core.panSmoothingFactor === 'number' &&
    typeof c.currentGain === 'number' &&
    typeof c.currentPan === 'number' &&
    !!c._midiParameters &&
    c._midiControllers instanceof Int16Array
  );
}

/**
 * Give every MIDI channel of an offline synth the fused voice renderer. Returns how many channels were patched
 * (0 when the synth's shape is not the one this was written against: then nothing changes). `inaudibleDb`
 * (default −100 dBFS; null: never) ends a releasing voice once all it could still add is below that level.
 * `exact` (default false) writes every voice straight to its outputs in spessasynth's own arithmetic —
 * bit-identical with `inaudibleDb: null` — instead of summing voices per block into mono buses (rounding only).
 *
 * @example
 *   const synth = new SpessaSynthProcessor(44100, { maxBufferSize: 128 });
 *   accelerateVoices(synth); // 16: every channel renders its voices through the fast path
 */
export function accelerateVoices(synth: SpessaSynthProcessor, opts: { inaudibleDb?: number | null; exact?: boolean } = {}): number {
  const channels = synth.midiChannels as unknown[];
  if (!channels.every(isChannel)) return 0;
  const db = opts.inaudibleDb === undefined ? INAUDIBLE_DB : opts.inaudibleDb;
  const cut = db === null ? 0 : Math.pow(10, db / 20);
  const buses = opts.exact || channels.length === 0 ? null : attachBuses(synth, (channels[0] as ChannelLike).synthCore);
  // One function for every channel of this synth (not one bound function per channel): spessasynth's voice loop
  // calls renderVoice through the channel, and a single target keeps that call site monomorphic.
  const render = function (this: ChannelLike, voice: VoiceLike, timeNow: number, outL: Float32Array, outR: Float32Array, start: number, n: number): void {
    fastRenderVoice(this, cut, buses, voice, timeNow, outL, outR, start, n);
  };
  for (const ch of channels as ChannelLike[]) {
    if (!originals.has(ch)) originals.set(ch, ch.renderVoice); // patched twice: keep spessasynth's, not ours
    ch.renderVoice = render;
  }
  return channels.length;
}
