/**
 * purpose: the one-line musical direction of a planned cue, for the music editor reading the cue sheet:
 * "tense suspense — low strings, pulsing ostinato, slow build to the hit at 01:02:10 (door slam), 66 bpm".
 * Mood words from the cue's emotion (the cue table's labels), texture from its style, energy and dialogue,
 * shape from its emotion curve, and its strongest caught hit. When the LLM director wrote a direction for the
 * cue's scenes, that text leads the line.
 *
 * @example
 * describeCue({ affect: { valence: -0.5, arousal: 0.1, tension: 0.8 }, style: 'orchestral', tempo: 66, underDialogue: false, hits: [] })
 * // 'tense suspense — low strings, pulsing ostinato, steady, 66 bpm'
 */
import type { Affect } from '../affect/types.js';
import type { EmotionPoint, Style } from '../cue/spec.js';
import type { TrackRole } from '../score/schema.js';
import { emotionLabel } from './cue-table.js';
import { directedLead, type OrchestrationTaste } from '../cue/orchestration.js';

export interface CueToDescribe {
  affect: Affect;
  curve?: readonly EmotionPoint[];
  style: Style;
  /** The director's orchestration (lead, layers left out), when the spec carries one. */
  orchestration?: OrchestrationTaste;
  tempo?: number;
  underDialogue: boolean;
  /** Caught hits with their timecode. */
  hits: ReadonlyArray<{ label: string; timecode: string; salience: number; cueTime: number }>;
  duration?: number;
  /** The LLM director's directions for the cue's scenes, if any. */
  directions?: readonly string[];
  /** What the composed cue's tracks hold (absent: the plan's texture, from the emotion and the style). */
  played?: readonly PlayedPart[];
}

/** One track of a composed cue: its instrument, its role and how many notes it plays in the cue. */
export interface PlayedPart {
  name: string;
  role: TrackRole;
  notes: number;
}

/** Instrument names as a spotting note says them. */
const SPOKEN: Record<string, string> = {
  'Violins I': 'violins',
  'Cellos & Basses': 'low strings',
  'Strings Spiccato': 'spiccato string ostinato',
  'Strings ppp': 'soft strings',
  'Horns & Trumpet': 'horns and trumpet',
  'Flute & Oboe': 'flute and oboe',
  'Sparse Percussion': 'sparse percussion',
};
const spoken = (name: string) => SPOKEN[name] ?? name.toLowerCase().replace(/\s*&\s*/g, ' and ');
// "harp, flute and oboe, and strings": a serial comma where an item has its own "and".
const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')}${xs.length > 2 && xs.some((x) => x.includes(' and ')) ? ',' : ''} and ${xs[xs.length - 1]}`);

/**
 * The texture of what plays: the lead (the melody part with the most notes) over the parts that carry at least
 * 4 % of the cue's notes, largest first (at most four) — a part with a note or two (a cymbal at a hit) is no layer.
 */
function playedTexture(c: CueToDescribe, played: readonly PlayedPart[]): string {
  const parts = played.filter((p) => p.notes > 0);
  const total = parts.reduce((n, p) => n + p.notes, 0);
  if (total === 0) return 'silence';
  const lead = parts.filter((p) => p.role === 'melody').sort((a, b) => b.notes - a.notes)[0];
  const layers = parts
    .filter((p) => p !== lead && p.notes >= Math.max(4, 0.04 * total))
    .sort((a, b) => b.notes - a.notes || a.name.localeCompare(b.name))
    .slice(0, 4);
  if (c.style === 'piano' && parts.every((p) => p.name.startsWith('Piano'))) return 'solo piano';
  let names = [...new Set(layers.filter((p) => !(c.style === 'piano' && p.name.startsWith('Piano'))).map((p) => spoken(p.name)))];
  // The string section and the low strings under it are one body of strings to the ear.
  if (names.includes('strings') && names.includes('low strings')) names = names.filter((n) => n !== 'low strings');
  if (c.style === 'piano') return names.length ? `piano with ${list(names)}` : 'solo piano';
  if (!lead) return list(names);
  return names.length ? `${spoken(lead.name)} over ${list(names)}` : `solo ${spoken(lead.name)}`;
}

