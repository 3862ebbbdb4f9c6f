/**
 * purpose: keep the fresh development scenes (data/affect-dev) out of every training set: they choose between
 * trained scene blocks, so a block trained on them would be chosen on its own training data. A training item is a
 * dev scene when it has a dev scene's id or is an exact copy of its text (whitespace aside), whatever folder it was
 * read from. A retelling in other words is not caught here: eval:affect's "distinct" rows leave those out.
 *
 * @example
 * devScenesIn(trainItems, loadSceneDataset(DEFAULT_SCENE_DEV_DIR)); // [] — or the ids that must not be trained on
 */
import type { SceneItem } from './scene-dataset.js';

const text = (fountain: string) => fountain.replace(/\s+/g, ' ').trim();

/** Ids of the `train` items that are development scenes (by id or by text), in `train` order. */
export function devScenesIn(train: readonly SceneItem[], dev: readonly SceneItem[]): string[] {
  const ids = new Set(dev.map((d) => d.id));
  const texts = new Set(dev.map((d) => text(d.fountain)).filter((t) => t !== ''));
  return train.filter((t) => ids.has(t.id) || texts.has(text(t.fountain))).map((t) => t.id);
}
