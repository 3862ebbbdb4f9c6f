/** purpose: write a Score as a .musicxml file, atomically. */
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { Score } from '../../score/index.js';
import { scoreToMusicXml, type ScoreToMusicXmlOptions } from './score-to-musicxml.js';

export function writeMusicXmlFile(path: string, score: Score, opts: ScoreToMusicXmlOptions = {}): void {
  writeFileAtomic(path, scoreToMusicXml(score, opts));
}
