import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunFolder, assertFileTarget } from './run-folder.js';
import { writeFileAtomic } from './atomic-write.js';

const root = mkdtempSync(join(tmpdir(), 'lm-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('run folders: outputs appear complete or not at all', () => {
  it('nothing is visible in the output folder until commit; the manifest moves last', () => {
    const out = join(root, 'a');
    const run = openRunFolder(out, ['score.mid', 'stems/', 'provenance.json']);
    writeFileAtomic(run.path('score.mid'), 'mid');
    writeFileAtomic(run.path('stems/bass.wav'), 'wav');
    writeFileAtomic(run.path('provenance.json'), JSON.stringify({ outputs: [{ path: 'score.mid' }, { path: 'stems/bass.wav' }] }));
    expect(existsSync(join(out, 'score.mid'))).toBe(false);
    const final = run.commit('provenance.json');
    expect(final[final.length - 1]).toBe(join(out, 'provenance.json'));
    expect(readFileSync(join(out, 'stems/bass.wav'), 'utf8')).toBe('wav');
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('a re-run that makes fewer files removes the old ones its manifest listed (no mixed folder)', () => {
    const out = join(root, 'a');
    const run = openRunFolder(out, ['score.mid', 'provenance.json']);
    writeFileAtomic(run.path('score.mid'), 'mid 2');
    writeFileAtomic(run.path('provenance.json'), JSON.stringify({ outputs: [{ path: 'score.mid' }] }));
    run.commit('provenance.json');
    expect(readFileSync(join(out, 'score.mid'), 'utf8')).toBe('mid 2');
    expect(existsSync(join(out, 'stems/bass.wav'))).toBe(false);
  });

  it('an aborted run leaves the previous outputs untouched', () => {
    const out = join(root, 'a');
    const run = openRunFolder(out, ['score.mid']);
    writeFileAtomic(run.path('score.mid'), 'half');
    run.abort();
    expect(readFileSync(join(out, 'score.mid'), 'utf8')).toBe('mid 2');
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('a file where the stems folder goes fails before any work', () => {
    const out = join(root, 'b');
    mkdirSync(out);
    writeFileSync(join(out, 'stems'), 'not a folder');
    expect(() => openRunFolder(out, ['stems/'])).toThrow(/file is in the way of the folder/);
  });

  it('staging folders and temp files of killed runs are cleaned up', () => {
    const out = join(root, 'c');
    mkdirSync(join(out, '.leitmotif-run-999999-0'), { recursive: true });
    writeFileSync(join(out, '.score.mid.999999.3.tmp'), 'x');
    openRunFolder(out, []).abort();
    expect(readdirSync(out)).toEqual([]);
  });

  it('--svg or --json naming an existing folder fails at once', () => {
    expect(() => assertFileTarget(root, '--svg')).toThrow(/is a folder/);
    expect(() => assertFileTarget(join(root, 'new.svg'), '--svg')).not.toThrow();
  });
});