const MOOD: Record<string, (a: Affect) => string> = {
  suspense: () => 'tense suspense',
  unease: () => 'quiet unease',
  neutral: () => 'neutral underscore',
  tense: () => 'nervous tension',
  energetic: () => 'energetic drive',
  calm: () => 'calm',
  joy: (a) => (a.arousal >= 0.45 ? 'joyful celebration' : 'warm and bright'),
  tender: () => 'tender warmth',
  fear: (a) => (a.arousal >= 0.5 ? 'frantic danger' : 'fear'),
  anger: () => 'hard-edged aggression',
  grief: () => 'grief',
};

/** Mood words for an emotion ("tense suspense", "joyful celebration", "grief"…). */
export function moodWords(a: Affect): string {
  return MOOD[emotionLabel(a)](a);
}

function texture(c: CueToDescribe): string {
  if (c.played) {
    const s = playedTexture(c, c.played);
    return c.underDialogue ? `${s}, thinned under dialogue` : s;
  }
  const { arousal: ar, valence: v, tension: t } = c.affect;
  let s: string;
  switch (c.style) {
    case 'piano':
      s = ar > 0.3 ? 'solo piano, rhythmic' : 'solo piano, sparse';
      break;
    case 'ambient':
      s = t >= 0.5 ? 'dark synth pads and drones' : 'synth pads and drones';
      break;
    case 'chiptune':
      s = '8-bit leads and arpeggios';
      break;
    case 'rock':
      s = ar > 0.3 ? 'guitars, bass and driving drums' : 'clean guitars and bass';
      break;
    default:
      if (ar < -0.3) s = t >= 0.5 ? 'sustained low strings' : 'soft strings and woodwinds';
      else if (ar < 0.25) s = t >= 0.5 ? 'low strings, pulsing ostinato' : v < -0.2 ? 'strings, solo cello' : 'strings and woodwinds';
      else s = v > 0.3 ? 'full orchestra, brass fanfares' : 'full orchestra, driving ostinato and percussion';
  }
  // What the director asked for is what plays: the lead named first, left-out percussion not promised.
  if (c.orchestration?.avoid.includes('ostinato')) s = s.replace(/, (?:pulsing|driving) ostinato/, '');
  if (c.orchestration?.avoid.includes('drums')) s = s.replace(/,? (?:and )?(?:driving )?(?:drums|percussion)$/, '').replace(/ and percussion\b/, '');
  const lead = directedLead(c.style, c.orchestration?.lead)?.name;
  if (lead) s = `${lead.replace(/ I$/, '').toLowerCase()} lead over ${s.replace(/, solo cello$/, '')}`;
  return c.underDialogue ? `${s}, thinned under dialogue` : s;
}

/** "slow build", "easing off" or "steady", from the curve's energy (arousal + tension) start to end. */
function shape(c: CueToDescribe): 'slow build' | 'building' | 'easing off' | 'steady' {
  const pts = c.curve;
  if (!pts || pts.length < 2) return 'steady';
  const e = (p: EmotionPoint) => (p.arousal + 1) / 2 + p.tension;
  const first = e(pts[0]), last = e(pts[pts.length - 1]);
  const peak = Math.max(...pts.map(e));
  if (peak - first > 0.25 && last >= peak - 0.15) return (c.duration ?? 0) >= 45 ? 'slow build' : 'building';
  if (first - last > 0.25) return 'easing off';
  return 'steady';
}

/** A hit's script words, short: "…the muffled thump of music from " → "the muffled thump of music". */
function shortLabel(label: string): string {
  let t = label.replace(/\s+/g, ' ').replace(/^[\s.…,;:!?-]+/, '').trim();
  if (t.length > 36) t = t.slice(0, 36).replace(/\s+\S*$/, '');
  return t.replace(/[\s.…,;:!?-]+$/, '').trim() || 'hit';
}

export function describeCue(c: CueToDescribe): string {
  const mood = moodWords(c.affect);
  const hit = [...c.hits].sort((a, b) => b.salience - a.salience || a.cueTime - b.cueTime)[0];
  const sh = shape(c);
  const hitText = hit ? shortLabel(hit.label) : '';
  const where = hit
    ? sh === 'slow build' || sh === 'building'
      ? `${sh} to the hit at ${hit.timecode} (${hitText})`
      : `${sh}, catching "${hitText}" at ${hit.timecode}`
    : sh;
  const tempo = c.tempo ? `, ${Math.round(c.tempo)} bpm` : '';
  const directed = (c.directions ?? []).map((d) => d.trim()).filter(Boolean);
  if (directed.length) return `${mood} — ${directed[0].replace(/[.]+$/, '')}; ${where}${tempo}`;
  return `${mood} — ${texture(c)}, ${where}${tempo}`;
}
