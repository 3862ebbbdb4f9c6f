/**
 * purpose: the browser demo — a music graph driven by sliders (parameters), buttons (events, states) and a live
 * view of what is audible (state, bar, beat, chord, layers). Engine: src/adaptive (isomorphic core);
 * sound: spessasynth_lib's WorkletSynthesizer with the FluidR3Mono GM SoundFont.
 * `window.__leitmotif` exposes status and log for the end-to-end test (test/e2e/demo.test.ts).
 */
import { WorkletSynthesizer } from 'spessasynth_lib';
import { AdaptiveEngine } from '../src/adaptive/engine.js';
import { parseInlineGraph, type MusicGraph } from '../src/adaptive/graph.js';
import { composerWith } from '../src/adaptive/composer.js';
import { demoStyleModels } from './models.js';
import { WebAudioPlayer, type AudibleStatus } from '../src/adaptive/web/player.js';
import type { LogEntry } from '../src/adaptive/events.js';
import stealthCombat from '../examples/stealth-combat.graph.json' with { type: 'json' };
import exploration from '../examples/exploration.graph.json' with { type: 'json' };

const GRAPHS: Record<string, unknown> = { 'stealth-combat': stealthCombat, exploration };

interface DemoHandle {
  ready: boolean;
  status(): AudibleStatus & { engineState: string; pending?: string; audioTime: number; contextState: string; rms: number; layers: Record<string, boolean> };
  log(): LogEntry[];
  audible: LogEntry[];
  barTicks: number;
  styleModel: string;
  error?: string;
}
declare global {
  interface Window { __leitmotif?: DemoHandle }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let ctx: AudioContext | undefined;
let synth: WorkletSynthesizer | undefined;
let analyser: AnalyserNode | undefined;
let player: WebAudioPlayer | undefined;
let soundBank: ArrayBuffer | undefined;
const audible: LogEntry[] = [];

function graphFromUi(): MusicGraph {
  const key = $<HTMLSelectElement>('graph').value;
  return parseInlineGraph(GRAPHS[key] ?? stealthCombat, key);
}

function rms(): number {
  if (!analyser) return 0;
  const buf = new Float32Array(analyser.fftSize);
  analyser.getFloatTimeDomainData(buf);
  let s = 0;
  for (const x of buf) s += x * x;
  return Math.sqrt(s / buf.length);
}

async function start(): Promise<void> {
  $<HTMLButtonElement>('start').disabled = true;
  $('status').textContent = 'loading SoundFont…';
  try {
    ctx ??= new AudioContext({ latencyHint: 'interactive' });
    if (!synth) {
      await ctx.audioWorklet.addModule('/spessasynth_processor.min.js');
      synth = new WorkletSynthesizer(ctx);
      analyser = ctx.createAnalyser();
      analyser.fftSize = 2048;
      synth.connect(analyser);
      analyser.connect(ctx.destination);
      soundBank ??= await (await fetch('/soundfont.sf3')).arrayBuffer();
      await synth.soundBankManager.addSoundBank(soundBank, 'main');
      await synth.isReady;
    }
    await ctx.resume();
    const graph = graphFromUi();
    const { models, label } = await demoStyleModels();
    const engine = new AdaptiveEngine(graph, { createComposer: composerWith(models) });
    audible.length = 0;
    player = new WebAudioPlayer(engine, synth, ctx, { onAudible: (e) => { audible.push(e); renderLog(engine); } }).start();
    buildControls(graph, engine, player);
    $<HTMLButtonElement>('stop').disabled = false;
    $('status').textContent = `playing “${graph.name}” · style model: ${label}`;
    const [num, den] = graph.meter;
    window.__leitmotif = {
      ready: true,
      barTicks: (num * 1920) / den,
      styleModel: label,
      audible,
      log: () => [...engine.log],
      status: () => ({ ...player!.status(), engineState: engine.status().state, pending: engine.status().pending, audioTime: ctx!.currentTime, contextState: ctx!.state, rms: rms(), layers: engine.status().layers }),
    };
    requestAnimationFrame(draw);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    $('status').textContent = `could not start audio: ${msg}`;
    window.__leitmotif = { ready: false, error: msg, status: () => { throw new Error(msg); }, log: () => [], audible, barTicks: 1920, styleModel: '' };
    $<HTMLButtonElement>('start').disabled = false;
  }
}

function stop(): void {
  player?.stop();
  player = undefined;
  $<HTMLButtonElement>('stop').disabled = true;
  $<HTMLButtonElement>('start').disabled = false;
  $('status').textContent = 'stopped';
}

function buildControls(graph: MusicGraph, engine: AdaptiveEngine, p: WebAudioPlayer): void {
  const params = $('params');
  params.replaceChildren();
  for (const [name, def] of Object.entries(graph.parameters)) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    const out = document.createElement('output');
    input.type = 'range';
    input.min = String(def.min);
    input.max = String(def.max);
    input.step = String((def.max - def.min) / 100);
    input.value = String(def.default ?? def.min);
    input.id = `param-${name}`;
    input.dataset.param = name;
    out.textContent = Number(input.value).toFixed(2);
    input.addEventListener('input', () => {
      engine.setParameter(name, Number(input.value), p.now());
      out.textContent = Number(input.value).toFixed(2);
    });
    label.append(name, input, out);
    params.append(label);
  }
  const events = $('events');
  events.replaceChildren();
  for (const name of new Set([...Object.keys(graph.events), ...Object.keys(graph.stingers)])) {
    const b = document.createElement('button');
    b.textContent = name;
    b.dataset.event = name;
    b.addEventListener('click', () => engine.trigger(name, p.now()));
    events.append(b);
  }
  const states = $('states');
  states.replaceChildren();
  for (const name of Object.keys(graph.states)) {
    const b = document.createElement('button');
    b.textContent = name;
    b.className = 'state';
    b.dataset.state = name;
    b.addEventListener('click', () => engine.setState(name, p.now()));
    states.append(b);
  }
  $('beats').replaceChildren(...Array.from({ length: graph.meter[0] }, () => document.createElement('span')));
}

