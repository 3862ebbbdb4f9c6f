/** purpose: studio picks and ratings teach the profile, fresh takes carry its taste, unknown takes are ignored. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/database.js';
import { createProfileStore } from '../../personalize/node/profile-store.js';
import { parseCueSpec } from '../../cue/index.js';
import { profilePreferenceSink } from './profile-sink.js';

describe('profilePreferenceSink', () => {
  it('records steered takes and learns from a pick between them', () => {
    const store = createProfileStore(openDatabase(':memory:'));
    store.create('director');
    const sink = profilePreferenceSink(store, 'director');
    const spec = parseCueSpec({ id: '1m1', duration: 20, emotion: { valence: -0.6, arousal: 0.2, tension: 0.4 }, style: 'orchestral', seed: 3 });
    const a = sink.tasteFor!(spec)!;
    a.record('studio:p/1m1/2');
    const b = sink.tasteFor!({ ...spec, seed: 4 })!;
    b.record('studio:p/1m1/3');
    expect(store.get('director')!.takes).toBe(2);
    sink.prefer('studio:p/1m1/3', 'studio:p/1m1/2');
    sink.rate('studio:p/1m1/2', 2);
    // The planned first take was never personalised: a pick naming it teaches nothing and does not fail.
    sink.prefer('studio:p/1m1/1', 'studio:p/1m1/2');
    const s = store.get('director')!;
    expect(s.pairwise).toBe(1);
    expect(s.ratings).toBe(1);
  });
});
