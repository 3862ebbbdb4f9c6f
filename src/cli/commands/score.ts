/**
 * purpose: `leitmotif score <script> -o <dir>` — the main job: screenplay in, a whole film score out.
 * script → arc → cue sheet → cues composed → one assembled Score → files:
 *   analysis.json  cuesheet.json  score.json  score.mid  score.musicxml  arc.svg
 *   mix.wav  stems/<role>.wav  (unless --no-audio)       provenance.json
 * and prints the cue table (id, in/out timecode, scenes, emotion, key/tempo, hits caught) plus every hit that
 * could not be caught and why. Same script + seed ⇒ byte-identical files (no timestamps anywhere).
 */
import { Option, type Command } from 'commander';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, relative, isAbsolute, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScript } from '../../script/node.js';
import { assertScoreable } from '../../script/index.js';
import type { Script } from '../../script/types.js';
import { createDirector, buildAnalysisJson, arcToSvg, type Arc, type DirectorKind, type TextModel } from '../../affect/index.js';
import { loadTextModel } from '../../affect/node.js';
import { readDirection, readOrchestration } from '../../affect/direction-text.js';
import { loadDefaultStyleModels, loadStyleModels, DEFAULT_MODEL_DIR, DEFAULT_MODEL_FILES } from '../../style/node.js';
import { scoreToMidi } from '../../render/midi/index.js';
import { scoreToMusicXml } from '../../render/musicxml/index.js';
import { defaultSoundFontPath, loadSoundBank, DEFAULT_LUFS, type RenderStats, type StemNaming } from '../../render/audio/index.js';
import { writeFilmAudio } from '../../render/audio/film-stream.js';
import { formatCueTable, frameRate, type CueSheet } from '../../plan/index.js';
import { scoreFilm, buildProvenance, type HashedFile, type Provenance } from '../../film/index.js';
import type { Loudness } from '../../film/provenance.js';
import { STYLES, type Style } from '../../cue/index.js';
import { LUFS_TOLERANCE, loudnessShortfallReason, parseLufsFlag, parseSeedFlag, parseStemNamingFlag, STEM_NAMING_HELP, withProfileFlags, type ProfileFlags } from '../flags.js';
import { collect, MODEL_FLAG_HELP, parseModelFlags, type ModelFiles } from '../model-flags.js';
import { emotionRegion, type Taste } from '../../cue/index.js';
import type { OrchestrationTaste } from '../../cue/orchestration.js';
import { openProfile, planTakes, recordTake, type PlannedTake } from '../../personalize/node/takes.js';
import type { Score } from '../../score/schema.js';
import type { StyleModel } from '../../style/api.js';
import { writeFileAtomic, writeJsonAtomic } from '../../io/atomic-write.js';
import { checkRunTargets, openRunFolder, type RunFolder } from '../../io/run-folder.js';
import { LeitmotifError } from '../../util/errors.js';
import { createProgress } from '../progress.js';
import { outputReport } from '../../originality/output-report.js';
import { loadSigningKey } from '../../originality/node/keys.js';
import { signManifest } from '../../originality/node/sign.js';

const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ScoreRunOptions {
  script: string;
  out: string;
  seed?: number;
  style?: Style;
  director?: DirectorKind;
  fps?: number;
  timings?: string;
  audio?: boolean;
  /** Loudness target; null = no normalisation (`--lufs off`). */
  lufs?: number | null;
  soundfont?: string;
  reelMinutes?: number;
  llm?: { url?: string; model?: string; timeoutMs?: number };
  /** Style models to use instead of the committed defaults (tests, experiments); provenance records their ids. */
  models?: { melody: StyleModel; harmony: StyleModel };
  /** Signing key file for provenance.json; undefined = the user's key if one exists (`leitmotif keys create`); false = unsigned. */
  key?: string | false;
  /** Style model files (`--model`); provenance records their paths and hashes. */
  modelFiles?: ModelFiles;
  /** Stem file names (default 'instrument'). */
  stemNaming?: StemNaming;
  /** Text emotion model to use instead of the shipped models/affect/text-vad.json. */
  textModel?: TextModel;
  /** false: read every line on its own, without the learned scene context (`--no-scene-context`; default on for screenplays). */
  sceneContext?: boolean;
  onProgress?: (fraction: number, label: string) => void;
  /**
   * The whole score's orchestration from `--direction` ("low strings, no percussion"): the lead and the layers
   * left out of every cue, written into each cue's spec in the cue sheet (a director's request wins over the
   * emotion's own lead colour).
   */
  orchestration?: OrchestrationTaste;
  /** A profile's taste for this film, chosen once the arc is known (--profile); its fields go into provenance.json. */
  taste?: (arc: Arc) => { taste: Taste; provenance: Record<string, unknown> };
}

