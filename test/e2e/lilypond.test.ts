/**
 * Real client: LilyPond's `musicxml2ly` (Debian `lilypond`) converts the MusicXML of an orchestral, a piano, a
 * rock and a chiptune cue, and `lilypond` engraves the result. musicxml2ly once crashed on our tuplets
 * (`TypeError … group_tuplets`); this fails on any traceback, error or warning from either program.
 * Skips with a clear message when musicxml2ly is not installed (CI's .ci/run installs it).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCueSpec, resolveCue } from '../../src/cue/index.js';
import { composeCue } from '../../src/compose/index.js';
import { loadStyleModels } from '../../src/style/node.js';
import { scoreToMusicXml } from '../../src/render/musicxml/index.js';

const haveLily = spawnSync('musicxml2ly', ['--version'], { encoding: 'utf8' }).status === 0 && spawnSync('lilypond', ['--version'], { encoding: 'utf8' }).status === 0;
if (!haveLily) console.warn('\n!!! SKIPPING the LilyPond test: musicxml2ly/lilypond not found. Install it with `apt-get install -y lilypond` (CI\'s .ci/run does). !!!\n');

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const CUES = ['hero-rises', 'tender', 'rock-action', 'chiptune-joy'];
/** Progress lines both programs always print. */
const NOISE = /^(musicxml2ly: (Reading|Converting|Output|Converting to LilyPond)|Processing|Parsing|Interpreting|Preprocessing|Finding|Fitting|Drawing|Layout|Converting to|Success|Changing working directory|GNU LilyPond|Element count|Calculating|Solving|Copying|\[|\s*$)/;

describe.skipIf(!haveLily)('LilyPond converts and engraves the MusicXML', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lm-lily-'));
    const models = loadStyleModels();
    for (const name of CUES) {
      const spec = parseCueSpec(JSON.parse(readFileSync(join(examples, `${name}.spec.json`), 'utf8')), name);
      writeFileSync(join(dir, `${name}.musicxml`), scoreToMusicXml(composeCue(resolveCue(spec), { models }).score));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(CUES)('%s: musicxml2ly and lilypond run clean', (name) => {
    const conv = spawnSync('musicxml2ly', ['-o', join(dir, `${name}.ly`), join(dir, `${name}.musicxml`)], { encoding: 'utf8', timeout: 120_000 });
    expect(conv.status, conv.stderr).toBe(0);
    const convMessages = `${conv.stdout}\n${conv.stderr}`.split('\n').filter((l) => !NOISE.test(l));
    expect(convMessages.filter((l) => /error|warning|traceback/i.test(l))).toEqual([]);
    const eng = spawnSync('lilypond', ['-o', join(dir, name), join(dir, `${name}.ly`)], { encoding: 'utf8', timeout: 240_000, cwd: dir });
    expect(eng.status, eng.stderr.slice(-2000)).toBe(0);
    expect(`${eng.stdout}\n${eng.stderr}`.split('\n').filter((l) => /error|warning/i.test(l))).toEqual([]);
    expect(existsSync(join(dir, `${name}.pdf`))).toBe(true);
  }, 300_000);
});
