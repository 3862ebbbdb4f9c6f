/**
 * Bounded fuzzing of every reader in CI (a few seconds): fast-check generated inputs plus seeded mutations of
 * real files (targets.ts). Each call must return a value that passes its validator or throw a LeitmotifError
 * whose cause is not an internal error — never anything else — and finish quickly.
 * The long run is `npm run fuzz` (scripts/fuzz.ts, ≥ 100k inputs per reader).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeitmotifError } from '../../src/util/errors.js';
import { fuzzTarget, fuzzTargets, type Target } from './targets.js';

const MUTATIONS = Number(process.env.LEITMOTIF_FUZZ_CI ?? 250);
const GENERATED = 120;
const targets = fuzzTargets();

function judge(t: Target, input: unknown): void {
  const t0 = performance.now();
  let value: unknown;
  try {
    value = t.run(input);
  } catch (e) {
    if (!isLeitmotifError(e)) throw new Error(`${t.name}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} on ${t.describe(input)}`);
    const cause = e.cause;
    if (cause instanceof Error && !isLeitmotifError(cause)) throw new Error(`${t.name}: internal error behind a user error: ${cause.message} on ${t.describe(input)}`);
    return;
  } finally {
    expect(performance.now() - t0, `${t.name} took too long on ${t.describe(input)}`).toBeLessThan(2000);
  }
  expect(t.validate(value), t.describe(input)).toEqual([]);
}

const bytesLike = new Set(['midi']);
/** Generated inputs: random text/bytes, and random splices of a seed with hostile fragments. */
function arbitraryFor(t: Target): fc.Arbitrary<unknown> {
  if (bytesLike.has(t.name)) {
    const seed = t.seeds[0] as Uint8Array;
    return fc.oneof(
      fc.uint8Array({ maxLength: 256 }),
      fc.tuple(fc.nat(seed.length), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([at, b]) => {
        const out = Uint8Array.from(seed);
        out.set(b.subarray(0, Math.max(0, out.length - at)), at);
        return out;
      }),
    );
  }
  const seed = t.seeds[0] as string;
  return fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.tuple(fc.nat(seed.length), fc.nat(200), fc.string({ maxLength: 40 })).map(([at, del, ins]) => seed.slice(0, at) + ins + seed.slice(at + del)),
    fc.json({ maxDepth: 4 }),
  );
}

describe('fuzz: every reader returns a valid value or throws a LeitmotifError, fast', () => {
  for (const t of targets) {
    it(`${t.name}: ${GENERATED} generated inputs`, () => {
      fc.assert(fc.property(arbitraryFor(t), (input) => judge(t, input)), { numRuns: t.name.endsWith('-model') ? 20 : GENERATED, seed: 13 });
    });
    it(`${t.name}: ${MUTATIONS} mutated real inputs`, () => {
      const s = fuzzTarget(t, t.name.endsWith('-model') ? Math.min(40, MUTATIONS) : MUTATIONS, 13, 2000, isLeitmotifError);
      expect({ crashes: s.crashes, hangs: s.hangs, violations: s.violations, netted: s.netted, examples: s.examples }).toEqual({ crashes: 0, hangs: 0, violations: 0, netted: 0, examples: [] });
    });
  }
});
