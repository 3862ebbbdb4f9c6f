/**
 * purpose: `leitmotif play <graph.json> --timeline <events.json> -o <dir>` — render a scripted game session
 * through the adaptive engine to session.mid, session.wav and log.json (when every state change and stinger
 * was requested and when it sounded).
 */
import type { Command } from 'commander';
import { dirname, join, resolve } from 'node:path';
import { loadGraphFile, loadTimelineFile } from '../../adaptive/node/load.js';
import { runSession } from '../../adaptive/session.js';
import { composerWith } from '../../adaptive/composer.js';
import { loadStyleModels } from '../../style/node.js';
import { collect, MODEL_FLAG_HELP, modelFilesFromRef, modelFilesRecord, parseModelFlags, type ModelFiles } from '../model-flags.js';
import { readJsonInput } from '../../io/read-input.js';
import { StyleModelRefSchema } from '../../cue/index.js';
import type { ComposerFactory } from '../../adaptive/engine.js';
import { scoreToMidi } from '../../render/midi/index.js';
import { renderToWav, writeRender } from '../../render/audio/index.js';
import { parseSampleRateFlag, parseLufsFlag, parseSeedFlag, withProfileFlags, type ProfileFlags } from '../flags.js';
import { emotionRegion } from '../../cue/index.js';
import { openProfile, planTakes, recordTake } from '../../personalize/node/takes.js';
import { writeFileAtomic, writeJsonAtomic } from '../../io/atomic-write.js';
import { LeitmotifError } from '../../util/errors.js';
import { createProgress } from '../progress.js';

export interface PlayFlags extends ProfileFlags {
  timeline: string;
  out: string;
  seed?: string;
  wav?: boolean;
  soundfont?: string;
  sampleRate?: string;
  lufs?: string;
  /** `--model` values (model-flags.ts). */
  model?: string[];
}

export function register(program: Command): void {
  withProfileFlags(program
    .command('play')
    .description('render a scripted game session through the adaptive music engine (session.mid, session.wav, log.json)')
    .argument('<graph>', 'music graph JSON (states, layers, transitions, stingers; see examples/*.graph.json)')
    .requiredOption('-t, --timeline <events.json>', 'scripted session: parameter values/ramps, game events and states over time')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('--seed <n>', 'override the graph seed (same seed + same timeline ⇒ identical output)')
    .option('--no-wav', 'skip audio rendering (MIDI and log only)')
    .option('--soundfont <file>', '.sf2/.sf3 for session.wav (default: bundled FluidR3Mono GM)')
    .option('--sample-rate <hz>', '44100 or 48000', '44100')
    .option('--lufs <target>', 'integrated loudness of session.wav', '-16')
    .option('--model <file>', MODEL_FLAG_HELP, collect, [])
    .addHelpText('after', '\nExample:\n  leitmotif play examples/stealth-combat.graph.json --timeline examples/stealth-combat.timeline.json -o out/stealth'))
    .action(async (graphPath: string, flags: PlayFlags) => {
      // The default style models are read on first use (after the flags, graph and timeline are checked).
      let composer: ComposerFactory | undefined;
      await runPlay(graphPath, flags, (o) => (composer ??= composerWith(loadStyleModels(playModelFiles(graphPath, flags))))(o));
    });
}

/** The style model files of a session: `--model` over the graph's own `model` field (relative to the graph file). */
function playModelFiles(graphPath: string, flags: Pick<PlayFlags, 'model'>): ModelFiles {
  const raw = readJsonInput(graphPath, 'music graph') as { model?: unknown } | null;
  const ref = StyleModelRefSchema.safeParse(raw?.model);
  const fromGraph = ref.success ? modelFilesFromRef(ref.data, dirname(resolve(graphPath))) : {};
  return { ...fromGraph, ...definedFiles(parseModelFlags(flags.model ?? [])) };
}

/** Only the groups a flag actually set. */
const definedFiles = (f: ModelFiles): ModelFiles => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));

