import { describe, it, expect, vi, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { main } from '../main.js';
import { parseCueSheet } from '../../plan/cue-sheet.js';
import { parseScore } from '../../score/validate.js';
import { TempoMap } from '../../score/tempo-map.js';

const SCRIPT = `Title: The Lighthouse

EXT. CLIFFS - DAWN

Waves crash below. NORA (30s) climbs the path to the lighthouse, smiling into the wind.

NORA
Home at last.

INT. LIGHTHOUSE - DAY

NORA and her brother ELI (40s) sort through old boxes. They talk quietly.

ELI
You kept all of Dad's letters.

NORA
Someone had to.

ELI
He never read yours, you know.

NORA
I know.

ELI
Do you want tea?

NORA
Please.

EXT. CLIFFS - NIGHT

A storm. Lightning splits the sky. A scream! Eli slips on the rocks and falls. Nora runs, terrified.

INT. LIGHTHOUSE - NIGHT

Nora kneels beside Eli's still body. She weeps, alone, as the lamp turns above them.

NORA
(whispering)
Don't leave me.

EXT. CLIFFS - MORNING

Sunlight. The storm is gone. Nora laughs as ELI, bandaged but alive, waves from the door. Fireworks of spray burst over the rocks.
`;

const dir = mkdtempSync(join(tmpdir(), 'leitmotif-score-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    const code = await main(['node', 'leitmotif', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('leitmotif score', () => {
  const scriptPath = join(dir, 'lighthouse.fountain');
  writeFileSync(scriptPath, SCRIPT);

  it('writes every file with --no-audio, prints the cue table, and is byte-identical for a seed', async () => {
    const a = join(dir, 'a');
    const r = await run(['score', scriptPath, '-o', a, '--no-audio', '--seed', '3', '--fps', '25']);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    for (const f of ['analysis.json', 'cuesheet.json', 'score.json', 'score.mid', 'score.musicxml', 'arc.svg', 'provenance.json']) expect(existsSync(join(a, f)), f).toBe(true);
    expect(existsSync(join(a, 'mix.wav'))).toBe(false);
    expect(r.out).toMatch(/^cue\s+in\s+out/m);
    expect(r.out).toMatch(/1m1\s+\d\d:\d\d:\d\d:\d\d/);

    const sheet = parseCueSheet(JSON.parse(readFileSync(join(a, 'cuesheet.json'), 'utf8')));
    expect(sheet.fps).toBe(25);
    expect(sheet.cues.length).toBeGreaterThanOrEqual(2);
    const score = parseScore(JSON.parse(readFileSync(join(a, 'score.json'), 'utf8')));
    expect(score.markers.some((m) => m.text === '1m1 start')).toBe(true);

    const prov = JSON.parse(readFileSync(join(a, 'provenance.json'), 'utf8'));
    expect(prov.inputs[0].sha256).toBe(createHash('sha256').update(SCRIPT).digest('hex'));
    expect(prov.seed).toBe(3);
    expect(prov.models.map((m: { id: string }) => m.id).every(Boolean)).toBe(true);
    expect(prov.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof prov.originality.longestCopiedRun).toBe('number');
    expect(JSON.stringify(prov)).not.toMatch(/generatedAt|\d{4}-\d\d-\d\dT/);

    const b = join(dir, 'b');
    expect((await run(['score', scriptPath, '-o', b, '--no-audio', '--seed', '3', '--fps', '25', '-q'])).code).toBe(0);
    for (const f of ['score.mid', 'cuesheet.json', 'score.json', 'provenance.json']) {
      expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    }
  });

  it('compose <cuesheet.json> --cue gives the planned cue, and re-solves a hit moved in the sheet', async () => {
    const a = join(dir, 'a');
    const json = JSON.parse(readFileSync(join(a, 'cuesheet.json'), 'utf8'));
    const sheet = parseCueSheet(json);
    // Unedited: the cue composed on its own has the tempo, key, metre and bars it had inside the film.
    for (const cue of sheet.cues.slice(0, 3)) {
      const one = join(dir, `one-${cue.id}`);
      expect((await run(['compose', join(a, 'cuesheet.json'), '--cue', cue.id, '-o', one, '--no-audio'])).code).toBe(0);
      const s = parseScore(JSON.parse(readFileSync(join(one, 'score.json'), 'utf8')));
      expect(s.tempo).toEqual(cue.tempoMap);
      expect(`${s.meters[0].numerator}/${s.meters[0].denominator}`).toBe(cue.composed!.meter);
      expect(`${s.keys[0].tonic} ${s.keys[0].mode}`).toBe(cue.composed!.key);
    }
    // Edited: move a caught hit by 0.3 s; the composed cue lands it at the new time (bug: it kept the old map).
    const k = json.cues.findIndex((c: { spec: { hits: unknown[] } }) => c.spec.hits.length > 0);
    expect(k).toBeGreaterThanOrEqual(0);
    const target = json.cues[k].spec.hits[0].time + 0.3;
    json.cues[k].spec.hits[0].time = target;
    const edited = join(dir, 'edited.json');
    writeFileSync(edited, JSON.stringify(json));
    const out = join(dir, 'edited-cue');
    expect((await run(['compose', edited, '--cue', json.cues[k].id, '-o', out, '--no-audio'])).code).toBe(0);
    const s = parseScore(JSON.parse(readFileSync(join(out, 'score.json'), 'utf8')));
    const landed = new TempoMap(s.tempo).ticksToSeconds(s.hits[0].tick);
    expect(Math.abs(landed - target)).toBeLessThan(0.001);
  });

  it('with audio: the mix meets its loudness target or says why (also under -q), stems are named by instrument, provenance records loudness', async () => {
    const a = join(dir, 'audio');
    const r = await run(['score', scriptPath, '-o', a, '--seed', '3', '--lufs', '-23', '-q']);
    expect(r.code).toBe(0);
    const prov = JSON.parse(readFileSync(join(a, 'provenance.json'), 'utf8'));
    expect(prov.loudness.targetLufs).toBe(-23);
    expect(prov.loudness.truePeakDb).toBeLessThanOrEqual(-1 + 0.05);
    expect(prov.loudness.onTarget).toBe(Math.abs(prov.loudness.integratedLufs + 23) <= 0.5);
    if (prov.loudness.onTarget) expect(r.err).not.toContain('not the -23 LUFS target');
    else expect(r.err).toContain('warning: mix.wav reached');
    // A quiet -23 LUFS target leaves headroom: it is met.
    expect(prov.loudness.onTarget).toBe(true);
    const stems = prov.outputs.map((o: { path: string }) => o.path).filter((p: string) => p.startsWith('stems/'));
    expect(stems.length).toBeGreaterThan(2);
    expect(stems).not.toContain('stems/other.wav');
    expect(stems.some((p: string) => /timpani|strings|harp|horns|violins|cellos|piano|oboe|flute|clarinet|choir/.test(p))).toBe(true);
  }, 180_000);

  it('--direction "low strings, no percussion": every cue\'s spec carries it, the tune is on the cellos, no drums play', async () => {
    const d = join(dir, 'directed');
    const r = await run(['score', scriptPath, '-o', d, '--no-audio', '--direction', 'low strings, no percussion']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/lead: Cellos \(from "low strings"\); left out: percussion/);
    const sheet = parseCueSheet(JSON.parse(readFileSync(join(d, 'cuesheet.json'), 'utf8')));
    for (const c of sheet.cues) {
      expect(c.spec.orchestration).toEqual({ lead: 'cellos', avoid: ['drums', 'timpani'] });
      expect(c.description).toMatch(/— cellos over /);
    }
    const score = parseScore(JSON.parse(readFileSync(join(d, 'score.json'), 'utf8')));
    const playing = score.tracks.filter((t) => t.notes.length > 0);
    expect(playing.find((t) => t.role === 'melody' && t.name === 'Cellos')?.program).toBe(42);
    expect(playing.some((t) => t.name === 'Violins I' || t.name === 'Oboe' || t.name === 'Flute')).toBe(false);
    expect(playing.some((t) => t.role === 'percussion' || t.name === 'Timpani')).toBe(false);
  });

  it('rejects bad flags and missing input with one clear line', async () => {
    const bad = await run(['score', scriptPath, '-o', join(dir, 'x'), '--fps', '48']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unsupported frame rate 48/);
    const style = await run(['score', scriptPath, '-o', join(dir, 'x'), '--style', 'polka']);
    expect(style.code).toBe(2);
    expect(style.err).toMatch(/unknown style "polka"/);
    const missing = await run(['score', join(dir, 'nope.fountain'), '-o', join(dir, 'x')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/not found/);
    expect(missing.err).not.toMatch(/at .*\.ts:\d+/);
  });
});
