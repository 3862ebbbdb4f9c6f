/**
 * purpose: benchmark offline rendering — Leitmotif (spessasynth_core + mastering) against FluidSynth on the same
 * committed 3-minute, 8-track GM piece and the same SoundFont, in the same run.
 *
 *   npm run bench:render                 # one measurement each
 *   npm run bench:render -- --reps 3     # best of 3 (use on a busy machine)
 *   npm run bench:render -- --stems      # also time renders with per-channel stems: shared fx return and baked
 *   npm run bench:render -- --pairs 5    # alternating Leitmotif/FluidSynth pairs for the median ratio (default 3)
 *   npm run bench:render -- --score-pages 10   # also pairs on a generated 10-page score's MIDI (whole timeline)
 *   npm run bench:render -- --no-cli     # pairs without the compiled CLI run (otherwise dist/ is built if stale)
 *   npm run bench:render -- --null       # also: null tests of the piece's mix against spessasynth's exact arithmetic
 *
 * Every measurement runs in a fresh child process so peak memory (maxRSS) belongs to that job alone. The pairs
 * time ours two ways: the bench's child through tsx (a dev checkout: TypeScript compiled at every start, ~0.8 s
 * CPU) and the compiled CLI a user runs (`leitmotif render`, dist/ built here when stale); the target is on the
 * latter. Both are whole processes: start-up, SoundFont load and decoding, render, mastering, encoding.
 * RTF = processing time / audio duration (lower is faster; 0.05 = 20× real time). Wall time is what a user
 * waits; CPU time (user + sys) is also shown because it is robust when other jobs share the cores.
 * FluidSynth is Debian's `fluidsynth` (installed with apt-get if missing and we are root), run as
 *   fluidsynth -ni -q -F out.wav -O s24 -r 44100 -o synth.reverb.active=1 -o synth.chorus.active=1 <sf3> <mid>
 * (`-O s24`: a 24-bit file, as `leitmotif render` writes by default, so both write the same number of bytes.)
 * Its SoundFont load time is measured by rendering a one-note file with the same bank, and subtracted.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRenderPiece, PIECE_PATH } from './make-render-piece.js';
import { scoreToMidi } from '../src/render/midi/index.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { emptyScore, addTrack } from '../src/score/index.js';
import { renderToWav, loadSoundBank, defaultSoundFontPath, parseWav, measureLoudness } from '../src/render/audio/index.js';

interface Measure {
  label: string;
  audioSec: number;
  wallSec: number;
  cpuSec: number;
  maxRssMb: number;
  lufs?: number;
  truePeakDb?: number;
  extra?: string;
}

const SELF = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};

// ---------- child: one Leitmotif render, JSON on stdout ----------
async function child(mode: string): Promise<void> {
  const midi = new Uint8Array(readFileSync(value('--midi', PIECE_PATH)));
  const stems = mode.includes('-stems');
  const stemEffects = mode.endsWith('-baked') ? 'baked' : 'shared';
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  loadSoundBank();
  if (mode.startsWith('warm')) {
    // Warm-up render of the whole piece: parses the bank and decodes every sample it uses (the sf3 Vorbis
    // samples decode lazily on first use), so the measured render is synthesis + mastering only.
    await renderToWav({ midi }, { lufs: null });
  }
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const r = await renderToWav({ midi }, { stems, stemEffects });
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  const cpu = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1e6;
  const out = {
    audioSec: r.stats.durationSec,
    wallSec: mode.startsWith('warm') ? (t2 - t1) / 1000 : (t2 - t0) / 1000,
    cpuSec: mode.startsWith('warm') ? cpu(c1, c2) : cpu(c0, c2),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    lufs: r.stats.integratedLufs,
    truePeakDb: r.stats.truePeakDb,
    limiterDb: r.stats.limiterReductionDb,
    renderSec: r.stats.renderSeconds,
    stems: r.stems.length,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

function runChild(mode: string): Measure & { renderSec: number; limiterDb: number; stems: number } {
  const extra = process.env.LM_BENCH_NODE_FLAGS ? process.env.LM_BENCH_NODE_FLAGS.split(' ') : [];
  const res = spawnSync(process.execPath, [...extra, '--import', 'tsx', SELF, '--child', mode], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (res.status !== 0) throw new Error(`child ${mode} failed: ${res.stderr}`);
  const j = JSON.parse(res.stdout.trim().split('\n').pop() as string);
  return { label: '', ...j };
}

// ---------- FluidSynth ----------
function ensureFluidSynth(): string | null {
  const which = spawnSync('sh', ['-c', 'command -v fluidsynth'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  if (process.getuid?.() !== 0) {
    console.log('fluidsynth is not installed and we are not root: `sudo apt-get install -y fluidsynth` to compare.');
    return null;
  }
  console.log('installing fluidsynth (apt-get install -y fluidsynth) …');
  const r = spawnSync('apt-get', ['install', '-y', 'fluidsynth'], { stdio: 'ignore' });
  if (r.status !== 0) spawnSync('sh', ['-c', 'apt-get update && apt-get install -y fluidsynth'], { stdio: 'ignore' });
  const again = spawnSync('sh', ['-c', 'command -v fluidsynth'], { encoding: 'utf8' });
  return again.status === 0 ? again.stdout.trim() : null;
}

function timeV(cmd: string[]): { wallSec: number; cpuSec: number; maxRssMb: number; stderr: string; stdout: string } {
  const hasTime = existsSync('/usr/bin/time');
  if (hasTime) {
    const r = spawnSync('/usr/bin/time', ['-v', ...cmd], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const get = (re: RegExp) => Number((r.stderr.match(re) ?? [])[1] ?? NaN);
    const wallStr = (r.stderr.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/) ?? [])[1] ?? 'NaN';
    const wall = wallStr.split(':').reduce((acc, p) => acc * 60 + Number(p), 0);
    // A failed run (an edit mid-bench, a missing file) must not count as a fast one.
    if (r.status !== 0 || get(/Exit status: (\d+)/) !== 0) throw new Error(`${cmd.join(' ')} failed:\n${r.stderr.split('\n\tCommand being timed')[0]}`);
    return { wallSec: wall, cpuSec: get(/User time \(seconds\): ([\d.]+)/) + get(/System time \(seconds\): ([\d.]+)/), maxRssMb: get(/Maximum resident set size \(kbytes\): (\d+)/) / 1024, stderr: r.stderr, stdout: r.stdout };
  }
  // Fallback: Python's getrusage of the child.
  const py = 'import resource,subprocess,sys,time,json\nt=time.time();p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)\nw=time.time()-t;r=resource.getrusage(resource.RUSAGE_CHILDREN)\nprint(json.dumps([p.returncode,w,r.ru_utime+r.ru_stime,r.ru_maxrss]))';
  const [rc, ...out] = JSON.parse(execFileSync('python3', ['-c', py, ...cmd], { encoding: 'utf8' })) as number[];
  if (rc !== 0) throw new Error(`${cmd.join(' ')} failed with exit code ${rc}`);
  return { wallSec: out[0], cpuSec: out[1], maxRssMb: out[2] / 1024, stderr: '', stdout: '' };
}

function fluidRun(fs: string, sf: string, mid: string, wav: string) {
  return timeV([fs, '-ni', '-q', '-F', wav, '-O', 's24', '-r', '44100', '-o', 'synth.reverb.active=1', '-o', 'synth.chorus.active=1', sf, mid]);
}

/** Audio seconds of a WAV file (its header and data size). */
function wavSeconds(path: string): number {
  const w = parseWav(new Uint8Array(readFileSync(path)));
  return w.frames / w.sampleRate;
}