export interface ScoreRunResult {
  script: Script;
  arc: Arc;
  cueSheet: CueSheet;
  score: Score;
  files: string[];
  provenance: Provenance;
  renderStats?: RenderStats;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
}

/** The whole `score` job; returns what it wrote. Used by the command, the bench and the end-to-end eval. */
export async function runScore(o: ScoreRunOptions): Promise<ScoreRunResult> {
  // The run is staged and moved into place only when complete (io/run-folder.ts); paths are checked first.
  checkRunTargets(o.out, SCORE_OUTPUTS);
  let run: RunFolder | null = null;
  try {
    return await scoreInto(o, () => (run = openRunFolder(o.out, SCORE_OUTPUTS)));
  } catch (e) {
    (run as RunFolder | null)?.abort();
    throw e;
  }
}

const SCORE_OUTPUTS = ['analysis.json', 'arc.svg', 'cuesheet.json', 'score.json', 'score.mid', 'score.musicxml', 'mix.wav', 'stems/', 'provenance.json'];

async function scoreInto(o: ScoreRunOptions, open: () => RunFolder): Promise<ScoreRunResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = now - t;
    t = now;
  };
  const seed = o.seed ?? 1;
  const style = o.style ?? 'orchestral';
  const fps = frameRate(o.fps ?? 24).label;
  const progress = o.onProgress ?? (() => {});

  progress(0, 'reading script');
  // A bad SoundFont must fail before any output is written, not after the MIDI and JSON are on disk.
  if (o.audio !== false && o.soundfont) loadSoundBank(o.soundfont);
  const script = loadScript(o.script, { timings: o.timings });
  assertScoreable(script);
  if (script.scenes.length === 0) {
    throw new LeitmotifError('LM_ERR_SCRIPT_INVALID', `${o.script} has no scenes to score`, {
      hint: 'a Fountain scene starts with a heading like "INT. KITCHEN - NIGHT"; plain prose needs at least one paragraph',
    });
  }
  lap('parse');
  // The input is sound: only now does the output folder appear (a rejected script leaves nothing behind).
  const run = open();
  progress(0.03, 'analysing the arc');
  const director = createDirector(o.director ?? 'offline', { offline: { model: o.textModel ?? loadTextModel(), ...(o.sceneContext === false ? { sceneContext: false } : {}) }, openai: { url: o.llm?.url, model: o.llm?.model, timeoutMs: o.llm?.timeoutMs } });
  const arc = await director.analyze(script);
  lap('analyze');
  progress(0.08, 'loading style models');
  const models = o.models ?? (o.modelFiles ? loadStyleModels(o.modelFiles) : loadDefaultStyleModels());
  lap('models');

  const personal = o.taste?.(arc);
  const film = scoreFilm(
    script,
    arc,
    { seed, style, fps, reelSeconds: (o.reelMinutes ?? 20) * 60, director: arc.source, ...(o.orchestration ? { orchestration: o.orchestration } : {}) },
    { models, ...(personal ? { taste: personal.taste } : {}) },
    (f, label) => progress(0.1 + 0.4 * f, label),
  );
  timings.plan = film.timings.plan;
  timings.compose = film.timings.compose;
  timings.assemble = film.timings.assemble;
  t = performance.now();

  const files: string[] = [];
  const outputs: HashedFile[] = [];
  const write = (name: string, data: string | Uint8Array) => {
    const p = run.path(name);
    writeFileAtomic(p, data);
    files.push(join(run.out, name));
    outputs.push({ role: 'output', path: name, sha256: sha256(data), bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength });
  };
  progress(0.5, 'writing MIDI and MusicXML');
  write('analysis.json', json(buildAnalysisJson(script, arc)));
  write('arc.svg', arcToSvg(arc, script));
  write('cuesheet.json', json(film.cueSheet));
  write('score.json', json(film.score));
  write('score.mid', scoreToMidi(film.score));
  lap('midi');
  write('score.musicxml', scoreToMusicXml(film.score));
  lap('musicxml');

  let renderStats: RenderStats | undefined;
  let soundfont: HashedFile | null = null;
  if (o.audio !== false && film.score.tracks.some((tr) => tr.notes.length > 0)) {
    progress(0.55, 'rendering audio');
    // Only the cues are synthesised (silence between them is not), then mastered once for the whole film.
    const regions = film.cueSheet.cues.map((c) => ({ start: c.start, end: c.end }));
    // Streamed to disk slice by slice (constant memory); silence between cues is written sparsely and not
    // hashed: provenance records each WAV's size, and the MIDI/JSON they come from are hashed.
    const r = await writeFilmAudio(film.score, regions, { mixPath: run.path('mix.wav'), stemsDir: run.path('stems'), lufs: (o.lufs === undefined ? DEFAULT_LUFS : o.lufs), soundfont: o.soundfont, stemEffects: 'shared', stemNaming: o.stemNaming, onProgress: (f) => progress(0.55 + 0.43 * f, 'rendering audio') });
    renderStats = r.stats;
    for (const f of r.files) {
      const rel = relative(run.stage, f.path).split(sep).join('/');
      // Hashed by the writer as it wrote the file (constant memory, no second read of a feature-length mix).
      outputs.push({ role: 'output', path: rel, sha256: f.sha256, bytes: f.bytes });
      files.push(join(run.out, rel));
    }
    soundfont = hashFile('soundfont', o.soundfont ?? defaultSoundFontPath());
    lap('audio');
  }

  const inputs: HashedFile[] = [hashFile('script', o.script)];
  if (o.timings) inputs.push(hashFile('timings', o.timings));
  progress(0.99, 'checking originality');
  const report = outputReport(film.score, models, film.evidence);
  lap('originality');
  const unsigned = buildProvenance({
    version: pkg.version,
    command: 'score',
    seed,
    options: { style, fps, director: o.director ?? 'offline', audio: o.audio !== false, lufs: o.audio !== false ? (o.lufs === undefined ? DEFAULT_LUFS : o.lufs) : null, reelMinutes: o.reelMinutes ?? 20 },
    inputs,
    models: (['melody', 'harmony'] as const).map((role) => {
      const file = o.modelFiles?.[role];
      if (file) {
        const f = hashFile(`model:${role}`, file);
        return { role, id: models[role].id, path: f.path, sha256: f.sha256 };
      }
      if (o.models) return { role, id: models[role].id };
      const f = hashFile(`model:${role}`, join(DEFAULT_MODEL_DIR, DEFAULT_MODEL_FILES[role]));
      return { role, id: models[role].id, path: f.path, sha256: f.sha256 };
    }),
    soundfont,
    loudness: renderStats ? loudnessRecord(o.lufs === undefined ? DEFAULT_LUFS : o.lufs, renderStats) : null,
    cueSheet: film.cueSheet,
    outputs,
    director: { requested: o.director ?? 'offline', used: arc.source, notes: arc.notes },
    report,
  });
  const key = o.key === false ? null : loadSigningKey(o.key);
  const withTake = (personal ? { ...unsigned, ...personal.provenance } : unsigned) as Provenance;
  const provenance: Provenance = key ? (signManifest(withTake as unknown as Record<string, unknown>, key) as unknown as Provenance) : withTake;
  writeJsonAtomic(run.path('provenance.json'), provenance);
  files.push(join(run.out, 'provenance.json'));
  run.commit('provenance.json');
  lap('write');
  progress(1, 'done');
  return { script, arc, cueSheet: film.cueSheet, score: film.score, files, provenance, renderStats, timings };
}

