/** purpose: `leitmotif score --profile` — the whole film is one take: its id on stdout and in provenance.json with the offsets it used, recorded in the profile for feedback. */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.js';

const dir = mkdtempSync(join(tmpdir(), 'lm-score-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCRIPT = `EXT. CLIFFS - NIGHT

A storm. Lightning splits the sky. A scream! Eli slips on the rocks and falls. Nora runs, terrified.

INT. LIGHTHOUSE - NIGHT

Nora kneels beside Eli's still body. She weeps, alone, as the lamp turns above them.
`;

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(['node', 'leitmotif', ...args]), out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('score --profile', () => {
  it('records the film as one take with its offsets', async () => {
    const script = join(dir, 'storm.fountain');
    writeFileSync(script, SCRIPT);
    const db = join(dir, 'p.db');
    expect((await cli('profile', 'create', 'director', '--db', db)).code).toBe(0);
    const r = await cli('score', script, '-o', join(dir, 'out'), '--no-audio', '-q', '--profile', 'director', '--db', db);
    expect(r.code).toBe(0);
    const id = /^take (tk-[a-z0-9]+)$/m.exec(r.out)?.[1];
    const prov = JSON.parse(readFileSync(join(dir, 'out', 'provenance.json'), 'utf8'));
    expect(prov).toMatchObject({ take: id, profile: 'director' });
    expect(prov.context).toMatch(/^film:dark-/);
    expect(Object.keys(prov.offsets)).toContain('brightness');
    expect((await cli('feedback', '--profile', 'director', '--db', db, '--take', id!, '--rating', '5')).code).toBe(0);
  }, 60_000);
});