const med = (xs: number[]) => {
  const v = [...xs].sort((x, y) => x - y);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/**
 * Alternating runs (ours, then theirs, same file, same SoundFont, whole process each): the ratio of each pair is
 * taken while the machine's load is about the same, and the median of the pairs is reported. Two of ours per
 * pair: the bench's own child through tsx (TypeScript compiled on the fly at every start, as in a dev checkout)
 * and the installed CLI, `leitmotif render in.mid -o out.wav` on the compiled dist/ (what `npm ci` builds and
 * bin/leitmotif.js runs; it also writes the WAV file, as FluidSynth does).
 */
function alternatingPairs(fsBin: string, sf: string, mid: string, dir: string, pairs: number, what: string, cli: boolean): string[] {
  const rows: string[] = [`${what}:`];
  const ratios: Array<{ cpu: number; wall: number; cliCpu: number; cliWall: number }> = [];
  const bin = join(dirname(SELF), '..', 'bin', 'leitmotif.js');
  // One uncounted CLI render first: it fills the per-user decoded-sample cache (sample-cache.ts) as a user's
  // first render does, so every counted run sees the cache as every later render would.
  if (cli) timeV([process.execPath, bin, 'render', mid, '-o', join(dir, 'lm.wav')]);
  for (let k = 0; k < pairs; k++) {
    // Our whole process too (node + tsx start-up, module loading, SoundFont parse, render, mastering, encode).
    const t = timeV([process.execPath, '--import', 'tsx', SELF, '--child', 'cold', '--midi', mid]);
    const a = { ...t, audioSec: (JSON.parse(t.stdout.trim().split('\n').pop() || '{}') as { audioSec?: number }).audioSec ?? NaN };
    const c = cli ? timeV([process.execPath, bin, 'render', mid, '-o', join(dir, 'lm.wav')]) : null;
    const cSec = c ? wavSeconds(join(dir, 'lm.wav')) : NaN;
    const b = fluidRun(fsBin, sf, mid, join(dir, 'fs.wav'));
    const audioSec = wavSeconds(join(dir, 'fs.wav'));
    const fr = (x: { cpuSec: number; wallSec: number }, sec: number) => ({ cpu: x.cpuSec / sec / (b.cpuSec / audioSec), wall: x.wallSec / sec / (b.wallSec / audioSec) });
    const r = fr(a, a.audioSec);
    const rc = c ? fr(c, cSec) : { cpu: NaN, wall: NaN };
    ratios.push({ ...r, cliCpu: rc.cpu, cliWall: rc.wall });
    const cliPart = c ? ` | CLI cpu ${c.cpuSec.toFixed(2)} s wall ${c.wallSec.toFixed(2)} s ${c.maxRssMb.toFixed(0)} MB` : '';
    rows.push(`  pair ${k + 1}: tsx cpu ${a.cpuSec.toFixed(2)} s wall ${a.wallSec.toFixed(2)} s ${a.maxRssMb.toFixed(0)} MB${cliPart} | FluidSynth cpu ${b.cpuSec.toFixed(2)} s wall ${b.wallSec.toFixed(2)} s ${b.maxRssMb.toFixed(0)} MB | ratio cpu ${r.cpu.toFixed(2)}${c ? ` (CLI ${rc.cpu.toFixed(2)})` : ''} wall ${r.wall.toFixed(2)}${c ? ` (CLI ${rc.wall.toFixed(2)})` : ''}`);
  }
  rows.push(`  median of ${pairs} alternating pairs, Leitmotif/FluidSynth (RTF, whole process incl. start-up and SoundFont load):`);
  rows.push(`    through tsx:             cpu ${med(ratios.map((r) => r.cpu)).toFixed(2)}  wall ${med(ratios.map((r) => r.wall)).toFixed(2)}`);
  if (cli) rows.push(`    compiled CLI (shipped):  cpu ${med(ratios.map((r) => r.cliCpu)).toFixed(2)}  wall ${med(ratios.map((r) => r.cliWall)).toFixed(2)}   (target cpu ≤ 1.0)`);
  return rows;
}

/** Build dist/ (the compiled CLI) when it is older than src/, the rule bin/leitmotif.js applies; false if it cannot. */
function ensureBuilt(): boolean {
  const root = join(dirname(SELF), '..');
  const newest = (d: string): number => readdirSync(d, { withFileTypes: true }).reduce((t, e) => Math.max(t, e.isDirectory() ? newest(join(d, e.name)) : statSync(join(d, e.name)).mtimeMs), 0);
  const entry = join(root, 'dist', 'cli', 'main.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newest(join(root, 'src'))) return true;
  console.log('building the compiled CLI (node scripts/build.mjs) …');
  return spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status === 0;
}

/**
 * The two places the render departs from bit-identity with spessasynth_core (fast-voice.ts): voices are summed
 * per block into mono buses (rounding only), and releasing voices are ended below −100 dBFS. Renders the piece's
 * (unmastered) mix the exact way and the default way and prints the null-test residual of each departure.
 */
async function nullTest(): Promise<string> {
  return [await nullPair({ exactVoices: true, inaudibleDb: null }, { inaudibleDb: null }, 'voices summed in buses vs written one by one'), await nullPair({ inaudibleDb: null }, {}, 'voices ended below −100 dBFS vs played out')].join('\n');
}

async function nullPair(refOpts: { exactVoices?: boolean; inaudibleDb?: number | null }, testOpts: { inaudibleDb?: number | null }, what: string): Promise<string> {
  const { renderPlan } = await import('../src/render/audio/synth-engine.js');
  const { planFromMidi } = await import('../src/render/audio/events.js');
  const plan = planFromMidi(new Uint8Array(readFileSync(PIECE_PATH)));
  const bank = loadSoundBank();
  const full = await renderPlan(plan, { sampleRate: 44100, bank, stems: false, ...refOpts });
  const cut = await renderPlan(plan, { sampleRate: 44100, bank, stems: false, ...testOpts });
  let max = 0, e = 0, n = 0;
  for (let c = 0; c < 2; c++) {
    const a = full.mix[c], b = cut.mix[c];
    for (let i = 0; i < Math.min(a.length, b.length); i++, n++) {
      const d = a[i] - b[i];
      max = Math.max(max, Math.abs(d));
      e += d * d;
    }
  }
  const db = (x: number) => (x > 0 ? (10 * Math.log10(x)).toFixed(1) : '-inf');
  return `null test, ${what} (unmastered mix, ${full.frames} vs ${cut.frames} frames): max |diff| ${db(max * max)} dBFS, RMS ${db(e / n)} dBFS`;
}

// ---------- report ----------
function best<T extends { wallSec: number }>(xs: T[]): T {
  return xs.reduce((a, b) => (b.wallSec < a.wallSec ? b : a));
}

function row(m: Measure): string {
  const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '   -');
  return [
    m.label.padEnd(44),
    f(m.audioSec, 1).padStart(7),
    f(m.wallSec).padStart(8),
    f(m.cpuSec).padStart(8),
    f(m.wallSec / m.audioSec, 4).padStart(9),
    f(m.cpuSec / m.audioSec, 4).padStart(9),
    f(m.maxRssMb, 0).padStart(8),
    m.lufs !== undefined ? `${f(m.lufs, 1)} LUFS ${f(m.truePeakDb ?? NaN, 2)} dBTP` : '',
    m.extra ?? '',
  ].join(' ');
}

async function main(): Promise<void> {
  if (flag('--child')) return child(value('--child', 'cold'));
  const reps = Math.max(1, Number(value('--reps', '1')) || 1);
  if (!existsSync(PIECE_PATH)) writeFileAtomic(PIECE_PATH, scoreToMidi(makeRenderPiece()));
  const sf = defaultSoundFontPath();
  console.log(`piece: ${PIECE_PATH} (${statSync(PIECE_PATH).size} bytes, 8 tracks, 180 s)`);
  console.log(`SoundFont: ${sf} (${(statSync(sf).size / 1048576).toFixed(1)} MB, FluidR3Mono GM .sf3)`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (before)`);

  const ours: Measure[] = [];
  const cold = best(Array.from({ length: reps }, () => runChild('cold')));
  ours.push({ ...cold, label: 'Leitmotif, mix, incl. SoundFont load' });
  const warm = best(Array.from({ length: reps }, () => runChild('warm')));
  ours.push({ ...warm, label: 'Leitmotif, mix, bank loaded+decoded', extra: `limiter ${warm.limiterDb.toFixed(1)} dB; synth+master ${warm.renderSec.toFixed(2)} s` });
  if (flag('--stems')) {
    const st = best(Array.from({ length: reps }, () => runChild('warm-stems')));
    ours.push({ ...st, label: `Leitmotif, mix + ${st.stems} stems (shared fx)`, extra: `dry stems + fx.wav; synth+master+encode ${st.renderSec.toFixed(2)} s` });
    const bk = best(Array.from({ length: reps }, () => runChild('warm-stems-baked')));
    ours.push({ ...bk, label: `Leitmotif, mix + ${bk.stems} stems (baked fx)`, extra: `own reverb/chorus per stem; synth+master+encode ${bk.renderSec.toFixed(2)} s` });
  }

  const fsBin = ensureFluidSynth();
  const theirs: Measure[] = [];
  const pairRows: string[] = [];
  if (fsBin) {
    const dir = mkdtempSync(join(tmpdir(), 'lm-bench-'));
    try {
      // One short note: FluidSynth's cost of starting and loading (decoding) the SoundFont.
      const one = emptyScore({ bpm: 120 });
      addTrack(one, { name: 'x', role: 'melody', program: 0, channel: 0 }).notes.push({ tick: 0, duration: 10, pitch: 60, velocity: 1 });
      one.endTick = 10;
      const oneMid = join(dir, 'one.mid');
      writeFileAtomic(oneMid, scoreToMidi(one));
      const load = best(Array.from({ length: reps }, () => fluidRun(fsBin, sf, oneMid, join(dir, 'one.wav'))));
      const runs = Array.from({ length: reps }, () => fluidRun(fsBin, sf, PIECE_PATH, join(dir, 'fs.wav')));
      const full = best(runs);
      const wav = parseWav(new Uint8Array(readFileSync(join(dir, 'fs.wav'))));
      const audioSec = wav.frames / wav.sampleRate;
      const loud = measureLoudness(wav.data[0], wav.data[1], wav.sampleRate);
      const silent = !Number.isFinite(loud.integratedLufs);
      if (silent) console.log('warning: FluidSynth rendered silence — this build probably lacks SF3 (Vorbis) support.');
      theirs.push({ label: 'FluidSynth, incl. SoundFont load', audioSec, ...full, lufs: loud.integratedLufs, truePeakDb: loud.truePeakDb, extra: '(not normalised)' });
      theirs.push({ label: 'FluidSynth, minus its load time', audioSec, wallSec: full.wallSec - load.wallSec, cpuSec: full.cpuSec - load.cpuSec, maxRssMb: full.maxRssMb, extra: `(load ${load.wallSec.toFixed(2)} s wall)` });
      const pairs = Math.max(1, Number(value('--pairs', '3')) || 3);
      const cli = !flag('--no-cli') && ensureBuilt();
      pairRows.push(...alternatingPairs(fsBin, sf, PIECE_PATH, dir, pairs, 'the 3-minute piece', cli));
      const pages = Number(value('--score-pages', '0'));
      if (pages > 0) {
        // A generated screenplay scored without audio: its whole-timeline score.mid, rendered by both engines.
        // Loaded here, not at the top: the timed child processes run this file too, and should load only what a
        // render needs (the whole compose pipeline costs ~0.4 s CPU to import).
        const { makeScreenplay } = await import('./make-screenplay.js');
        const { runScore } = await import('../src/cli/commands/score.js');
        const script = join(dir, 'bench.fountain');
        writeFileSync(script, makeScreenplay(pages, 7));
        await runScore({ script, out: join(dir, 'score'), seed: 7, audio: false });
        pairRows.push('', ...alternatingPairs(fsBin, sf, join(dir, 'score', 'score.mid'), dir, pairs, `the ${pages}-page score's MIDI (whole timeline, mix only)`, cli));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  console.log('');
  console.log(['job'.padEnd(44), 'audio s'.padStart(7), 'wall s'.padStart(8), 'cpu s'.padStart(8), 'RTF wall'.padStart(9), 'RTF cpu'.padStart(9), 'maxRSS MB'.padStart(8)].join(' '));
  for (const m of [...ours, ...theirs]) console.log(row(m));
  if (theirs.length) {
    const rtf = (m: Measure, k: 'wallSec' | 'cpuSec') => m[k] / m.audioSec;
    console.log('');
    console.log(`ratio Leitmotif/FluidSynth (RTF, incl. load):  wall ${(rtf(ours[0], 'wallSec') / rtf(theirs[0], 'wallSec')).toFixed(2)}  cpu ${(rtf(ours[0], 'cpuSec') / rtf(theirs[0], 'cpuSec')).toFixed(2)}`);
    console.log(`ratio Leitmotif/FluidSynth (RTF, render only): wall ${(rtf(ours[1], 'wallSec') / rtf(theirs[1], 'wallSec')).toFixed(2)}  cpu ${(rtf(ours[1], 'cpuSec') / rtf(theirs[1], 'cpuSec')).toFixed(2)}   (target ≤ 1.0)`);
    console.log('');
    for (const r of pairRows) console.log(r);
  }
  if (flag('--null')) console.log('\n' + (await nullTest()));
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (after)`);
}

await main();
