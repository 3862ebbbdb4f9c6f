export { scoreToMusicXml, type ScoreToMusicXmlOptions } from './score-to-musicxml.js';
export { planParts, type PartPlan } from './parts.js';
export { writeMusicXmlFile } from './file-io.js';
export { spellPitch, spellingKey, spelledName, type SpelledPitch, type SpellingKey } from '../../theory/index.js';
export { splitDuration, type NotatedValue } from './durations.js';
