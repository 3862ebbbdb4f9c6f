/**
 * purpose: the music-mood adjectives a director or music editor writes ("somber", "playful", "ominous",
 * "triumphant") and where each sits on valence, arousal and tension. The sentence model was trained on prose, where
 * these words are rare or mean something else ("dark" reads neutral, "grief" aroused), so a direction reads them here
 * first. The clusters are Hevner's adjective circle as updated by Schubert (2003, "Update of the Hevner adjective
 * checklist", Perceptual and Motor Skills 96), placed on Russell's (1980) circumplex, plus the suspense and danger
 * clusters film scoring needs, whose third axis is tension (MUSIC.md, "Emotion → musical cues").
 */

export interface MoodPoint {
  valence: number;
  arousal: number;
  tension: number;
}

/** A cluster's position; an axis left out (null) gets no vote from its words ("epic" says how big, not how dark). */
interface Cluster {
  name: string;
  valence: number | null;
  arousal: number | null;
  tension: number | null;
  words: readonly string[];
}

// Adjectives, and the few nouns directions use as moods ("grief", "dread", "suspense"); not nouns that name a thing
// as often as a mood ("hope", "joy", "victory", "fear", "drive", "tension", "underscore"). Placed by their meaning
// on the circumplex (Hevner's circle runs round it: solemn and sad below the neutral line, playful and happy above).
const CLUSTERS: readonly Cluster[] = [
  { name: 'solemn', valence: -0.3, arousal: -0.3, tension: 0.15, words: ['solemn', 'dignified', 'sacred', 'spiritual', 'reverent', 'stately', 'hymnal', 'hymn-like'] },
  { name: 'sad', valence: -0.65, arousal: -0.4, tension: 0.15, words: ['sad', 'mournful', 'doleful', 'tragic', 'melancholy', 'melancholic', 'gloomy', 'depressing', 'somber', 'sombre', 'bleak', 'funereal', 'elegiac', 'desolate', 'forlorn', 'grief', 'grieving', 'sorrowful', 'mourning', 'heartbroken', 'heart-broken', 'lonely'] },
  { name: 'dark', valence: -0.45, arousal: -0.1, tension: 0.5, words: ['dark', 'darker', 'brooding', 'grim'] },
  { name: 'haunting', valence: -0.3, arousal: -0.3, tension: 0.35, words: ['haunting', 'haunted'] },
  { name: 'tender', valence: 0.5, arousal: -0.3, tension: 0.05, words: ['tender', 'sentimental', 'romantic', 'loving', 'warm', 'affectionate', 'heartfelt'] },
  { name: 'wistful', valence: -0.05, arousal: -0.35, tension: 0.1, words: ['wistful', 'nostalgic', 'bittersweet', 'bitter-sweet', 'longing', 'yearning', 'plaintive', 'reflective', 'pensive', 'contemplative'] },
  { name: 'dreamy', valence: 0.15, arousal: -0.45, tension: 0.1, words: ['dreamy', 'dreamlike', 'dream-like', 'ethereal', 'hypnotic', 'floating', 'drifting', 'lilting'] },
  { name: 'hopeful', valence: 0.5, arousal: 0.1, tension: 0.05, words: ['hopeful', 'optimistic', 'reassuring', 'encouraging'] },
  { name: 'serene', valence: 0.15, arousal: -0.55, tension: 0.05, words: ['serene', 'tranquil', 'calm', 'peaceful', 'soothing', 'relaxed', 'pastoral', 'placid', 'restful'] },
  { name: 'playful', valence: 0.5, arousal: 0.35, tension: 0.05, words: ['playful', 'whimsical', 'humorous', 'humourous', 'fanciful', 'quaint', 'quirky', 'mischievous', 'cheeky', 'comedic', 'comic', 'light-hearted', 'lighthearted', 'graceful'] },
  { name: 'happy', valence: 0.75, arousal: 0.5, tension: 0, words: ['happy', 'joyful', 'joyous', 'merry', 'cheerful', 'bright', 'sunny', 'festive', 'celebratory', 'euphoric', 'elated', 'jubilant', 'delighted'] },
  { name: 'heroic', valence: 0.6, arousal: 0.6, tension: 0.1, words: ['heroic', 'triumphant', 'victorious', 'soaring', 'uplifting', 'inspiring', 'glorious', 'majestic', 'anthemic'] },
  // Size words: loud and big, whatever the mood ("dark and epic" stays dark).
  { name: 'scale', valence: null, arousal: 0.6, tension: null, words: ['epic', 'grand', 'massive', 'huge', 'powerful', 'vigorous', 'monumental'] },
  { name: 'energetic', valence: 0.05, arousal: 0.6, tension: 0.3, words: ['energetic', 'exciting', 'thrilling', 'dramatic', 'passionate', 'propulsive'] },
  { name: 'unease', valence: -0.2, arousal: -0.05, tension: 0.55, words: ['uneasy', 'unease', 'unsettling', 'unsettled', 'uncertain', 'mysterious', 'enigmatic', 'cryptic'] },
  { name: 'suspense', valence: -0.3, arousal: 0.1, tension: 0.75, words: ['tense', 'suspense', 'suspenseful'] },
  { name: 'nervous', valence: 0, arousal: 0.6, tension: 0.55, words: ['nervous', 'jittery', 'restless', 'edgy', 'twitchy'] },
  { name: 'menace', valence: -0.5, arousal: 0.1, tension: 0.75, words: ['ominous', 'menacing', 'foreboding', 'sinister', 'eerie', 'creepy', 'dread', 'threatening', 'spooky', 'malevolent'] },
  { name: 'danger', valence: -0.6, arousal: 0.7, tension: 0.8, words: ['fearful', 'scary', 'terrifying', 'panicked', 'frantic', 'dangerous', 'chaotic', 'agitated', 'anxious'] },
  { name: 'anger', valence: -0.6, arousal: 0.75, tension: 0.45, words: ['aggressive', 'angry', 'furious', 'violent', 'brutal', 'savage', 'fierce', 'hostile', 'hard-edged'] },
  { name: 'neutral', valence: 0, arousal: -0.1, tension: 0.1, words: ['neutral', 'unobtrusive', 'understated'] },
];

const BY_WORD: ReadonlyMap<string, Cluster> = new Map(CLUSTERS.flatMap((c) => c.words.map((w) => [w, c] as const)));
// Whole words: a hyphen joins ("non-threatening", "warm-up" and "sad-eyed" hold no mood word), except in the listed
// hyphenated forms.
const WORD_RE = new RegExp(String.raw`(?<![\w-])(${[...BY_WORD.keys()].sort((a, b) => b.length - a.length).join('|')})(?![\w-])`, 'gi');

export interface MoodWord {
  word: string;
  cluster: string;
  index: number;
  valence: number | null;
  arousal: number | null;
  tension: number | null;
}

/**
 * The mood adjectives of a text with their positions, in order; `keep` may drop one by where it stands (a negated
 * "not tense"). An axis a cluster has no say on is null.
 * @example moodWordsIn('somber, then ominous').map((m) => m.cluster) // ['sad', 'menace']
 */
export function moodWordsIn(text: string, keep: (index: number) => boolean = () => true): MoodWord[] {
  const out: MoodWord[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    if (!keep(m.index)) continue;
    const c = BY_WORD.get(m[1].toLowerCase())!;
    out.push({ word: m[1].toLowerCase(), cluster: c.name, index: m.index, valence: c.valence, arousal: c.arousal, tension: c.tension });
  }
  return out;
}
