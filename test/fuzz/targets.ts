/* eslint-disable no-control-regex -- these tests and fuzzers look for control characters on purpose */
/**
 * purpose: every input reader as a fuzz target, with seed inputs, a mutator, and a validator for what it returns.
 * Shared by test/fuzz/readers.test.ts (bounded, in CI) and scripts/fuzz.ts (`npm run fuzz`, ≥ 100k per reader).
 *
 * Contract checked for each target: it returns a value or throws a LeitmotifError — never anything else — and
 * what it returns passes the validator (schema + invariants + documented limits).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScript, parseTimingsFile, applyTimings, ScriptSchema, type Script } from '../../src/script/index.js';
import { midiToScore } from '../../src/render/midi/index.js';
import { ScoreSchema, findScoreProblems, parseScore } from '../../src/score/index.js';
import { readAbc } from '../../src/style/corpus/abc.js';
import { readCorpusBytes } from '../../src/style/corpus/node.js';
import { parseGraph } from '../../src/adaptive/graph.js';
import { parseTimeline } from '../../src/adaptive/timeline.js';
import { parseCueSpec } from '../../src/cue/spec.js';
import { decodeModelFile } from '../../src/style/model-file.js';
import { parseTextModel } from '../../src/affect/text-model.js';
import { parseJsonText } from '../../src/io/read-input.js';
import { LIMITS } from '../../src/util/limits.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string) => readFileSync(root + p);
const text = (p: string) => read(p).toString('utf8');

/** Seeded xorshift32: the fuzzers must be reproducible (and Math.random is banned by lint). */
export class Prng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  u32(): number {
    let x = this.s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  int(n: number): number {
    return n <= 0 ? 0 : this.u32() % n;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.u32() / 0x100000000 < p;
  }
}

export interface Target<I = unknown> {
  name: string;
  seeds: I[];
  mutate(input: I, r: Prng): I;
  /** Calls the reader; returns its value (thrown errors are judged by the harness). */
  run(input: I): unknown;
  /** Problems with a returned value, empty when it is fine. */
  validate(value: unknown): string[];
  describe(input: I): string;
}

// Tokens that have broken readers before, or that sit on limits and parser edges.
const HOSTILE = [
  '[[time: 99999999999]]', '[[time: 3:00:00]]', '[[time: 1e308]]', '[[duration: 29:59]]', '[[', ']]', '/*', '*/',
  'INT. ', 'EXT. HOUSE - NIGHT\n\n', '\n\n', '\n', '#', '=', '~', '>', '<', '!', '@', '.', '  ', '\t', '\u0000', '\u001b]0;pwned\u0007',
  '\u001b[31m', '\u001b[2J', '\u009b1m', '\u0007', '\u007f', '\ufffd', '\ud800', '&amp;', '&#0;', '&#x110000;', '&unknown;',
  '<?xml version="1.0"?>', '<?pi ', '<![CDATA[', ']]>', '<!-- ', '-->', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
  '<!DOCTYPE', '<!ENTITY a "aaaaaaaaaa">', '&a;', '<FinalDraft>', '</FinalDraft>', '<Content>', '<Paragraph Type="Scene Heading">',
  '<Paragraph Type="Action"><Text>', '</Text></Paragraph>', '<SceneProperties Length="99999999"/>', '<SceneProperties Length="1 3/0"/>',
  'Title: X\n', '9'.repeat(400), '-1', '1e309', 'NaN', '0x7fffffff', 'X:1\n', 'L:1/1\n', 'M:32/1\n', 'K:C\n', 'C99999999', 'Z999999',
  'C/0', 'C////////////////', '|:', ':|', '[1', '(3', '>>>', 'scene,duration\n', '1,99999999\n', '1,1:00:00:00\n',
];

function mutateText(s: string, r: Prng): string {
  let out = s;
  const n = 1 + r.int(4);
  for (let k = 0; k < n; k++) {
    const at = r.int(out.length + 1);
    switch (r.int(8)) {
      case 0: // insert a hostile token
        out = out.slice(0, at) + r.pick(HOSTILE) + out.slice(at);
        break;
      case 1: // delete a span
        out = out.slice(0, at) + out.slice(at + r.int(64));
        break;
      case 2: // duplicate a span (grows structure)
        out = out.slice(0, at) + out.slice(at, at + r.int(200)) + out.slice(at);
        break;
      case 3: // flip a character
        out = out.slice(0, at) + String.fromCharCode(r.int(r.chance(0.8) ? 128 : 0x10000)) + out.slice(at + 1);
        break;
      case 4: // truncate
        out = out.slice(0, at);
        break;
      case 5: // replace a number with an extreme one
        out = out.replace(/\d+(?:\.\d+)?/, () => r.pick(['0', '-1', '99999999999', '1e308', '4294967296', '268435456', '3.5', '1/0']));
        break;
      case 6: // repeat a token many times (deep nesting, long lines)
        out = out.slice(0, at) + r.pick(['<a>', '<Text>', '[[', '(', '{"a":', '[', '\n', '*', '_', 'INT. X\n\n']).repeat(1 + r.int(300)) + out.slice(at);
        break;
      default: // splice in part of another hostile token sequence
        out = out.slice(0, at) + HOSTILE.slice(r.int(HOSTILE.length)).slice(0, 3).join('') + out.slice(at);
    }
  }
  return out.length > 400_000 ? out.slice(0, 400_000) : out;
}

