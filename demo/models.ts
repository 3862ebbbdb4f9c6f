/**
 * purpose: the style models the browser demo composes with — the committed default models (models/style/,
 * the same files the CLI uses), fetched as static assets (Vite `?url`) and decoded from their bytes with
 * style/'s own isomorphic decoder (`styleModelFromBytes`), then passed to the composer: nothing in src/ reads
 * files, so the page needs no Node shims.
 * If they cannot load, the demo falls back to
 * compose/'s small fixture model and says so in the UI.
 */
/// <reference types="vite/client" />
import type { StyleModels } from '../src/adaptive/composer.js';
import { styleModelFromBytes } from '../src/style/load.js';
import { fixtureModels } from '../src/compose/test-support/fixture-style.js';
import melodyUrl from '../models/style/melody.lmstyle.json?url';
import harmonyUrl from '../models/style/harmony.lmstyle.json?url';

let cached: Promise<{ models: StyleModels; label: string }> | undefined;

export function demoStyleModels(): Promise<{ models: StyleModels; label: string }> {
  cached ??= load();
  return cached;
}

async function load(): Promise<{ models: StyleModels; label: string }> {
  try {
    const [m, h] = await Promise.all([melodyUrl, harmonyUrl].map(async (u) => {
      const r = await fetch(u);
      if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`);
      return new Uint8Array(await r.arrayBuffer());
    }));
    return { models: { melody: styleModelFromBytes(m, 'melody model'), harmony: styleModelFromBytes(h, 'harmony model') }, label: 'trained default models' };
  } catch (e) {
    console.warn('style models could not load; using the fixture model', e);
    return { models: fixtureModels(), label: `compose fixture model (trained models failed: ${(e as Error).message})` };
  }
}
