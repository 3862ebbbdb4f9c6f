import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenize, sparseTerms, denseFeatures, termScore, DENSE_FEATURE_NAMES, GE_SENTIMENT_FEATURE } from './text-features.js';
import { compileTextModel, parseTextModel, textModelFromBytes } from './text-model.js';
import { decodeInt16 } from './int16-block.js';
import { loadTextModel, DEFAULT_TEXT_MODEL_PATH } from './node.js';
import { readFileSync } from 'node:fs';
import { buildGoEmotionsLexicon, trainGoEmotionsSentiment, trainTextModel } from './train-text-model.js';
import { parseCsv, parseEmoBank, parseGoEmotions, parseVader, parseAfinn, type EmoRow } from './corpus-readers.js';
import { packTable, unpackTable } from './model-file.js';
import { LeitmotifError } from '../util/errors.js';

describe('tokenize', () => {
  it('marks negation scope until punctuation', () => {
    const t = tokenize("I am not happy at all, but she is happy. Don't go");
    expect(t.filter((x) => x.neg).map((x) => x.w)).toEqual(['happy', 'at', 'all', 'go']);
    expect(sparseTerms(tokenize('not happy'))).toEqual(['not', 'NOT_happy', 'not happy']);
  });
  // Exact cases of the scanner's token shapes (letters with ' and ’, digit runs, one punctuation mark, "--" runs).
  const WORDS: Array<[string, string[]]> = [
    ["Don’t stop—ever.", ["don't", 'stop', 'ever']],
    ['Café 3.33 am -- no', ['café', '3', '33', 'am', 'no']],
    ["rock'n'roll x-ray", ["rock'n'roll", 'x', 'ray']],
    ["the boys' room", ['the', 'boys', 'room']],
    ['ÉLAN, 2024!', ['élan', '2024']],
    ['— – " ( ) ; : ? ! ... ---', []],
    ['×÷ a×b', ['×÷', 'a×b']],
    ['', []],
  ];
  it.each(WORDS)('reads the words of %j', (text, words) => {
    expect(tokenize(text).map((t) => t.w)).toEqual(words);
  });
  // The regex definition the scanner replaced (the spec of a token), as an oracle: same tokens on any text.
  const TOKEN_RE = /[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’]*|[0-9]+|[.,;:!?()"—–]|-{2,}/g;
  const SCOPE_END = new Set(['.', ',', ';', ':', '!', '?', '(', ')', '"', '—', '–', '--']);
  const byRegex = (text: string) => {
    const out: Array<{ w: string; neg: boolean; caps: boolean }> = [];
    let negLeft = 0;
    for (const m of text.matchAll(TOKEN_RE)) {
      const raw = m[0].replace(/’/g, "'");
      if (SCOPE_END.has(raw) || raw.startsWith('-')) {
        negLeft = 0;
        continue;
      }
      const w = raw.toLowerCase().replace(/'+$/, '');
      if (!w) continue;
      out.push({ w, neg: negLeft > 0, caps: raw.length >= 2 && /^[A-Z][A-Z']*$/.test(raw) });
      if (negLeft > 0) negLeft--;
      if (['not', 'no', 'never', 'nobody', 'none', 'nothing'].includes(w) || w.endsWith("n't")) negLeft = 5;
    }
    return out;
  };
  it('reads the same tokens as its regex definition, on any text', () => {
    const unit = fc.constantFrom('a', 'Z', 'é', 'Ā', 'ɏ', 'ɐ', '×', 'İ', "'", '’', '-', '--', '.', '—', '–', '1', ' ', '"', '(', '!', 'not', 'never', "n't", 'BANG', 'x');
    const probe = (text: string) => {
      // Negators outside the oracle's short list would open scopes only one side knows: leave them out.
      if (/\b(?:nowhere|neither|nor|cannot|without|hardly|barely|scarcely|aint|nope|noone)\b/i.test(text)) return;
      expect(tokenize(text).map(({ w, neg, caps }) => ({ w, neg, caps }))).toEqual(byRegex(text));
    };
    fc.assert(fc.property(fc.string({ unit, maxLength: 40 }), probe), { numRuns: 5000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), probe), { numRuns: 5000 });
  });
  it('ends a negation scope at a dash run and at each punctuation mark', () => {
    expect(tokenize('not happy -- sad').filter((t) => t.neg).map((t) => t.w)).toEqual(['happy']);
    expect(tokenize('never ( fine ) well').filter((t) => t.neg).map((t) => t.w)).toEqual([]);
    expect(tokenize('no one here 3 4 5 6').filter((t) => t.neg).map((t) => t.w)).toEqual(['one', 'here', '3', '4', '5']);
  });
  it('flags CAPS words and boosters', () => {
    const t = tokenize('He is VERY angry. BANG!');
    expect(t.find((x) => x.w === 'angry')!.boost).toBeGreaterThan(1);
    expect(t.filter((x) => x.caps).map((x) => x.w)).toEqual(['very', 'bang']);
  });
  it('computes lexicon features with negation flipping the sign', () => {
    const lex = { vader: new Map([['happy', 2.7]]), afinn: new Map([['happy', 3]]), ge: new Map<string, number[]>() };
    const pos = denseFeatures(tokenize('happy'), 'happy', lex);
    const neg = denseFeatures(tokenize('not happy'), 'not happy', lex);
    expect(pos).toHaveLength(DENSE_FEATURE_NAMES.length);
    expect(pos[0]).toBeGreaterThan(0);
    expect(neg[0]).toBeLessThan(0);
  });
});

describe('corpus readers', () => {
  it('parses quoted CSV with doubled quotes and commas', () => {
    expect(parseCsv('a,b\n"x, ""y""",2\n')).toEqual([['a', 'b'], ['x, "y"', '2']]);
    const rows = parseEmoBank('id,split,V,A,D,text\n1,train,3.5,2.0,3,"Hello, ""world"""\n2,train,x,1,1,bad\n');
    expect(rows).toEqual([{ id: '1', valence: 3.5, arousal: 2, text: 'Hello, "world"' }]);
  });
  it('parses lexicons and GoEmotions', () => {
    expect(parseVader('good\t1.9\t0.9\t[2]\n:)\t2\t0\t[]\n').get('good')).toBe(1.9);
    expect(parseAfinn('bad\t-3\nnot good\t-2\n').size).toBe(1);
    expect(parseGoEmotions('I am scared\t14\tid1\n', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'fear'])[0].labels).toEqual(['fear']);
  });
  it('packs and unpacks tables', () => {
    const t = packTable([['a', [1, 2]], ['b', [3, 4]]], 2);
    expect(unpackTable(t).get('b')).toEqual([3, 4]);
  });
});

/** A tiny synthetic corpus: valence from the adjective, arousal from the verb. Fast and fully deterministic. */
function fixtureCorpus(): { train: EmoRow[]; dev: EmoRow[] } {
  const adj: Array<[string, number]> = [['wonderful', 4.2], ['lovely', 4], ['good', 3.6], ['plain', 3], ['bad', 2.4], ['awful', 2], ['terrible', 1.8]];
  const verb: Array<[string, number]> = [['screams', 4], ['shouts', 3.7], ['runs', 3.4], ['talks', 3], ['sits', 2.6], ['sleeps', 2.2]];
  const nouns = ['day', 'dinner', 'trip', 'film', 'song'];
  const rows: EmoRow[] = [];
  let k = 0;
  for (const [a, v] of adj) for (const [w, ar] of verb) for (const n of nouns) rows.push({ id: String(k++), valence: v, arousal: ar, text: `She ${w} after a ${a} ${n}.` });
  return { train: rows.filter((_, i) => i % 5 !== 0), dev: rows.filter((_, i) => i % 5 === 0) };
}

describe('trainTextModel', () => {
  const { train, dev } = fixtureCorpus();
  const lex = {
    vader: parseVader('wonderful\t2.7\t0\t[]\nawful\t-2\t0\t[]\n'),
    afinn: parseAfinn('good\t3\nbad\t-3\n'),
    ge: buildGoEmotionsLexicon(parseGoEmotions('I am so scared\t0\ta\n'.repeat(10), ['fear']), 5),
  };
  it('learns valence and arousal and reports honest dev r', () => {
    const { model, r } = trainTextModel(train, dev, lex);
    expect(r.dev.valence).toBeGreaterThan(0.9);
    expect(r.dev.arousal).toBeGreaterThan(0.9);
    const m = parseTextModel(JSON.parse(JSON.stringify(model)));
    expect(m.predict('She screams after a terrible day.').rawArousal).toBeGreaterThan(m.predict('She sleeps after a terrible day.').rawArousal);
    expect(m.predict('He sits after a wonderful trip.').valence).toBeGreaterThan(m.predict('He sits after an awful trip.').valence);
  });
  it('is deterministic', () => {
    expect(JSON.stringify(trainTextModel(train, dev, lex).model)).toBe(JSON.stringify(trainTextModel(train, dev, lex).model));
  });
  const comments = [
    ...Array.from({ length: 12 }, (_, i) => ({ text: `what a lovely gift number ${i}`, labels: ['joy'] })),
    ...Array.from({ length: 12 }, (_, i) => ({ text: `this is horrible garbage number ${i}`, labels: ['anger', 'disgust'] })),
    ...Array.from({ length: 12 }, (_, i) => ({ text: `the bus comes at ${i}`, labels: ['neutral'] })),
  ];
  it('learns a GoEmotions sentiment model, reads it as the last dense feature, and refuses a file missing it', () => {
    const w = trainGoEmotionsSentiment(comments);
    expect(w.get('lovely')!).toBeGreaterThan(0);
    expect(w.get('horrible')!).toBeLessThan(0);
    const { model } = trainTextModel(train, dev, lex, { goEmotions: comments });
    expect(model.dense.names).toEqual([...DENSE_FEATURE_NAMES, GE_SENTIMENT_FEATURE]);
    expect(model.geSentiment?.keys.split('\n')).toContain('lovely');
    const m = parseTextModel(JSON.parse(JSON.stringify(model)));
    expect(Number.isFinite(m.predict('A lovely gift.').rawValence)).toBe(true);
    const { geSentiment: _g, ...without } = JSON.parse(JSON.stringify(model));
    expect(() => parseTextModel(without)).toThrow(/dense features/);
    // Folded into the term weights at load, the feature still adds exactly w · (score − mean) / std.
    const last = model.dense.names.length - 1;
    const plain = compileTextModel({ ...without, dense: { names: model.dense.names.slice(0, last), mean: model.dense.mean.slice(0, last), std: model.dense.std.slice(0, last), weights: model.dense.weights.slice(0, last) } });
    const g = new Map(model.geSentiment!.keys.split('\n').map((k, i) => [k, decodeInt16(model.geSentiment!.values)[i]] as const));
    for (const text of ['What a lovely gift!', 'This is horrible garbage.', '']) {
      const z = (termScore(new Set(sparseTerms(tokenize(text))), g) - model.dense.mean[last]) / model.dense.std[last];
      expect(m.predict(text).rawValence).toBeCloseTo(plain.predict(text).rawValence + z * model.dense.weights[last][0], 10);
      expect(m.predict(text).rawArousal).toBeCloseTo(plain.predict(text).rawArousal + z * model.dense.weights[last][1], 10);
    }
  });
});

describe('shipped model', () => {
  const m = loadTextModel();
  it('loads from a path or from bytes alike (no cache), and carries its licence and attribution', () => {
    const again = textModelFromBytes(new Uint8Array(readFileSync(DEFAULT_TEXT_MODEL_PATH)), DEFAULT_TEXT_MODEL_PATH);
    expect(again).not.toBe(m);
    expect(again.predict('A storm breaks over the grave.')).toEqual(m.predict('A storm breaks over the grave.'));
    expect(m.file.provenance.license).toMatch(/CC-BY-SA-4.0/);
    expect(m.file.provenance.attribution.join(' ')).toMatch(/Buechel/);
    expect(m.file.training.r.dev.valence).toBeGreaterThan(0.5);
  });
  it('reads sentiment the way a person would', () => {
    expect(m.predict('What a wonderful, happy day!').valence).toBeGreaterThan(0.3);
    expect(m.predict('He died alone and in pain.').valence).toBeLessThan(-0.3);
    expect(m.predict('I am not happy.').valence).toBeLessThan(m.predict('I am happy.').valence - 0.2);
    expect(m.predict('The house is quiet and calm.').arousal).toBeLessThan(m.predict('They scream in terror as the bomb explodes!').arousal);
  });
  it('rejects a foreign or damaged model file with a clear error', () => {
    expect(() => parseTextModel({ format: 'something-else' })).toThrow(LeitmotifError);
    const bad = JSON.parse(JSON.stringify(m.file));
    bad.terms.values = bad.terms.values.slice(1);
    expect(() => parseTextModel(bad)).toThrow(/text-vad model/);
    // A repeated term key loads (its later row wins, as before) instead of misaligning the weight table.
    const dup = JSON.parse(JSON.stringify(m.file));
    const keys = dup.terms.keys.split('\n');
    keys[1] = keys[0];
    dup.terms.keys = keys.join('\n');
    delete dup.contentHash;
    expect(parseTextModel(dup).predict('She smiles and hugs him.').rawValence).toBeCloseTo(m.predict('She smiles and hugs him.').rawValence, 12);
    const wide = JSON.parse(JSON.stringify(m.file));
    wide.terms = { width: 1, keys: 'calm\nstorm', values: [0.1, -0.2] };
    delete wide.contentHash;
    expect(() => parseTextModel(wide)).toThrow(/1 values each, not 2/);
    const shortVectors = JSON.parse(JSON.stringify(m.file));
    shortVectors.wordVectors.keys += '\nzzzextra';
    delete shortVectors.contentHash;
    expect(() => parseTextModel(shortVectors)).toThrow(/word-vector keys and values differ/);
    expect(() => loadTextModel('/nonexistent/model.json')).toThrow(/not found/);
    expect(() => textModelFromBytes(new TextEncoder().encode('{oops'), 'x.json')).toThrow(/x.json is not valid JSON/);
  });
});