function renderLog(engine: AdaptiveEngine): void {
  const lines = audible.slice(-40).map((e) => `${e.sounded.toFixed(2).padStart(7)} s  ${e.type.padEnd(7)} ${e.name.padEnd(12)} ${e.sync.padEnd(9)} asked ${e.requested.toFixed(2)} s · bar ${e.bar} beat ${e.beat}`);
  const s = engine.stats;
  lines.push(`ignored: ${s.ignoredNaN} NaN, ${s.clampedParams} clamped, ${s.unknownEvents + s.unknownStates} unknown, ${s.droppedStingers} stingers on cooldown`);
  $('log').textContent = lines.join('\n');
}

function draw(): void {
  if (!player) return;
  const st = player.status();
  const eng = player.engine.status();
  $('state').textContent = eng.pending && eng.pending !== st.state ? `${st.state} → ${eng.pending}` : st.state;
  $('bar').textContent = String(st.bar);
  $('beat').textContent = String(st.beat);
  $('tempo').textContent = st.tempo.toFixed(0);
  $('chord').textContent = st.chord || '–';
  [...$('beats').children].forEach((el, i) => el.classList.toggle('on', i === st.beat - 1));
  for (const b of document.querySelectorAll<HTMLButtonElement>('button.state')) b.classList.toggle('on', b.dataset.state === st.state);
  $('layers').replaceChildren(...Object.entries(eng.layers).map(([n, on]) => {
    const s = document.createElement('span');
    s.className = `layer${on ? ' on' : ''}`;
    s.textContent = n;
    return s;
  }));
  requestAnimationFrame(draw);
}

$('start').addEventListener('click', () => void start());
$('stop').addEventListener('click', stop);
$('graph').addEventListener('change', () => { if (player) { stop(); void start(); } });
