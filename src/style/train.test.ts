import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.js';
import { loadStyleModel } from './node.js';
import { STYLE_MODEL_FORMAT } from './model-file.js';
import { Rng } from '../util/rng.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lm-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(['node', 'leitmotif', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('leitmotif train', () => {
  it('trains on a folder of ABC, chorale JSON and MIDI files, skipping the bad one, and writes a usable model', async () => {
    const out = join(dir, 'studio.lmstyle.json');
    const r = await run(['train', FIXTURES, '-o', out, '--name', 'studio', '--order', '5', '--folds', '3', '--licence', 'CC0']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: midi\/corrupt\.mid: skipped/);
    expect(r.out).toMatch(/11 pieces from 4 files \(1 skipped/);
    expect(r.out).toMatch(/pitch \(interval ⊗ degree\)\s+\d+\.\d{3}/);
    expect(r.out).toMatch(/Roman-numeral chords\s+\d+\.\d{3}/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.format).toBe(STYLE_MODEL_FORMAT);
    expect(json.name).toBe('studio');
    expect(json.params.order).toBe(5);
    expect(json.corpus.files.find((f: { path: string }) => f.path === 'tiny.abc').licence).toBe('CC0');
    expect(json.evaluation.viewpoints.pitch.bitsPerEvent).toBeGreaterThan(0);
    const model = loadStyleModel(out);
    expect(model.id).toBe(json.id);
    const mel = model.sampleMelody({ key: { tonic: 0, mode: 'major' }, meter: { numerator: 4, denominator: 4 }, bars: 2, range: [60, 80], rng: new Rng(1) });
    expect(mel.notes.length).toBeGreaterThan(1);
  });

  it('is deterministic: same corpus and flags ⇒ byte-identical model', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    await run(['train', join(FIXTURES, 'tiny.abc'), '-o', a, '--name', 'same', '--folds', '0', '-q']);
    await run(['train', join(FIXTURES, 'tiny.abc'), '-o', b, '--name', 'same', '--folds', '0', '-q']);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  it('fails with one clear line on bad input', async () => {
    const empty = join(dir, 'empty');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    let r = await run(['train', join(dir, 'missing'), '-o', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/corpus path not found/);
    r = await run(['train', FIXTURES, '-o', join(dir, 'x.json'), '--order', 'lots']);
    expect(r.err).toMatch(/--order must be an integer/);
    r = await run(['train', join(FIXTURES, 'midi', 'corrupt.mid'), '-o', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no usable pieces/);
    void empty;
  });

  it('a damaged model file gives a clear error', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: STYLE_MODEL_FORMAT, version: 99 }));
    expect(() => loadStyleModel(bad)).toThrow(/not a valid Leitmotif style model/);
  });
});