function mutateBytes(b: Uint8Array, r: Prng): Uint8Array {
  let out: Uint8Array = Uint8Array.from(b);
  const n = 1 + r.int(6);
  for (let k = 0; k < n; k++) {
    const at = r.int(out.length + 1);
    switch (r.int(7)) {
      case 0: // flip
        if (out.length) out[Math.min(at, out.length - 1)] = r.int(256);
        break;
      case 1: // huge variable-length delta (0xff 0xff 0xff 0x7f = 2^28 - 1)
        out = concat(out.subarray(0, at), Uint8Array.of(0xff, 0xff, 0xff, 0x7f), out.subarray(at));
        break;
      case 2: // truncate
        out = out.slice(0, at);
        break;
      case 3: { // PPQ 1 or SMPTE division
        if (out.length > 13) {
          const d = r.pick([[0, 1], [0x7f, 0xff], [0xe7, 0x28], [0x80, 0], [0, 0]]);
          out[12] = d[0];
          out[13] = d[1];
        }
        break;
      }
      case 4: // duplicate a span
        out = concat(out.subarray(0, at), out.subarray(at, at + r.int(256)), out.subarray(at));
        break;
      case 5: // a meta event: bad time signature, tempo 0, long text
        out = concat(out.subarray(0, at), Uint8Array.from(r.pick([[0, 0xff, 0x58, 4, 0, 9, 24, 8], [0, 0xff, 0x51, 3, 0, 0, 0], [0, 0xff, 0x58, 4, 255, 2, 0, 0], [0, 0xff, 0x03, 0x7f]])), out.subarray(at));
        break;
      default: // random bytes
        out = concat(out.subarray(0, at), Uint8Array.from({ length: r.int(32) }, () => r.int(256)), out.subarray(at));
    }
  }
  return out;
}

function concat(...xs: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(xs.reduce((n, x) => n + x.length, 0));
  let o = 0;
  for (const x of xs) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

/** Structure-aware JSON mutation: replace, delete or blow up a random node; else mutate the text. */
function mutateJsonText(s: string, r: Prng): string {
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    return mutateText(s, r);
  }
  if (r.chance(0.25)) return mutateText(s, r);
  const nodes: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (x: unknown, depth: number) => {
    if (nodes.length > 5000 || depth > 40 || x === null || typeof x !== 'object') return;
    for (const [k, c] of Object.entries(x)) {
      nodes.push({ parent: x as Record<string, unknown>, key: Array.isArray(x) ? Number(k) : k });
      walk(c, depth + 1);
    }
  };
  walk(v, 0);
  const n = 1 + r.int(3);
  for (let k = 0; k < n && nodes.length; k++) {
    const { parent, key } = r.pick(nodes);
    const p = parent as Record<string | number, unknown>;
    const choice = r.int(6);
    if (choice === 0) delete p[key];
    else if (choice === 1) p[key] = r.pick([1e308, -1e308, 2 ** 31, 2 ** 53, -1, 0, 0.5, 86400 * 365, LIMITS.sessionSeconds + 1, 268435456]);
    else if (choice === 2) p[key] = r.pick(['', 'x'.repeat(10_000), '\u001b]0;x\u0007', '1:00:00', 'NaN', '__proto__']);
    else if (choice === 3) p[key] = r.pick([null, true, [], {}, [[[[[]]]]], { __proto__: { polluted: 1 } }]);
    else if (choice === 4 && Array.isArray(p[key])) for (let i = 0; i < 3; i++) (p[key] as unknown[]).push(structuredClone((p[key] as unknown[])[0] ?? 0));
    else p[key] = r.pick(nodes).parent;
  }
  try {
    return JSON.stringify(v);
  } catch {
    return s;
  }
}

