/**
 * purpose: the studio's A/B picks and ratings teach a personalization profile. Fresh takes composed in the
 * studio are steered by the profile's taste (a Thompson draw, as `compose --profile` does) and recorded with the
 * offsets they used; a pick between two such takes is the pairwise evidence the profile learns fastest from.
 * Takes the profile never saw (the planned first takes, lock-and-regenerate takes) teach it nothing.
 */
import { emotionRegion, meanEmotion, type CueSpec } from '../../cue/index.js';
import type { ProfileStore } from '../../personalize/node/profile-store.js';
import { hashString, Rng } from '../../util/rng.js';
import { isLeitmotifError } from '../../util/errors.js';
import type { PreferenceSink } from './projects.js';

/** Run a profile write; a take the profile does not know (not personalised) is skipped, anything else is thrown. */
function ifKnown(write: () => void): void {
  try {
    write();
  } catch (e) {
    if (isLeitmotifError(e) && e.code === 'LM_ERR_STORE' && /has no take/.test(e.message)) return;
    throw e;
  }
}

/**
 * A PreferenceSink over the profile `name` in `store`.
 * @example
 * const sink = profilePreferenceSink(createProfileStore(db), 'director');
 * const p = sink.tasteFor!(spec); // compose with p.taste, then p.record('studio:abc/1m1/2')
 */
export function profilePreferenceSink(store: ProfileStore, name: string): PreferenceSink {
  return {
    tasteFor(spec: CueSpec) {
      const context = { kind: 'film' as const, region: emotionRegion(meanEmotion(spec.emotion)) };
      const history = store.get(name)?.takes ?? 0;
      const [taste] = store.suggest(name, context, new Rng(hashString(`${spec.seed}:${name}:${history}:studio`)), 1);
      return { taste, record: (takeId: string) => store.recordTake(name, { takeId, offsets: taste, context }) };
    },
    prefer: (winner, loser) => ifKnown(() => store.prefer(name, winner, loser)),
    rate: (takeId, rating) => ifKnown(() => store.rate(name, takeId, rating)),
  };
}
