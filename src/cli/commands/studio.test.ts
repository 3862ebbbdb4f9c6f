/** `leitmotif studio`: starts on 127.0.0.1 (building the page on first start), serves the app, the API and the demo. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStudio } from './studio.js';
import { isLeitmotifError } from '../../util/errors.js';

describe('leitmotif studio', () => {
  it('serves the page, the API and the game demo on 127.0.0.1, with projects in the given database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leitmotif-studio-cli-'));
    // Bundles go to the per-user cache, here a temporary one: never into the checkout, never into the tester's home.
    const cacheBefore = process.env.LEITMOTIF_CACHE_DIR;
    process.env.LEITMOTIF_CACHE_DIR = join(dir, 'cache');
    const s = await runStudio({ port: '0', db: join(dir, 'studio.db') });
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await (await fetch(s.url)).text();
      expect(page).toContain('Leitmotif Studio');
      expect(page).toContain('href="/demo/"');
      const r = await fetch(s.url + 'api/projects', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Sketch', blank: { duration: 8 } }) });
      expect(r.status).toBe(201);
      expect((await (await fetch(s.url + 'api/projects')).json()).length).toBe(1);
      const demo = await fetch(s.url + 'demo/');
      expect(demo.status).toBe(200);
      expect(await demo.text()).toContain('adaptive');
      expect((await fetch(s.url + 'soundfont.sf3', { method: 'HEAD' })).status).toBe(200);
    } finally {
      await s.close();
      if (cacheBefore === undefined) delete process.env.LEITMOTIF_CACHE_DIR;
      else process.env.LEITMOTIF_CACHE_DIR = cacheBefore;
    }
    expect(existsSync(join(dir, 'studio.db'))).toBe(true);
    expect(readdirSync(join(dir, 'cache', 'bundles')).sort().map((n) => n.replace(/-[0-9a-f]{16}$/, ''))).toEqual(['demo', 'studio-app']);
    expect(existsSync(fileURLToPath(new URL('../../studio/app/dist', import.meta.url)))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it('refuses a bad port with a clear error', async () => {
    await expect(runStudio({ port: 'eighty' })).rejects.toSatisfy((e: unknown) => isLeitmotifError(e) && /--port/.test((e as Error).message));
  });
});