const dir = (p: string, ext: RegExp) => readdirSync(root + p).filter((f) => ext.test(f)).map((f) => `${p}/${f}`);
const scriptSeeds = {
  fountain: [...dir('examples', /\.fountain$/).map(text), 'INT. A - DAY\n\n[[time: 1:23]]\n\nBob.\n', '', 'Title: T\n\nEXT. B\n\nALICE\nHi.\n'],
  fdx: [...dir('examples', /\.fdx$/).map(text), '<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Scene Heading"><Text>INT. A</Text></Paragraph></Content></FinalDraft>'],
  plain: [text('examples/treatment.txt'), 'Later, at night, she runs.\n\nThe next morning he waits.'],
};

function validateScript(v: unknown): string[] {
  const r = ScriptSchema.safeParse(v);
  if (!r.success) return ['not a valid Script'];
  const s = v as Script;
  const out: string[] = [];
  for (const sc of s.scenes) {
    if (!Number.isFinite(sc.start) || !Number.isFinite(sc.duration)) out.push(`scene ${sc.index}: non-finite time`);
    if (sc.timingSource !== 'estimate' && sc.duration > LIMITS.sceneSeconds) out.push(`scene ${sc.index}: ${sc.duration} s beyond the scene limit`);
    if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(sc.heading)) out.push(`scene ${sc.index}: control character in heading`);
    for (const e of sc.elements) if (/[\u001b\u009b]/.test(e.text)) out.push('escape character in element text');
  }
  if (!Number.isFinite(s.duration)) out.push('non-finite script duration');
  return out.slice(0, 3);
}

function validateScore(v: unknown): string[] {
  const r = ScoreSchema.safeParse(v);
  if (!r.success) return ['returned Score fails its schema'];
  return findScoreProblems(r.data).slice(0, 3).map((p) => `${p.where}: ${p.message}`);
}

const smallScript = parseScript('INT. A - DAY\n\nBob sits.\n\nEXT. B - NIGHT\n\nShe runs.\n');

const textTarget = (name: string, seeds: string[], run: (s: string) => unknown, validate: (v: unknown) => string[], json = false): Target<string> => ({
  name,
  seeds,
  mutate: (s, r) => (json ? mutateJsonText(s, r) : mutateText(s, r)),
  run,
  validate,
  describe: (s) => JSON.stringify(s.length > 300 ? s.slice(0, 300) + '…' : s),
});

const json = (what: string) => (s: string) => parseJsonText(s, what);

export function fuzzTargets(): Target[] {
  const midiSeeds = [read('examples/example.mid'), read('test/fixtures/midi/musescore3-export.mid'), read('src/style/fixtures/midi/song.mid')].map((b) => new Uint8Array(b));
  const midi: Target<Uint8Array> = {
    name: 'midi',
    seeds: midiSeeds,
    mutate: mutateBytes,
    run: (b) => midiToScore(b),
    validate: validateScore,
    describe: (b) => `${b.length} bytes: ${Buffer.from(b.subarray(0, 64)).toString('hex')}…`,
  };
  const styleModel = text('models/style/harmony.lmstyle.json');
  const styleModelCanonical = JSON.stringify(JSON.parse(styleModel));
  const textModel = text('models/affect/text-vad.json');
  const textModelCanonical = JSON.stringify(JSON.parse(textModel));
  return [
    textTarget('fountain', scriptSeeds.fountain, (s) => parseScript(s, { format: 'fountain' }), validateScript),
    textTarget('fdx', scriptSeeds.fdx, (s) => parseScript(s, { format: 'fdx' }), validateScript),
    textTarget('plain', scriptSeeds.plain, (s) => parseScript(s, { format: 'plain' }), validateScript),
    textTarget('timings', ['[{"scene": 1, "duration": 83}]', 'scene,duration\n1,1:23\n2,45\n', '{"1": 83, "2": "1:05"}', '[{"index": 1, "start": "0:10", "end": "0:50"}]'], (s) => applyTimings(smallScript, parseTimingsFile(s, s.trimStart().startsWith('[') || s.trimStart().startsWith('{') ? 't.json' : 't.csv')), validateScript),
    midi as Target,
    textTarget('abc', [text('src/style/fixtures/tiny.abc'), 'X:1\nT:t\nM:4/4\nL:1/8\nK:G\nGABc d2e2|f4 g4|]\n'], (s) => readAbc(s, 'fuzz.abc'), (v) => {
      const r = v as ReturnType<typeof readAbc>;
      const bad = r.pieces.flatMap((p) => p.melody.filter((n) => !(n.duration > 0 && n.duration <= LIMITS.noteQuarters && Number.isFinite(n.onset) && n.onset <= LIMITS.scoreQuarters)));
      return bad.length ? [`${bad.length} note(s) beyond the limits or not finite`] : [];
    }),
    textTarget('chorales', [text('src/style/fixtures/tiny-chorales.json')], (s) => readCorpusBytes(Buffer.from(s), 'fuzz.json'), (v) => {
      const r = v as ReturnType<typeof readCorpusBytes>;
      return r.pieces.some((p) => p.melody.some((n) => !Number.isFinite(n.onset) || !(n.duration > 0))) ? ['non-finite or empty note'] : [];
    }, true),
    textTarget('graph', [text('examples/exploration.graph.json'), text('examples/stealth-combat.graph.json')], (s) => parseGraph(json('music graph')(s)), () => [], true),
    textTarget('timeline', [text('examples/exploration.timeline.json'), text('examples/stealth-combat.timeline.json')], (s) => parseTimeline(json('timeline')(s)), (v) => {
      const t = v as ReturnType<typeof parseTimeline>;
      return t.duration > LIMITS.sessionSeconds || t.events.some((e) => e.time > t.duration) ? ['timeline beyond its duration or the session limit'] : [];
    }, true),
    textTarget('cue-spec', dir('examples', /\.spec\.json$/).map(text), (s) => parseCueSpec(json('cue spec')(s)), () => [], true),
    textTarget('score', [text('examples/example.score.json')], (s) => parseScore(json('score')(s)), validateScore, true),
    // A model whose content differs from the trained file must be refused (the id is its content hash).
    textTarget('style-model', [styleModel], (s) => {
      const j = json('style model')(s);
      decodeModelFile(j);
      return { changed: JSON.stringify(j) !== styleModelCanonical };
    }, (v) => ((v as { changed: boolean }).changed ? ['a changed style model loaded without complaint'] : []), true),
    textTarget('text-model', [textModel], (s) => {
      const j = json('text model')(s);
      const m = parseTextModel(j);
      const p = m.predict('A scream in the dark; she runs, laughing.');
      return { changed: JSON.stringify(j) !== textModelCanonical, finite: Number.isFinite(p.valence) && Number.isFinite(p.arousal) };
    }, (v) => {
      const r = v as { changed: boolean; finite: boolean };
      return [...(r.changed ? ['a changed text model loaded without complaint'] : []), ...(r.finite ? [] : ['non-finite emotion'])];
    }, true),
  ];
}

