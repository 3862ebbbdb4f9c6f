import { describe, expect, it } from 'vitest';
import { SQRT_TENSION_LINKS, trainSceneModel, type SceneTrainRow } from './train-scene-model.js';
import { SceneModelFileSchema, compileSceneModel, fromLink, toLink } from './scene-model.js';
import { Rng } from '../util/rng.js';

// A situation the ridge cannot read: valence is dark only where a threat (x) AND pleasant words (y) meet.
const NAMES = ['off_v', 'off_a', 'off_t', 'threat', 'pleasant'];
function rows(n: number, seed: number): SceneTrainRow[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const threat = rng.range(-1, 1), pleasant = rng.range(-1, 1), offA = rng.range(-0.5, 0.5);
    const v = threat > 0.2 && pleasant > 0.2 ? -0.7 : 0.3 * pleasant;
    return { features: [0.3 * pleasant, offA, 0.2, threat, pleasant], terms: [`w${i % 7}`], tokens: 20, seconds: 9, target: [v + rng.range(-0.05, 0.05), offA, Math.max(0, 0.5 * threat + 0.3)] };
  });
}
const BOOST = { rounds: 40, rate: 0.1, depth: 2, minLeaf: 5, subsample: 0.7, seed: 2 };
const GRID = { lambdas: [1, 10], termScales: [0] };