/** Fail before rendering (one clear line) when the composer cannot start, e.g. without style models. */
function probeComposer(factory: ComposerFactory): ComposerFactory {
  try {
    factory({ style: 'orchestral', emotion: { valence: 0, arousal: 0, tension: 0.3 }, seed: 1 }).next({ valence: 0, arousal: 0, tension: 0.3 });
  } catch (e) {
    if (e instanceof LeitmotifError) throw e;
    throw new LeitmotifError('LM_ERR_MODEL_INVALID', `the composer could not start: ${(e as Error).message}`);
  }
  return factory;
}

/** The whole command, with the composer injectable (tests use compose's fixture models). */
export async function runPlay(graphPath: string, flags: PlayFlags, createComposer: ComposerFactory, write: (s: string) => void = (s) => process.stdout.write(s)): Promise<void> {
  const seed = flags.seed === undefined ? undefined : parseSeedFlag(flags.seed);
  // Checked even with --no-wav: a bad flag is an error whether or not it is used this time.
  const sampleRate = parseSampleRateFlag(flags.sampleRate ?? '44100');
  const lufs = parseLufsFlag(flags.lufs ?? '-16');
  const graph = loadGraphFile(graphPath);
  const timeline = loadTimelineFile(flags.timeline);
  probeComposer(createComposer);
  // With a profile, the session is one take: the player's taste on every generative state (game context).
  const profile = openProfile(flags);
  const firstGen = [graph.initial, ...Object.keys(graph.states)].map((st) => graph.states[st]?.generative).find((g) => g);
  const take = profile ? planTakes(profile, { kind: 'game', region: emotionRegion(firstGen?.emotion ?? { valence: 0, arousal: 0, tension: 0.3 }) }, seed ?? graph.seed, 1)[0] : undefined;
  const composer: ComposerFactory = take ? (o) => createComposer({ ...o, taste: take.taste }) : createComposer;
  const bar = createProgress('composing');
  const r = runSession(graph, timeline, { createComposer: composer, seed, progress: (f) => bar.update(f) });
  bar.done();
  const out = flags.out;
  writeFileAtomic(join(out, 'session.mid'), scoreToMidi(r.score));
  writeJsonAtomic(join(out, 'log.json'), { graph: graph.name, seed: seed ?? graph.seed, models: modelFilesRecord(playModelFiles(graphPath, flags)), duration: r.duration, events: r.log, dropped: r.dropped, stats: r.stats, ...(take ? take.provenance : {}) });
  const written = [join(out, 'session.mid'), join(out, 'log.json')];
  if (take) {
    writeJsonAtomic(join(out, 'provenance.json'), { tool: 'leitmotif play', graph: graph.name, seed: seed ?? graph.seed, ...take.provenance });
    written.push(join(out, 'provenance.json'));
  }
  if (flags.wav !== false) {
    const audio = createProgress('rendering');
    const res = await renderToWav({ score: r.score }, { sampleRate, lufs, soundfont: flags.soundfont, onProgress: (f) => audio.update(f) });
    audio.done();
    written.push(...writeRender(res, { out: join(out, 'session.wav') }));
  }
  const states = r.log.filter((e) => e.type === 'state').length - 1;
  const stingers = r.log.filter((e) => e.type === 'stinger').length;
  write(`session ${r.duration.toFixed(1)} s, ${r.stats.bars} bars, ${states} state change(s), ${stingers} stinger(s), ${r.dropped.length} request(s) dropped\n`);
  for (const e of r.log.slice(1)) {
    write(`  ${e.type.padEnd(7)} ${e.name.padEnd(14)} ${e.sync.padEnd(9)} asked ${e.requested.toFixed(2).padStart(7)} s → sounded ${e.sounded.toFixed(2).padStart(7)} s (bar ${e.bar}, beat ${e.beat})\n`);
  }
  write(`wrote ${written.join(', ')}\n`);
  if (profile && take) {
    recordTake(profile, take);
    write(`take ${take.takeId}\n`);
    profile.db.close();
  }
}