export interface FuzzStats {
  name: string;
  runs: number;
  crashes: number;
  hangs: number;
  violations: number;
  /** LeitmotifErrors whose cause is a plain Error: a reader bug caught by a safety net (still a bug). */
  netted: number;
  slowestMs: number;
  examples: string[];
}

/**
 * Runs `count` inputs through one target: seeds first, then mutations of seeds and of earlier inputs.
 * A crash is any throw that is not a LeitmotifError; a hang is a call over `hangMs`.
 */
export function fuzzTarget(t: Target, count: number, seed: number, hangMs = 2000, isUserError: (e: unknown) => boolean): FuzzStats {
  const r = new Prng(seed);
  const st: FuzzStats = { name: t.name, runs: 0, crashes: 0, hangs: 0, violations: 0, netted: 0, slowestMs: 0, examples: [] };
  const pool: unknown[] = [...t.seeds];
  for (let i = 0; i < count; i++) {
    const input = i < t.seeds.length ? t.seeds[i] : t.mutate(r.pick(pool), r);
    if (i >= t.seeds.length && pool.length < 256 && r.chance(0.05)) pool.push(input);
    const t0 = performance.now();
    let value: unknown;
    let ok = false;
    try {
      value = t.run(input);
      ok = true;
    } catch (e) {
      if (!isUserError(e)) {
        st.crashes++;
        if (st.examples.length < 5) st.examples.push(`crash ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.slice(0, 300) + ` on ${t.describe(input)}`);
      } else {
        const cause = (e as Error).cause;
        if (cause instanceof Error && !isUserError(cause)) {
          st.netted++;
          if (st.examples.length < 5) st.examples.push(`netted ${cause.name}: ${cause.message}`.slice(0, 300) + ` on ${t.describe(input)}`);
        }
      }
    }
    const ms = performance.now() - t0;
    st.slowestMs = Math.max(st.slowestMs, ms);
    if (ms > hangMs) {
      st.hangs++;
      if (st.examples.length < 5) st.examples.push(`hang ${Math.round(ms)} ms on ${t.describe(input)}`);
    }
    if (ok) {
      const problems = t.validate(value);
      if (problems.length) {
        st.violations++;
        if (st.examples.length < 5) st.examples.push(`violation ${problems.join('; ')} on ${t.describe(input)}`);
      }
    }
    st.runs++;
  }
  return st;
}
