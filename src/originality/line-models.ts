/**
 * purpose: which trained PPM and corpus index attribute which output line — the melody model's interval
 * viewpoint for the melody, the harmony model's bass-motion and Roman-numeral viewpoints for bass and harmony
 * (the viewpoints compose/ samples those lines from). Models without a corpus index attribute nothing.
 */
import type { TrainedStyleModel } from '../style/model.js';
import { modeQuality } from '../theory/index.js';
import type { Mode } from '../score/schema.js';
import type { LineName } from './definition.js';
import type { LineModel } from './attribution.js';

/**
 * @example attribute(lines, lineModels({ melody, harmony }, 'major'))
 */
export function lineModels(models: { melody: TrainedStyleModel; harmony: TrainedStyleModel }, mode: Mode): Partial<Record<LineName, LineModel>> {
  const out: Partial<Record<LineName, LineModel>> = {};
  const mc = models.melody.corpusIndex;
  if (mc && models.melody.tables.interval) out.melody = { ppm: models.melody.tables.interval, corpus: mc };
  const hc = models.harmony.corpusIndex;
  if (hc && models.harmony.tables.bass) out.bass = { ppm: models.harmony.tables.bass, corpus: hc };
  const family = modeQuality(mode);
  const roman = models.harmony.tables.roman[family] ?? models.harmony.tables.roman[family === 'major' ? 'minor' : 'major'];
  if (hc && roman) out.harmony = { ppm: roman.ppm, corpus: hc, romanSymbol: (r) => roman.vocab.get(r) };
  return out;
}
