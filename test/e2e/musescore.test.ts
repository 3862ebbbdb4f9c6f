/**
 * Real client: MuseScore 3 (Debian `musescore3`, run headless) imports the MusicXML of an orchestral cue, a
 * piano cue, a rock cue and a film score, engraves it to PDF and plays it to MIDI. Fails on any import
 * message (schema errors, tuplet or timing complaints) except MuseScore's own debug line for simultaneous
 * drum instruments (see ALLOWED), checks the page counts stay what a part of that length needs, and checks
 * that in MuseScore's playback every hit lands within one frame (42 ms at 24 fps) of where the SMF puts it.
 * Skips with a clear message when mscore3 is not installed (CI's .ci/run installs it).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCueSpec, resolveCue } from '../../src/cue/index.js';
import { composeCue } from '../../src/compose/index.js';
import { loadStyleModels } from '../../src/style/node.js';
import { scoreFilm } from '../../src/film/score-film.js';
import { makeFilm } from '../../src/plan/__fixtures__/film.js';
import { scoreToMusicXml } from '../../src/render/musicxml/index.js';
import { decodeSmf } from '../../src/render/midi/index.js';
import { TempoMap, type Score } from '../../src/score/index.js';

const MSCORE = process.env.LEITMOTIF_MSCORE ?? 'mscore3';
const haveMscore = spawnSync(MSCORE, ['--version'], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' }, encoding: 'utf8' }).status === 0;
if (!haveMscore) {
  console.warn(`\n!!! SKIPPING the MuseScore import test: ${MSCORE} not found. Install it with \`apt-get install -y musescore3\` (CI's .ci/run does). !!!\n`);
}

/** One frame at 24 fps. */
const FRAME_S = 1 / 24;
/**
 * Lines MuseScore prints on every run, and its debug note "instr '…', tick …: element already exists", which it
 * logs for any two drum instruments struck together (its MusicXmlInstrList keeps one instrument change per
 * tick; the notes still import with their own instruments). Allowed only on percussion parts.
 */
const NOISE = [/^QStandardPaths:/, /^convert </, /^\s*to </, /^\.\.\. success!/, /^\s*$/];
const ALLOWED = /^instr '(P\d+)-I\d+', tick .*: element already exists$/;

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const specScore = (file: string): Score => {
  const spec = parseCueSpec(JSON.parse(readFileSync(join(examples, file), 'utf8')), file);
  return composeCue(resolveCue(spec), { models: loadStyleModels() }).score;
};

interface Engraved {
  name: string;
  score: Score;
  xml: string;
  pages: number;
  messages: string[];
  midi: Uint8Array;
}

/** Seconds at a tick in an SMF's own tempo map. */
function smfSeconds(midi: Uint8Array, tick: number): number {
  const f = decodeSmf(midi);
  const ppq = 'ppq' in f.division ? f.division.ppq : 480;
  const tempos = f.tracks.flatMap((tr) => tr.filter((e) => e.kind === 'meta' && e.type === 0x51).map((e) => {
    const d = (e as { data: Uint8Array }).data;
    return { tick: e.tick, us: (d[0] << 16) | (d[1] << 8) | d[2] };
  })).sort((a, b) => a.tick - b.tick);
  const at = (tick * ppq) / 480;
  let s = 0, t = 0, us = 500000;
  for (const e of tempos) {
    if (e.tick >= at) break;
    s += (((e.tick - t) / ppq) * us) / 1e6;
    t = e.tick;
    us = e.us;
  }
  return s + (((at - t) / ppq) * us) / 1e6;
}

describe.skipIf(!haveMscore)('MuseScore 3 imports and engraves the MusicXML', () => {
  let dir: string;
  const engraved = new Map<string, Engraved>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'leitmotif-mscore-'));
    const film = makeFilm();
    const scores: Record<string, Score> = {
      orchestral: specScore('hero-rises.spec.json'),
      piano: specScore('tender.spec.json'),
      rock: specScore('rock-action.spec.json'),
      film: scoreFilm(film.script, film.arc, { seed: 3 }, { models: loadStyleModels() }).score,
    };
    const jobs = Object.entries(scores).map(([name, score]) => {
      writeFileSync(join(dir, `${name}.musicxml`), scoreToMusicXml(score));
      return { in: join(dir, `${name}.musicxml`), out: [join(dir, `${name}.pdf`), join(dir, `${name}.mid`)] };
    });
    // One MuseScore run per file, so each file's messages are its own.
    for (const job of jobs) {
      const name = job.in.replace(/^.*\//, '').replace('.musicxml', '');
      writeFileSync(join(dir, `${name}.job.json`), JSON.stringify([job]));
      const r = spawnSync(MSCORE, ['-j', join(dir, `${name}.job.json`)], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', XDG_RUNTIME_DIR: dir }, encoding: 'utf8', timeout: 170_000 });
      const messages = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => !NOISE.some((n) => n.test(l)));
      const pdf = readFileSync(join(dir, `${name}.pdf`));
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      engraved.set(name, { name, score: scores[name], xml: readFileSync(job.in, 'utf8'), pages, messages, midi: new Uint8Array(readFileSync(join(dir, `${name}.mid`))) });
    }
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['orchestral', 'piano', 'rock', 'film'])('%s: imports without a warning', (name) => {
    const e = engraved.get(name)!;
    const percIds = new Set([...e.xml.matchAll(/<score-part id="(P\d+)">(?:(?!<\/score-part>)[\s\S])*?<midi-unpitched>/g)].map((m) => m[1]));
    const unexpected = e.messages.filter((m) => {
      const drum = ALLOWED.exec(m);
      return !(drum && percIds.has(drum[1]));
    });
    expect(unexpected).toEqual([]);
  });

  it('engraves on a sensible number of pages (a page holds several bars of the full score)', () => {
    const bars = (name: string) => (engraved.get(name)!.xml.match(/<measure /g) ?? []).length / (engraved.get(name)!.xml.match(/<part id=/g) ?? []).length;
    // Orchestral full score: 10 staves, at least 3 bars a page; piano: at least 12 bars a page.
    expect(engraved.get('orchestral')!.pages).toBeLessThanOrEqual(Math.ceil(bars('orchestral') / 3));
    expect(engraved.get('piano')!.pages).toBeLessThanOrEqual(Math.ceil(bars('piano') / 12));
    for (const e of engraved.values()) expect(e.pages, e.name).toBeGreaterThan(0);
  });

  it.each(['orchestral', 'film'])('%s: MuseScore plays every hit within one frame of the SMF', (name) => {
    const e = engraved.get(name)!;
    const map = new TempoMap(e.score.tempo);
    expect(e.score.hits.length).toBeGreaterThan(0);
    for (const h of e.score.hits) {
      const err = Math.abs(smfSeconds(e.midi, h.tick) - map.ticksToSeconds(h.tick));
      expect(err, `${h.label} at tick ${h.tick}`).toBeLessThan(FRAME_S);
    }
  });
});
