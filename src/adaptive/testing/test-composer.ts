/**
 * purpose: the composer adaptive/'s tests use — compose/'s real BarComposer with compose's small fixture
 * style models, so tests run in a fresh clone (no trained models) and do not shift when models are retrained.
 */
import { fixtureModels } from '../../compose/test-support/fixture-style.js';
import { composerWith } from '../composer.js';

export const testComposer = composerWith(fixtureModels());
