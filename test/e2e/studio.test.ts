/**
 * End-to-end: Leitmotif Studio in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core; no
 * browser download). Builds the page with Vite into a temp folder, serves it with the studio server (in-memory
 * database) on a random 127.0.0.1 port, and walks a composer's journey: open a screenplay, see the cues, change
 * a cue's emotion and recompose, lock bars 1–4 and regenerate (locked notes unchanged), import a motif from a
 * MIDI file, A/B two takes and pick one, export MIDI, audition. Screenshots go to test-artifacts/studio/.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ensureAppBuilt } from '../../src/studio/server/app-build.js';
import { testStudio } from '../../src/studio/server/test-support.js';
import type { StudioServer } from '../../src/studio/server/server.js';
import { scoreToMidi } from '../../src/render/midi/index.js';
import { parseScore, type Note } from '../../src/score/index.js';

const CHROMIUM = process.env.LEITMOTIF_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`\n!!! SKIPPING the studio end-to-end test: ${CHROMIUM} not found. Install it with \`apt-get install -y chromium\` (CI's .ci/run does). !!!\n`);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, 'test-artifacts/studio');

interface UiPeek { project: { id: string; selected: Record<string, number>; cueSheet: { cues: Array<{ id: string; spec: { hits: unknown[] } }> } } | null; take: { n: number } | null }

describe.skipIf(!haveChromium)('Leitmotif Studio in headless Chromium', () => {
  let studio: StudioServer & { projectsDir: string };
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let work: string;
  let base: string;
  const pageErrors: string[] = [];
  const prefs: Array<[string, string]> = [];

  const peek = () => page.evaluate(() => window.__studio!.ui as unknown as UiPeek);
  const idle = () => page.waitForFunction(() => window.__studio?.idle() === true, undefined, { timeout: 20_000 });
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const apiJson = async <T>(path: string): Promise<T> => (await fetch(base + path)).json() as Promise<T>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'leitmotif-studio-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    const appDir = await ensureAppBuilt(join(work, 'app'));
    studio = await testStudio({ appDir, preferences: { prefer: (w, l) => prefs.push([w, l]), rate: () => {} } });
    await studio.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = studio.app.server.address() as { port: number };
    base = `http://127.0.0.1:${addr.port}`;
    profile = mkdtempSync(join(tmpdir(), 'leitmotif-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, acceptDownloads: true, viewport: { width: 1400, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(base + '/', { waitUntil: 'load' });
  }, 90_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await studio?.app.close().catch(() => undefined);
    for (const d of [profile, work, studio?.projectsDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('scores a screenplay with the composer: recompose, lock & regenerate, motif, A/B, export', async () => {
    // 1. Open a screenplay: the cue sheet appears with every planned cue.
    await page.click('#new-project');
    await page.setInputFiles('#new-file', join(ROOT, 'examples/heist.fountain'));
    await page.click('#new-create');
    await page.waitForSelector('#cue-table tr[data-cue]');
    await idle();
    const p0 = (await peek()).project!;
    const cues = p0.cueSheet.cues.map((c) => c.id);
    expect(cues.length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#cue-table tr[data-cue]').count()).toBe(cues.length);
    expect(await page.locator('#roll svg rect.note').count()).toBeGreaterThan(20);
    expect(await page.locator('#roll svg text.chord').count()).toBeGreaterThan(0);
    // Click a scene: its text and why it got its emotion.
    await page.locator('#arc rect.scene').nth(2).click();
    await expect.poll(() => page.locator('#scene-info blockquote').count()).toBeGreaterThan(0);
    await shot('01-project');

    // Add a hit on the arc: double-click inside a cue.
    const second = cues[1];
    const hitsBefore = await page.evaluate((c) => window.__studio!.ui.project!.cueSheet.cues.find((x) => x.id === c)!.spec.hits.length, second);
    const span = (await page.locator(`#arc rect.cue-span[data-cue="${second}"]`).boundingBox())!;
    await page.mouse.dblclick(span.x + span.width * 0.4, span.y + 80);
    await page.waitForFunction(([c, n]) => window.__studio!.ui.project!.cueSheet.cues.find((x) => x.id === c)!.spec.hits.length === n, [second, hitsBefore + 1] as const);
    await idle();

    // 2. Change a cue's emotion and recompose that cue only.
    const cue = cues[0];
    const row = page.locator(`#cue-table tr[data-cue="${cue}"]`);
    const before = await row.locator('[data-role=emotion-label]').textContent();
    const others = Object.fromEntries(cues.slice(1).map((c) => [c, p0.selected[c]]));
    await row.locator('[data-field=valence]').fill('0.8');
    await row.locator('[data-field=arousal]').fill('0.6');
    await row.locator('[data-field=tension]').fill('0.1');
    await row.locator('[data-action=recompose]').click();
    await page.waitForFunction((c) => window.__studio!.ui.project!.selected[c] === 2, cue);
    await idle();
    const p1 = (await peek()).project!;
    for (const [c, n] of Object.entries(others)) expect(p1.selected[c], `cue ${c} untouched`).toBe(n);
    const after = await page.locator(`#cue-table tr[data-cue="${cue}"] [data-role=emotion-label]`).textContent();
    expect(after).toBe('joy');
    expect(after).not.toBe(before);
    await shot('02-recomposed');

    // 3. Lock bars 1–4 and regenerate: the locked notes stay note for note, the rest is new.
    type Take = { n: number; seed: number; score: { tracks: Array<{ name: string; notes: Note[] }>; meters: Array<{ tick: number; numerator: number; denominator: number }> } };
    const t2 = await apiJson<Take>(`/api/projects/${p1.id}/cues/${cue}/takes/2`);
    await page.fill('#lock-from', '1');
    await page.fill('#lock-to', '4');
    await expect.poll(() => page.locator('#roll svg rect.locked-bar').count()).toBe(4);
    await page.click('#regenerate');
    await page.waitForFunction((c) => window.__studio!.ui.project!.selected[c] === 3, cue);
    await idle();
    const t3 = await apiJson<Take>(`/api/projects/${p1.id}/cues/${cue}/takes/3`);
    expect(t3.seed).not.toBe(t2.seed);
    const m = t2.score.meters[0];
    const lockEnd = (4 * m.numerator * 1920) / m.denominator;
    const inLock = (t: Take) => t.score.tracks.map((tr) => ({ name: tr.name, notes: tr.notes.filter((n) => n.tick < lockEnd) }));
    const outside = (t: Take) => JSON.stringify(t.score.tracks.map((tr) => tr.notes.filter((n) => n.tick >= lockEnd)));
    expect(inLock(t3).filter((x) => x.notes.length)).toEqual(inLock(t2).filter((x) => x.notes.length));
    expect(outside(t3)).not.toBe(outside(t2));
    await shot('03-locked-regenerated');

    // 4. Import a motif from a MIDI file as the cue's theme; the recomposed take states it.
    const theme = parseScore({ tempo: [{ tick: 0, bpm: 100 }], meters: [{ tick: 0, numerator: 4, denominator: 4 }], endTick: 4320, tracks: [{ name: 'Theme', role: 'melody', program: 73, channel: 0,
      notes: [64, 67, 69, 71, 72, 71, 67, 64].map((pitch, i) => ({ tick: i * 480, duration: i === 7 ? 960 : 480, pitch, velocity: 90 })) }] });
    const motifFile = join(work, 'theme.mid');
    writeFileSync(motifFile, scoreToMidi(theme));
    await page.setInputFiles('#motif-file', motifFile);
    await page.click('#motif-import');
    await page.waitForFunction((c) => window.__studio!.ui.project!.selected[c] === 4, cue);
    await idle();
    expect(await page.locator('#motif-result').textContent()).toContain('8 notes');
    const t4 = await apiJson<{ summary: { motifs: Array<{ id: string }> } }>(`/api/projects/${p1.id}/cues/${cue}/takes/4`);
    expect(t4.summary.motifs.some((x) => x.id === `theme-${cue}`)).toBe(true);
    expect(await page.locator(`#cue-table tr[data-cue="${cue}"]`).textContent()).toContain(`${cue} theme`);
    await shot('04-motif-imported');

    // 5. A/B: take 4 against take 3, pick B (take 3).
    await page.selectOption('#ab-a', '4');
    await page.selectOption('#ab-b', '3');
    await page.click('#ab-pick-b');
    await page.waitForFunction((c) => window.__studio!.ui.project!.selected[c] === 3, cue);
    await idle();
    const view = await apiJson<{ picks: Array<{ cue_id: string; winner: number; loser: number }> }>(`/api/projects/${p1.id}`);
    expect(view.picks).toEqual([expect.objectContaining({ cue_id: cue, winner: 3, loser: 4 })]);
    expect(prefs).toEqual([[`studio:${p1.id}/${cue}/3`, `studio:${p1.id}/${cue}/4`]]);
    await shot('05-ab-picked');

    // 6. Export the take as MIDI.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-midi')]);
    const saved = join(work, 'export.mid');
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('MThd');
    expect(download.suggestedFilename()).toBe(`${cue}-take3.mid`);

    // 7. Audition: the synth plays in an AudioWorklet and the playhead moves.
    await page.fill('#play-bar', '2');
    await page.click('#play');
    await page.waitForFunction(() => (window.__studio!.player.position() ?? 0) > 0.5 && document.getElementById('playhead')?.getAttribute('visibility') === 'visible', undefined, { timeout: 30_000 });
    await shot('06-playing');
    await page.click('#stop');

    expect(await page.evaluate(() => window.__studio!.errors)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
