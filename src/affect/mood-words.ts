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

const CLUSTERS: ReadonlyArray<MoodPoint & { name: string; words: readonly string[] }> = [
  { name: 'solemn', valence: 0.2, arousal: -0.2, tension: 0.1, words: ['solemn', 'dignified', 'sacred', 'spiritual', 'serious', 'noble', 'reverent', 'stately', 'hymnal', 'hymn-like'] },
  { name: 'sad', valence: -0.65, arousal: -0.4, tension: 0.15, words: ['sad', 'sadness', 'mournful', 'doleful', 'tragic', 'melancholy', 'melancholic', 'gloomy', 'depressing', 'heavy', 'somber', 'sombre', 'bleak', 'funereal', 'elegiac', 'lament', 'desolate', 'forlorn', 'grief', 'grieving', 'sorrow', 'sorrowful', 'mourning', 'heartbroken', 'lonely'] },
  { name: 'dark', valence: -0.45, arousal: -0.1, tension: 0.5, words: ['dark', 'darker', 'brooding', 'grim', 'haunting', 'haunted'] },
  { name: 'tender', valence: 0.5, arousal: -0.3, tension: 0.05, words: ['tender', 'tenderness', 'sentimental', 'romantic', 'loving', 'warm', 'warmth', 'affectionate', 'heartfelt'] },
  { name: 'wistful', valence: -0.05, arousal: -0.35, tension: 0.1, words: ['wistful', 'nostalgic', 'bittersweet', 'longing', 'yearning', 'plaintive', 'reflective', 'pensive', 'contemplative'] },
  { name: 'dreamy', valence: 0.15, arousal: -0.45, tension: 0.1, words: ['dreamy', 'dreamlike', 'ethereal', 'hypnotic', 'floating', 'drifting', 'lilting'] },
  { name: 'hopeful', valence: 0.5, arousal: 0.1, tension: 0.05, words: ['hopeful', 'optimistic', 'hope', 'reassuring', 'encouraging'] },
  { name: 'serene', valence: 0.15, arousal: -0.55, tension: 0.05, words: ['serene', 'tranquil', 'calm', 'peaceful', 'soothing', 'relaxed', 'pastoral', 'placid', 'restful'] },
  { name: 'playful', valence: 0.5, arousal: 0.35, tension: 0.05, words: ['playful', 'whimsical', 'humorous', 'humourous', 'fanciful', 'quaint', 'quirky', 'mischievous', 'cheeky', 'comedic', 'comic', 'light-hearted', 'lighthearted', 'graceful'] },
  { name: 'happy', valence: 0.75, arousal: 0.5, tension: 0, words: ['happy', 'joyful', 'joyous', 'joy', 'merry', 'cheerful', 'bright', 'sunny', 'festive', 'celebratory', 'celebration', 'euphoric', 'elated', 'jubilant', 'delighted'] },
  { name: 'heroic', valence: 0.6, arousal: 0.6, tension: 0.1, words: ['heroic', 'triumphant', 'triumph', 'victorious', 'victory', 'soaring', 'uplifting', 'inspiring', 'glorious', 'majestic', 'grand', 'epic', 'anthemic'] },
  { name: 'energetic', valence: 0.05, arousal: 0.6, tension: 0.3, words: ['energetic', 'exciting', 'thrilling', 'dramatic', 'passionate', 'driving', 'drive', 'propulsive', 'vigorous', 'powerful'] },
  { name: 'unease', valence: -0.2, arousal: -0.05, tension: 0.55, words: ['uneasy', 'unease', 'unsettling', 'unsettled', 'uncertain', 'mysterious', 'mystery', 'enigmatic', 'cryptic'] },
  { name: 'suspense', valence: -0.3, arousal: 0.1, tension: 0.75, words: ['tense', 'suspense', 'suspenseful'] },
  { name: 'nervous', valence: 0, arousal: 0.6, tension: 0.55, words: ['nervous', 'tension', 'jittery', 'restless', 'edgy', 'twitchy'] },
  { name: 'menace', valence: -0.5, arousal: 0.1, tension: 0.75, words: ['ominous', 'menacing', 'menace', 'foreboding', 'sinister', 'eerie', 'creepy', 'dread', 'threatening', 'spooky', 'malevolent'] },
  { name: 'danger', valence: -0.6, arousal: 0.7, tension: 0.8, words: ['fear', 'fearful', 'scary', 'terrifying', 'terror', 'horror', 'panic', 'panicked', 'frantic', 'danger', 'dangerous', 'chaotic', 'chaos', 'agitated', 'anxious'] },
  { name: 'anger', valence: -0.6, arousal: 0.75, tension: 0.45, words: ['aggressive', 'aggression', 'angry', 'anger', 'furious', 'fury', 'violent', 'brutal', 'savage', 'fierce', 'rage', 'hostile', 'hard-edged'] },
  { name: 'neutral', valence: 0, arousal: -0.1, tension: 0.1, words: ['neutral', 'underscore', 'background', 'unobtrusive', 'understated'] },
];

const BY_WORD: ReadonlyMap<string, MoodPoint & { name: string }> = new Map(CLUSTERS.flatMap((c) => c.words.map((w) => [w, c] as const)));
const WORD_RE = new RegExp(String.raw`\b(${[...BY_WORD.keys()].sort((a, b) => b.length - a.length).join('|')})\b`, 'gi');

/**
 * The mood adjectives of a text with their positions, in order; `keep` may drop one by where it stands (a negated
 * "not tense").
 * @example moodWordsIn('somber, then ominous').map((m) => m.cluster) // ['sad', 'menace']
 */
export function moodWordsIn(text: string, keep: (index: number) => boolean = () => true): Array<MoodPoint & { word: string; cluster: string }> {
  const out: Array<MoodPoint & { word: string; cluster: string }> = [];
  for (const m of text.matchAll(WORD_RE)) {
    if (!keep(m.index)) continue;
    const c = BY_WORD.get(m[1].toLowerCase())!;
    out.push({ word: m[1].toLowerCase(), cluster: c.name, valence: c.valence, arousal: c.arousal, tension: c.tension });
  }
  return out;
}
