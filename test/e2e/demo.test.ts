/**
 * End-to-end: the adaptive demo in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core; no
 * browser download). Builds demo/ with Vite (into a temp folder) and serves it with `vite preview` on a random
 * 127.0.0.1 port (a production build loads in a second; the dev server's on-the-fly transforms take ~10 s), starts audio, moves the danger slider
 * and checks that the engine changed state on a bar boundary and that audio frames are flowing.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env.LEITMOTIF_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`\n!!! SKIPPING the demo end-to-end test: ${CHROMIUM} not found. Install it with \`apt-get install -y chromium\` (CI's .ci/run does). !!!\n`);
}

const demoRoot = fileURLToPath(new URL('../../demo/', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Status { state: string; engineState: string; bar: number; beat: number; audioTime: number; contextState: string; rms: number }
interface Entry { type: string; name: string; tick: number; bar: number; beat: number; cause: string; sync: string; requested: number; sounded: number }

describe.skipIf(!haveChromium)('adaptive demo in headless Chromium', () => {
  let server: PreviewServer;
  let outDir: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    outDir = mkdtempSync(join(tmpdir(), 'leitmotif-demo-'));
    const configFile = join(demoRoot, 'vite.config.ts');
    await build({ configFile, root: demoRoot, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    server = await preview({ configFile, root: demoRoot, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true } });
    profile = mkdtempSync(join(tmpdir(), 'leitmotif-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(45_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load', timeout: 30_000 });
  }, 90_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    for (const d of [profile, outDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('starts audio, follows the danger slider into combat on a barline, and keeps audio flowing', async () => {
    await page.click('#start');
    await page.waitForFunction(() => window.__leitmotif?.ready === true || window.__leitmotif?.error !== undefined, undefined, { timeout: 45_000 })
      .catch((e: Error) => { throw new Error(`demo did not start: ${e.message}; page errors: ${pageErrors.join(' | ') || 'none'}`); });
    const err = await page.evaluate(() => window.__leitmotif?.error);
    expect(err, `demo failed to start: ${err}`).toBeUndefined();
    // The page composes with the committed trained style models, not a fallback.
    expect(await page.evaluate(() => window.__leitmotif!.styleModel)).toBe('trained default models');

    // Audio frames are flowing: the context clock runs and the synth's output is not silent.
    await page.waitForFunction(() => {
      const s = window.__leitmotif!.status();
      return s.contextState === 'running' && s.audioTime > 0.5 && s.rms > 1e-4;
    }, undefined, { timeout: 20_000, polling: 50 });
    const s0 = (await page.evaluate(() => window.__leitmotif!.status())) as Status;
    expect(s0.state).toBe('stealth');

    // Move the slider: danger 0.1 → 1 crosses the stealth→combat trigger (0.75); the rule syncs on the next bar.
    await page.locator('#param-danger').fill('1');
    await page.waitForFunction(() => window.__leitmotif!.log().some((e) => e.name === 'combat'), undefined, { timeout: 15_000, polling: 50 });
    const entry = (await page.evaluate(() => window.__leitmotif!.log().find((e) => e.name === 'combat'))) as Entry;
    const barTicks = await page.evaluate(() => window.__leitmotif!.barTicks);
    expect(entry.cause).toBe('param:danger');
    expect(entry.sync).toBe('bar');
    expect(entry.beat).toBe(1);
    expect(entry.tick % barTicks).toBe(0);
    expect(entry.sounded).toBeGreaterThanOrEqual(entry.requested);

    // The change becomes audible and the UI shows it; audio keeps flowing through the transition.
    await page.waitForFunction(() => window.__leitmotif!.status().state === 'combat', undefined, { timeout: 15_000, polling: 50 });
    const t1 = ((await page.evaluate(() => window.__leitmotif!.status())) as Status).audioTime;
    let loudest = 0;
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(100);
      loudest = Math.max(loudest, ((await page.evaluate(() => window.__leitmotif!.status())) as Status).rms);
    }
    const s2 = (await page.evaluate(() => window.__leitmotif!.status())) as Status;
    expect(s2.audioTime).toBeGreaterThan(t1 + 0.5);
    expect(loudest).toBeGreaterThan(1e-4);
    expect(await page.locator('#state').textContent()).toContain('combat');
    expect(pageErrors).toEqual([]);
    if (process.env.LEITMOTIF_DEMO_SCREENSHOT) await page.screenshot({ path: process.env.LEITMOTIF_DEMO_SCREENSHOT, fullPage: true });
  }, 90_000);
});