describe('trainSceneModel', () => {
  it('is ridge only by default, and keeps boosted trees where nested cross-validation shows they read an interaction', () => {
    const train = rows(160, 1);
    const ridge = trainSceneModel(train, NAMES, { data: 'synthetic', grid: GRID });
    expect(ridge.id).toBe('scene-context-ridge-v1');
    expect(ridge.boost).toBeUndefined();
    const boosted = trainSceneModel(train, NAMES, { data: 'synthetic', grid: GRID, boost: BOOST });
    expect(boosted.id).toBe('scene-context-ridge-trees-v2');
    expect(boosted.boost!.trees[0].length).toBe(BOOST.rounds);
    expect(boosted.training.boost!.cvSpearman[0]).toBeGreaterThan(boosted.training.cvSpearman[0] + 0.005);
    // Same rows and seed, same file.
    expect(JSON.stringify(trainSceneModel(train, NAMES, { data: 'synthetic', grid: GRID, boost: BOOST }))).toBe(JSON.stringify(boosted));
    // The stored file parses back and, on unseen scenes, reads the threat-with-pleasant-words corner darker than the ridge.
    const withTrees = compileSceneModel(SceneModelFileSchema.parse(JSON.parse(JSON.stringify(boosted))));
    const plain = compileSceneModel(SceneModelFileSchema.parse(JSON.parse(JSON.stringify(ridge))));
    const err = (m: typeof plain) => rows(80, 9).reduce((s, r) => s + Math.abs(m.predict(r.features, r.terms).valence - r.target[0]), 0);
    expect(err(withTrees)).toBeLessThan(0.8 * err(plain));
    const corner = [0.21, 0, 0.2, 0.8, 0.7];
    expect(withTrees.predict(corner, []).valence).toBeLessThan(plain.predict(corner, []).valence - 0.2);
  });

  it('keeps no trees where the labels are linear in the features (nothing for them to add)', () => {
    const linear = rows(160, 5).map((r) => ({ ...r, target: [0.5 * r.features[3] - 0.3 * r.features[4], r.features[1], 0.3] as [number, number, number] }));
    const m = trainSceneModel(linear, NAMES, { data: 'synthetic', grid: GRID, boost: BOOST });
    expect(m.boost).toBeUndefined();
    expect(m.id).toBe('scene-context-ridge-v1');
  });

  it('never lets a tree split on the dialogue\'s own valence (off_v), which the dataset would teach to read pleasant words as bad news', () => {
    const boosted = trainSceneModel(rows(160, 3), NAMES, { data: 'synthetic', grid: GRID, boost: BOOST });
    for (const ts of boosted.boost!.trees) for (const t of ts) for (let n = 0; n < t.length; n += 4) expect(t[n]).not.toBe(0);
  });

  it('refuses a model file whose tree is damaged', () => {
    const boosted = trainSceneModel(rows(160, 1), NAMES, { data: 'synthetic', grid: GRID, boost: BOOST });
    const bad = JSON.parse(JSON.stringify(boosted));
    bad.boost.trees[0][0][0] = NAMES.length; // a split on a feature the rows do not have
    expect(SceneModelFileSchema.safeParse(bad).success).toBe(false);
  });

  it('fits tension on the root scale when cross-validation prefers it: a calm scene reads calm, a threat still reaches the top', () => {
    // Tension as the dataset has it: most scenes calm, a tail of threat; its root is what the features explain.
    const rng = new Rng(11);
    const skewed: SceneTrainRow[] = Array.from({ length: 200 }, (_, i) => {
      const threat = rng.range(0, 1), dread = rng.range(0, 1), offA = rng.range(-0.5, 0.5);
      const root = 0.6 * threat + 0.4 * dread + rng.range(-0.05, 0.05);
      return { features: [0, offA, 0.2, threat, dread], terms: [`w${i % 7}`], tokens: 20, seconds: 9, target: [0, offA, Math.min(1, Math.max(0, root) ** 2)] };
    });
    const m = trainSceneModel(skewed, NAMES, { data: 'synthetic', grid: GRID, links: SQRT_TENSION_LINKS });
    expect(m.link).toEqual(['identity', 'identity', 'sqrt']);
    expect(m.id).toBe('scene-context-ridge-link-v3');
    expect(m.provenance.command).toContain('--tension-sqrt');
    // The blend is fitted on held-out VALUES (not roots): the scene model's share stays near 1, and its no-evidence
    // level, blended, sits between the raw one and the label mean.
    expect(m.blend!.scene[2]).toBeGreaterThan(0.8);
    expect(m.blend!.scene[2]).toBeLessThan(1.25);
    const read = compileSceneModel(SceneModelFileSchema.parse(JSON.parse(JSON.stringify(m))));
    const labelMean = skewed.reduce((s, r) => s + r.target[2], 0) / skewed.length;
    // No evidence either way (every feature at its mean): below the label mean, at the level the blend records.
    const none = read.predict(m.mean, []).tension;
    expect(none).toBeLessThan(labelMean - 0.02);
    expect(m.blend!.mean[2]).toBeCloseTo(fromLink('sqrt', m.intercept[2]), 4);
    expect(m.blend!.level![2]).toBeGreaterThanOrEqual(m.blend!.mean[2] - 0.01);
    expect(m.blend!.level![2]).toBeLessThanOrEqual(labelMean + 0.01);
    expect(read.predict([0, 0, 0.2, 1, 1], []).tension).toBeGreaterThan(0.8);
    // On the value's own scale (the default), the file has no link and reads as files did before links.
    const flat = trainSceneModel(skewed, NAMES, { data: 'synthetic', grid: GRID });
    expect(flat.link).toBeUndefined();
    expect(flat.blend!.level).toBeUndefined();
    expect(flat.id).toBe('scene-context-ridge-v1');
    expect(flat.blend!.mean[2]).toBeCloseTo(labelMean, 4);
    expect(compileSceneModel(flat).predict(m.mean, []).tension).toBeGreaterThan(none);
  });

  it('maps values to and from a link scale (signed, so a correction below zero keeps its sign)', () => {
    const cases: Array<[Parameters<typeof toLink>[0], number, number]> = [
      ['identity', 0.3, 0.3], ['identity', -0.4, -0.4],
      ['sqrt', 0.25, 0.5], ['sqrt', 0, 0], ['sqrt', 1, 1], ['sqrt', -0.09, -0.3],
    ];
    for (const [link, value, scaled] of cases) {
      expect(toLink(link, value)).toBeCloseTo(scaled, 12);
      expect(fromLink(link, scaled)).toBeCloseTo(value, 12);
    }
  });
});
