import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { register } from './analyze.js';
import { reportError } from '../report-error.js';

/** Runs only this command (not the whole CLI, whose other commands are owned and changed by others). */
async function main(argv: string[]): Promise<number> {
  const program = new Command().exitOverride();
  register(program);
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return 2;
    return reportError(e);
  }
}

const FOUNTAIN = `Title: Night Run

INT. KITCHEN - DAY

MARA (30s) pours tea and hums.

MARA
What a lovely morning.

EXT. HARBOUR - NIGHT

A GUNSHOT cracks. Mara sprints along the pier.

ELIAS
Get down!

The boat EXPLODES. BOOM!
`;

function capture(fn: () => Promise<number>) {
  const out: string[] = [], err: string[] = [];
  const o = process.stdout.write.bind(process.stdout), e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  return fn().finally(() => {
    process.stdout.write = o;
    process.stderr.write = e;
  }).then((code) => ({ code, out: out.join(''), err: err.join('') }));
}

describe('leitmotif analyze', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lm-analyze-'));
  const file = join(dir, 'night.fountain');
  writeFileSync(file, FOUNTAIN);

  it('prints a scene table and writes JSON and SVG', async () => {
    const json = join(dir, 'out', 'arc.json'), svg = join(dir, 'out', 'arc.svg');
    const r = await capture(() => main(['node', 'leitmotif', 'analyze', file, '--json', json, '--svg', svg]));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/INT\. KITCHEN - DAY/);
    expect(r.out).toMatch(/EXT\. HARBOUR - NIGHT/);
    expect(r.out).toMatch(/strongest hits/);
    const j = JSON.parse(readFileSync(json, 'utf8'));
    expect(j.scenes).toHaveLength(2);
    expect(j.scenes[1].arousal).toBeGreaterThan(j.scenes[0].arousal);
    expect(j.scenes[1].tension).toBeGreaterThan(j.scenes[0].tension);
    expect(j.hits.some((h: { kind: string }) => h.kind === 'sound' || h.kind === 'impact')).toBe(true);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg/);
  });

  it('reads scenes in their context by default; --no-scene-context reads every line on its own', async () => {
    const on = join(dir, 'ctx-on.json'), off = join(dir, 'ctx-off.json');
    expect((await capture(() => main(['node', 'leitmotif', 'analyze', file, '--json', on, '-q']))).code).toBe(0);
    expect((await capture(() => main(['node', 'leitmotif', 'analyze', file, '--json', off, '-q', '--no-scene-context']))).code).toBe(0);
    const a = JSON.parse(readFileSync(on, 'utf8')), b = JSON.parse(readFileSync(off, 'utf8'));
    expect(a.notes.join(' ')).toMatch(/scene-context model/);
    expect(b.notes.join(' ')).not.toMatch(/scene-context model/);
    expect(a.scenes.map((x: { valence: number }) => x.valence)).not.toEqual(b.scenes.map((x: { valence: number }) => x.valence));
  });

  it('gives one clear line for bad input', async () => {
    const missing = await capture(() => main(['node', 'leitmotif', 'analyze', join(dir, 'nope.fountain')]));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/not found/);
    const badDirector = await capture(() => main(['node', 'leitmotif', 'analyze', file, '--director', 'magic']));
    expect(badDirector.code).toBe(2);
    expect(badDirector.err).toMatch(/unknown director/);
    const noModel = await capture(() => main(['node', 'leitmotif', 'analyze', file, '--director', 'openai', '--llm-url', 'http://127.0.0.1:9/v1']));
    if (!process.env.LEITMOTIF_LLM_MODEL) {
      expect(noModel.code).toBe(2);
      expect(noModel.err).toMatch(/needs a model/);
    }
    expect(existsSync(join(dir, 'nope.json'))).toBe(false);
  });

  it('falls back to offline when the LLM server is unreachable', async () => {
    const json = join(dir, 'fb.json');
    const r = await capture(() =>
      main(['node', 'leitmotif', 'analyze', file, '-q', '--json', json, '--director', 'openai', '--llm-url', 'http://127.0.0.1:9/v1', '--llm-model', 'x', '--llm-timeout', '2']),
    );
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/fell back/);
    expect(JSON.parse(readFileSync(json, 'utf8')).source).toBe('offline');
  });
});
