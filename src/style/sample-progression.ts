/**
 * purpose: chord progressions from the Roman-numeral model, with a cadence fixed at the end (authentic V(7)–I,
 * half …–V, plagal IV–I, deceptive V–vi; minor: i, iv, VI), an optional first chord, and a colour bias: tension
 * favours chromatic chords (borrowed, applied, Neapolitan, diminished), as MUSIC.md's darkening moves.
 * The chord before the cadence is drawn with one step of lookahead (weighted by how likely the model finds the
 * cadence's first chord after it), so cadences are approached the way the corpus approaches them.
 */
import { LeitmotifError } from '../util/errors.js';
import { Rng } from '../util/rng.js';
import type { Mode } from '../score/schema.js';
import type { ProgressionRequest, ProgressionResult } from './api.js';
import type { VocabModel } from './fit.js';
import { isChromaticRoman, parseRoman, romanName } from '../theory/index.js';
import { modeQuality, type ModeQuality } from '../theory/index.js';
import { drawRecord } from './evidence.js';

export type RomanModels = Partial<Record<ModeQuality, VocabModel<string>>>;

function cadenceChords(cadence: ProgressionRequest['cadence'], family: ModeQuality): string[][] {
  const I = family === 'major' ? 'I' : 'i';
  const IV = family === 'major' ? 'IV' : 'iv';
  const vi = family === 'major' ? 'vi' : 'VI';
  switch (cadence) {
    case 'authentic':
      return [['V', 'V7'], [I]];
    case 'half':
      return [['V', 'V7']];
    case 'plagal':
      return [[IV], [I]];
    case 'deceptive':
      return [['V', 'V7'], [vi]];
    default:
      return [];
  }
}

/** Maps numerals learnt in one family into the other (same root and quality, renamed). */
function translate(numeral: string, from: ModeQuality, to: ModeQuality): string {
  if (from === to) return numeral;
  const p = parseRoman(numeral, from === 'major' ? 'major' : 'minor');
  return p ? romanName(p.root, p.type, to) : numeral;
}

export function sampleProgressionWith(models: RomanModels, req: ProgressionRequest): ProgressionResult {
  const length = Math.floor(req.length);
  if (!Number.isFinite(req.length) || length < 0 || length > 4096) {
    throw new LeitmotifError('LM_ERR_BAD_OPTION', `sampleProgression: length must be 0–4096, got ${req.length}`);
  }
  if (length === 0) return { chords: [] };
  const mode: Mode = req.mode;
  const family = modeQuality(mode);
  const own = models[family];
  const other = models[family === 'major' ? 'minor' : 'major'];
  const model = own ?? other;
  if (!model) throw new LeitmotifError('LM_ERR_MODEL_INVALID', 'this style model has no chord model', { hint: 'train it on music with harmony (chorales, MIDI) or use the default harmony model' });
  const srcFamily: ModeQuality = own ? family : family === 'major' ? 'minor' : 'major';
  const names = model.vocab.items.map((c) => translate(c, srcFamily, family));
  const toSym = new Map<string, number>();
  names.forEach((c, i) => {
    if (!toSym.has(c)) toSym.set(c, i);
  });
  const rng = new Rng(req.rng.nextUint32());
  const nameOf = (x: number) => (x >= 0 && x < names.length ? names[x] : '');
  const A = model.ppm.alphabet;
  const colour = Math.min(1, Math.max(0, req.colour ?? 0));
  const temperature = req.temperature && req.temperature > 0 ? req.temperature : 1;
  // Static per-chord bias: chromatic chords ×e^(3(colour−0.3)); minor/diminished qualities lean darker too.
  const bias = new Float64Array(A);
  for (let s = 0; s < A; s++) {
    if (s >= names.length || !parseRoman(names[s], mode)) continue;
    const chrom = isChromaticRoman(names[s], mode);
    const q = parseRoman(names[s], mode)!.type;
    const dark = q === 'min' || q === 'dim' || q === 'dim7' || q === 'hdim7' || q === 'min7';
    bias[s] = (chrom ? Math.exp(3 * (colour - 0.3)) : 1) * (dark ? 1 + 0.6 * (colour - 0.3) : 1);
  }

  const hist: number[] = (req.context ?? []).slice(-8).map((c) => toSym.get(c) ?? -1);
  const out: string[] = [];
  const dist = new Float64Array(A);
  const look = new Float64Array(A);
  const cad = cadenceChords(req.cadence, family).slice(-length);
  const free = length - cad.length;
  const I = family === 'major' ? 'I' : 'i';

  const push = (sym: number, name: string) => {
    out.push(name);
    hist.push(sym);
  };
  const pickAmong = (options: string[]) => {
    // Choose among equivalent spellings (V or V7) by the model's preference in context.
    model.ppm.distribution(hist, hist.length, dist);
    let best = options[0];
    let bw = -1;
    const w = options.map((o) => {
      const s = toSym.get(o);
      return s === undefined ? 1e-6 : dist[s];
    });
    const k = rng.weightedIndex(w);
    if (k >= 0) best = options[k];
    else {
      for (let j = 0; j < options.length; j++) {
        if (w[j] > bw) {
          bw = w[j];
          best = options[j];
        }
      }
    }
    return best;
  };

  for (let i = 0; i < free; i++) {
    if (i === 0) {
      const first = req.start && parseRoman(req.start, mode) ? req.start : I;
      push(toSym.get(first) ?? -1, first);
      continue;
    }
    model.ppm.distribution(hist, hist.length, dist);
    const w = new Float64Array(A);
    const prev = out[out.length - 1];
    for (let s = 0; s < names.length; s++) {
      if (names[s] === prev) continue; // the model is trained on merged chord changes
      let x = dist[s] * bias[s];
      if (temperature !== 1) x = Math.pow(x, 1 / temperature);
      w[s] = x;
    }
    if (i === free - 1 && cad.length > 0) {
      // Lookahead: how well does each candidate lead into the cadence?
      for (let s = 0; s < names.length; s++) {
        if (w[s] === 0) continue;
        hist.push(s);
        model.ppm.distribution(hist, hist.length, look);
        hist.pop();
        let p = 0;
        for (const c of cad[0]) {
          const cs = toSym.get(c);
          if (cs !== undefined) p += look[cs];
        }
        w[s] *= p + 1e-4;
      }
    }
    const s = rng.weightedIndex(w);
    if (s < 0) push(toSym.get(I) ?? -1, I);
    else {
      // Only free draws are recorded: the first chord and the cadence are the form's, not the model's.
      if (req.evidence) req.evidence.harmony.push(drawRecord(model.ppm, hist, hist.length, s, nameOf));
      push(s, names[s]);
    }
  }
  for (const options of cad) {
    const c = pickAmong(options);
    push(toSym.get(c) ?? -1, c);
  }
  return { chords: out };
}
