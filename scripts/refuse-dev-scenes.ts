/**
 * purpose: stop a train or cross-validation script, before any work, when the scenes it was given include a fresh
 * development scene (data/affect-dev): those choose between trained blocks and are never trained on.
 *
 * @example
 * refuseDevScenes(trainItems); // returns, or exits 2 with one line and a hint
 */
import { existsSync } from 'node:fs';
import { DEFAULT_SCENE_DEV_DIR, loadSceneDataset } from '../src/affect/node.js';
import { devScenesIn } from '../src/affect/dev-scenes.js';
import type { SceneItem } from '../src/affect/scene-dataset.js';
import { exitWithHint } from './corpora-path.js';

export function refuseDevScenes(items: readonly SceneItem[]): void {
  const leak = existsSync(DEFAULT_SCENE_DEV_DIR) ? devScenesIn(items, loadSceneDataset(DEFAULT_SCENE_DEV_DIR)) : [];
  if (!leak.length) return;
  exitWithHint(
    `the scenes to train on include ${leak.length} development scene(s) of data/affect-dev (${leak.slice(0, 3).join(', ')}${leak.length > 3 ? ', …' : ''})`,
    'development scenes are never trained on: name only folders of data/affect-scenes, and take those ids out of any file you copied them into',
  );
}