/** The loudness record for provenance: what the mix reached, and why when it missed the target. */
function loudnessRecord(target: number | null, s: RenderStats): Loudness {
  const onTarget = target === null || Math.abs(s.integratedLufs - target) <= LUFS_TOLERANCE;
  return { targetLufs: target, integratedLufs: s.integratedLufs, truePeakDb: s.truePeakDb, limiterReductionDb: s.limiterReductionDb, onTarget, ...(onTarget ? {} : { note: loudnessShortfallReason(s) }) };
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hash a file; the path is kept as given, or repo-relative for built-in assets (no machine-specific paths). */
function hashFile(role: string, path: string): HashedFile {
  const data = readFileSync(path);
  const shown = isAbsolute(path) && path.startsWith(REPO_ROOT) ? relative(REPO_ROOT, path) : path;
  return { role, path: shown, sha256: sha256(data), bytes: statSync(path).size };
}

interface ScoreFlags extends ProfileFlags {
  out?: string;
  seed: string;
  style: string;
  director: string;
  fps: string;
  timings?: string;
  audio: boolean;
  lufs?: string;
  soundfont?: string;
  reel: string;
  llmUrl?: string;
  llmModel?: string;
  llmTimeout?: string;
  quiet?: boolean;
  key?: string;
  sign: boolean;
  stemNaming: string;
  model: string[];
  direction?: string;
  sceneContext: boolean;
}

export function register(program: Command): void {
  withProfileFlags(program
    .command('score')
    .description('score a screenplay end to end: cue sheet, leitmotifs, hit points, one film score as MIDI, MusicXML, WAV mix and stems')
    .argument('<script>', 'screenplay file (Fountain, Final Draft .fdx, or plain text)')
    .requiredOption('-o, --out <dir>', 'output folder (created if missing)')
    .option('--seed <n>', 'random seed: same script and seed give byte-identical files', '1')
    .option('--style <style>', `palette: ${STYLES.join(', ')}`, 'orchestral')
    .option('--director <kind>', 'emotion analysis: offline (default, deterministic) or openai (an OpenAI-compatible LLM server)', 'offline')
    .option('--fps <rate>', 'timecode frame rate for the cue sheet: 23.976, 24, 25, 29.97 or 30 (non-drop-frame)', '24')
    .option('--timings <file>', 'scene timings file overriding the page-based time estimate')
    .option('--no-audio', 'skip mix.wav and stems (MIDI, MusicXML and JSON only)')
    .option('--lufs <x>', `integrated loudness of mix.wav in LUFS (default ${DEFAULT_LUFS}; film deliverables use -23 or -24; "off" keeps the raw level)`)
    .option('--soundfont <file>', '.sf2/.sf3 SoundFont for the audio (default: the bundled FluidR3Mono GM)')
    .option('--stem-naming <how>', STEM_NAMING_HELP, 'instrument')
    .option('--model <file>', MODEL_FLAG_HELP, collect, [])
    .option('--reel <minutes>', 'reel length for cue numbering (1m1, 2m1…), minutes', '20')
    .option('--llm-url <url>', 'LLM server base URL for --director openai')
    .option('--llm-model <name>', 'LLM model name for --director openai')
    .option('--llm-timeout <seconds>', 'timeout per LLM request in seconds (default 30)')
    .option('--no-scene-context', 'read each line on its own, without the learned scene context (situation, subtext) that is on by default for screenplays')
    // The old opt-in flag still parses (scripts that pass it keep working): scene context is the default now.
    .addOption(new Option('--scene-context').hideHelp())
    .option('--direction <text>', 'free-text direction for the whole score, e.g. "low strings, no percussion": its instrument words pick the palette, the lead and the layers left out of every cue (the script still sets each cue\'s emotion)')
    .option('-q, --quiet', 'do not print the cue table')
    .option('--key <file>', 'Ed25519 key that signs provenance.json (default: the key `leitmotif keys create` made, if any)')
    .option('--no-sign', 'write provenance.json unsigned even when a key exists'))
    .action(async (file: string, flags: ScoreFlags) => {
      const opts = parseFlags(file, flags);
      const profile = openProfile(flags);
      let take: PlannedTake | undefined;
      if (profile) {
        // One take is the whole film: the director's taste for the film's prevailing emotion region.
        opts.taste = (arc) => {
          const total = arc.scenes.reduce((acc, sc) => acc + Math.max(sc.duration, 1e-3), 0) || 1;
          const mean = arc.scenes.reduce((acc, sc) => ({ valence: acc.valence + (sc.valence * Math.max(sc.duration, 1e-3)) / total, arousal: acc.arousal + (sc.arousal * Math.max(sc.duration, 1e-3)) / total, tension: 0 }), { valence: 0, arousal: 0, tension: 0 });
          [take] = planTakes(profile, { kind: 'film', region: emotionRegion(mean) }, opts.seed ?? 1, 1);
          return { taste: take.taste, provenance: take.provenance };
        };
      }
      const bar = createProgress('scoring');
      const started = performance.now();
      let r: ScoreRunResult;
      try {
        r = await runScore({ ...opts, onProgress: (f, label) => bar.update(f, label) });
      } finally {
        bar.done();
      }
      if (!flags.quiet) process.stdout.write(formatCueTable(r.cueSheet) + '\n');
      for (const w of r.script.warnings) process.stderr.write(`warning: ${w}\n`);
      for (const n of r.arc.notes) if (/fell back|kept offline|LLM/.test(n)) process.stderr.write(`note: ${n}\n`);
      for (const n of r.cueSheet.notes.filter((x) => !x.startsWith('dry scenes'))) process.stderr.write(`note: ${n}\n`);
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      const ld = r.provenance.loudness;
      // Never hidden by -q: a mix off its target is a deliverable problem.
      if (ld && !ld.onTarget) process.stderr.write(`warning: mix.wav reached ${ld.integratedLufs.toFixed(1)} LUFS, not the ${ld.targetLufs} LUFS target: ${ld.note}\n`);
      const loud = r.renderStats ? `, mix ${r.renderStats.integratedLufs.toFixed(1)} LUFS / ${r.renderStats.truePeakDb.toFixed(1)} dBTP` : '';
      process.stderr.write(`wrote ${r.files.length} files to ${opts.out} in ${secs} s (${r.cueSheet.cues.length} cues, longest copied run ${r.provenance.originality.longestCopiedRun}${loud})\n`);
      if (profile && take) {
        recordTake(profile, take);
        process.stdout.write(`take ${take.takeId}\nrate it: leitmotif feedback --profile ${profile.name} --take ${take.takeId} --rating like|dislike|1..5\n`);
        profile.db.close();
      }
    });
}

function parseFlags(file: string, f: ScoreFlags): ScoreRunOptions {
  if (!f.out) throw new LeitmotifError('LM_ERR_BAD_OPTION', 'give an output folder with -o <dir>');
  const seed = parseSeedFlag(f.seed);
  if (!(STYLES as readonly string[]).includes(f.style)) throw new LeitmotifError('LM_ERR_BAD_OPTION', `unknown style "${f.style}"`, { hint: `use one of ${STYLES.join(', ')}` });
  if (f.director !== 'offline' && f.director !== 'openai') throw new LeitmotifError('LM_ERR_BAD_OPTION', `unknown director "${f.director}"`, { hint: 'use --director offline or --director openai' });
  const fps = Number(f.fps);
  frameRate(fps); // throws a clear error for unsupported rates
  const lufs = f.lufs === undefined ? undefined : parseLufsFlag(f.lufs);
  const reel = Number(f.reel);
  if (!Number.isFinite(reel) || reel < 1 || reel > 240) throw new LeitmotifError('LM_ERR_BAD_OPTION', `--reel must be minutes between 1 and 240, got "${f.reel}"`);
  let timeoutMs: number | undefined;
  if (f.llmTimeout !== undefined) {
    const x = Number(f.llmTimeout);
    if (!Number.isFinite(x) || x <= 0 || x > 3600) throw new LeitmotifError('LM_ERR_BAD_OPTION', `--llm-timeout must be seconds between 0 and 3600, got "${f.llmTimeout}"`);
    timeoutMs = Math.round(x * 1000);
  }
  let style = f.style as Style;
  let orchestration: OrchestrationTaste | undefined;
  if (f.direction !== undefined) {
    const reading = readDirection(f.direction, loadTextModel());
    if (reading.palette.length) style = reading.spec.style ?? style;
    // Read for the palette that plays (a lead of a palette --style kept out is neither used nor promised).
    const asked = readOrchestration(f.direction, style);
    if (asked.lead || asked.avoid.length) orchestration = { ...(asked.lead ? { lead: asked.lead } : {}), avoid: asked.avoid };
    process.stderr.write(`understood "${f.direction}": style ${style}${reading.palette.length ? ` (from: ${reading.palette.join(', ')})` : ' (no instrument named: --style kept)'}${asked.understood.length ? `; ${asked.understood.join('; ')}` : ''}; each cue's emotion comes from the script\n`);
  }
  return {
    script: file,
    out: f.out,
    seed,
    style,
    ...(orchestration ? { orchestration } : {}),
    director: f.director,
    fps,
    timings: f.timings,
    audio: f.audio,
    lufs,
    soundfont: f.soundfont,
    stemNaming: parseStemNamingFlag(f.stemNaming ?? 'instrument'),
    modelFiles: f.model?.length ? parseModelFlags(f.model) : undefined,
    reelMinutes: reel,
    llm: { url: f.llmUrl, model: f.llmModel, timeoutMs },
    key: f.sign === false ? false : f.key,
    ...(f.sceneContext === false ? { sceneContext: false } : {}),
  };
}

