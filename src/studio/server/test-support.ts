/**
 * purpose: a studio server for tests — an in-memory database, a temporary projects folder, the shipped models
 * (loaded once per process).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../store/database.js';
import { loadDefaultStyleModels } from '../../style/node.js';
import { loadTextModel } from '../../affect/node.js';
import { buildStudioServer, type StudioServer } from './server.js';
import type { PreferenceSink } from './projects.js';

let models: ReturnType<typeof loadDefaultStyleModels> | undefined;
let textModel: ReturnType<typeof loadTextModel> | undefined;

export async function testStudio(opts: { appDir?: string; preferences?: PreferenceSink } = {}): Promise<StudioServer & { projectsDir: string }> {
  models ??= loadDefaultStyleModels();
  textModel ??= loadTextModel();
  const projectsDir = mkdtempSync(join(tmpdir(), 'leitmotif-studio-'));
  const s = await buildStudioServer({ db: openDatabase(':memory:'), projectsDir, models, textModel, appDir: opts.appDir, preferences: opts.preferences });
  return { ...s, projectsDir };
}
