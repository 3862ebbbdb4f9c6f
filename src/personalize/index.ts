/**
 * purpose: personalisation — a listener's or director's taste learned from feedback (ratings, pairwise picks,
 * game signals) as a Bayesian preference model over the bounded offsets of cue/taste.ts. Pure: the SQLite
 * repository that stores profiles lives at the edge (personalize/node/profile-store.ts).
 */
export * from './evidence.js';
export { fitPosterior, DEFAULT_MODEL, DIM, type Posterior, type ModelSettings } from './preference-model.js';
export { categoricalPosterior, sampleCategorical, type CategoricalPosterior } from './categorical.js';
export { thompsonOffsets, pairOffsets, suggestTastes } from './suggest.js';
