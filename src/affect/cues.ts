/**
 * purpose: the screenplay prior layer — what EmoBank cannot teach. EmoBank's 8k sentences are news, letters,
 * essays and some fiction; they rarely contain screenplay action lines ("He SLAMS the door.", "BANG!",
 * "She sprints.") and carry no notion of threat or of a sync point. So on top of the learned text model we add
 * a small, documented set of cue words. Each cue category has:
 *   - valence/arousal offsets (added to the learned prediction, then squashed),
 *   - threat (feeds the tension integrator) and relief (drains it),
 *   - optionally a hit kind (a sync-worthy moment: impact, sound, reveal, entrance).
 * Rationale for each category is in its comment. Weights are deliberately moderate (≤ 0.6) so the learned model
 * still decides most of the valence; the priors mainly move arousal and tension, which screenplay verbs
 * signal far more directly than sentiment words do (Smith 2003, "Film Structure and the Emotion System":
 * action lines are written to cue the viewer's arousal).
 */
import type { Hit } from './types.js';

export interface CueCategory {
  name: string;
  valence: number;
  arousal: number;
  threat: number;
  relief: number;
  hit?: Hit['kind'];
  /** Base salience of a hit from this category. */
  hitSalience?: number;
}

/** Regular verb forms: base, 3rd person, past, -ing (good enough for the verbs below; irregulars listed). */
function verb(...bases: string[]): string[] {
  const out: string[] = [];
  for (const b of bases) {
    const stemE = b.endsWith('e') ? b.slice(0, -1) : b;
    const doubled = /[^aeiou][aeiou][bdgmnprt]$/.test(b) && b.length <= 5 ? b + b[b.length - 1] : b;
    const third = /(s|sh|ch|x|z)$/.test(b) ? `${b}es` : /[^aeiou]y$/.test(b) ? `${b.slice(0, -1)}ies` : `${b}s`;
    const past = b.endsWith('e') ? `${b}d` : /[^aeiou]y$/.test(b) ? `${b.slice(0, -1)}ied` : `${doubled}ed`;
    out.push(b, third, past, `${b.endsWith('e') && !b.endsWith('ee') ? stemE : doubled}ing`);
  }
  return out;
}

interface CueDef extends CueCategory {
  words: string[];
  /** Multi-word phrases (lower-case, single spaces). */
  phrases?: string[];
}

const DEFS: CueDef[] = [
  {
    // Physical impacts: the classic "hit" a composer catches (stinger, accent). High arousal, threatening.
    name: 'impact', valence: -0.15, arousal: 0.5, threat: 0.3, relief: 0, hit: 'impact', hitSalience: 0.7,
    words: [
      ...verb('slam', 'crash', 'smash', 'explode', 'shatter', 'collide', 'punch', 'kick', 'stab', 'detonate', 'ram', 'tackle', 'slap', 'crush', 'topple', 'erupt', 'collapse', 'plunge'),
      'shoots', 'shot', 'fires', 'fired', 'strikes', 'struck', 'gunshot', 'gunshots', 'gunfire', 'explosion', 'explosions', 'blast', 'blasts', 'impact', 'bursts',
    ],
  },
  {
    // Onomatopoeia: in screenplays sounds are written in CAPS ("BANG!"); any of these is a sync point.
    name: 'sound', valence: -0.05, arousal: 0.5, threat: 0.25, relief: 0, hit: 'sound', hitSalience: 0.75,
    words: ['bang', 'boom', 'kaboom', 'wham', 'thud', 'thump', 'crack', 'bam', 'blam', 'pow', 'clang', 'clank', 'snap', 'whoosh', 'splash', 'screech', 'shriek', 'crunch', 'thwack', 'rumble'],
  },
  {
    // Reveals: the story turns on new information — music marks it (sting, harmonic shift).
    name: 'reveal', valence: 0, arousal: 0.3, threat: 0.15, relief: 0, hit: 'reveal', hitSalience: 0.65,
    words: [...verb('reveal', 'realize', 'realise', 'recognize', 'recognise', 'unmask', 'discover'), 'revelation'],
    phrases: ["turns to face", "it's him", "it's her", "it's you", "it was him", "it was her", 'pulls off', 'is revealed', 'to reveal'],
  },
  {
    // Entrances: a character's arrival is where a leitmotif is introduced.
    name: 'entrance', valence: 0, arousal: 0.2, threat: 0.05, relief: 0, hit: 'entrance', hitSalience: 0.45,
    words: ['enters', 'entered', 'appears', 'appeared', 'arrives', 'arrived', 'emerges', 'emerged', 'materializes'],
    phrases: ['bursts in', 'bursts through', 'steps in', 'walks in', 'comes in', 'rushes in', 'storms in', 'barges in', 'steps out of', 'walks into', 'steps inside'],
  },
  {
    // Pursuit and fast motion: arousal up; threatening because it is usually flight or attack.
    name: 'pursuit', valence: -0.1, arousal: 0.45, threat: 0.35, relief: 0,
    words: [
      ...verb('sprint', 'race', 'chase', 'pursue', 'flee', 'dive', 'lunge', 'scramble', 'swerve', 'dodge', 'duck', 'yank', 'struggle', 'wrestle', 'careen', 'hurtle', 'bolt', 'charge', 'dash', 'escape', 'grapple', 'skid'),
      'runs', 'ran', 'running', 'leaps', 'leapt', 'fights', 'fought', 'fighting', 'speeds', 'sped', 'flees', 'fled', 'grabs', 'grabbed',
      'chase', 'pursuit', 'getaway',
    ],
  },
  {
    // Screams and shouts: vocal alarm signals, high arousal and negative (Scherer 2003 on vocal affect).
    name: 'alarm', valence: -0.25, arousal: 0.55, threat: 0.35, relief: 0,
    words: [...verb('scream', 'shout', 'yell', 'shriek', 'roar', 'howl', 'wail', 'panic'), 'alarm', 'alarms', 'siren', 'sirens'],
  },
  {
    // Weapons, wounds and death: objects of threat; raise tension more than arousal.
    name: 'danger', valence: -0.3, arousal: 0.2, threat: 0.5, relief: 0,
    words: [
      'gun', 'guns', 'pistol', 'revolver', 'rifle', 'shotgun', 'knife', 'knives', 'blade', 'bomb', 'weapon', 'weapons', 'trigger', 'bullet', 'bullets',
      'blood', 'bloody', 'bleeding', 'corpse', 'danger', 'dangerous', 'trap', 'hostage', 'killer', 'murderer', 'monster', 'flames', 'fire', 'smoke',
      'kill', 'kills', 'killed', 'murder', 'attack', 'attacks', 'attacked', 'threat', 'threatens', 'wounded', 'hunt', 'hunts', 'hunted', 'intruder',
    ],
  },
  {
    // Suspense and stalking: the unknown and the unseen. Threat WITHOUT arousal — the "quiet stalking" scene.
    name: 'suspense', valence: -0.1, arousal: -0.05, threat: 0.45, relief: 0,
    words: [
      ...verb('creep', 'lurk', 'stalk', 'tiptoe', 'hide', 'creak', 'watch', 'wait', 'listen', 'follow'),
      'shadow', 'shadows', 'footsteps', 'silhouette', 'darkness', 'dark', 'figure', 'unseen', 'eerie', 'ajar',
      'breathing', 'breath', 'suddenly', 'unknown', 'locked', 'flicker', 'flickers', 'flickering',
    ],
  },
  {
    // Stillness and softness: arousal down (Russell 1980: calm/sleepy pole). Says nothing about valence.
    name: 'quiet', valence: 0, arousal: -0.35, threat: 0, relief: 0,
    words: [
      'quiet', 'quietly', 'silent', 'silence', 'silently', 'stillness', 'slowly', 'softly', 'gently', 'whisper', 'whispers', 'whispered', 'whispering',
      'asleep', 'sleeps', 'sleeping', 'motionless', 'hushed', 'calm', 'calmly', 'peaceful', 'peacefully', 'murmurs', 'sighs', 'lingers', 'pause', 'beat',
    ],
  },
  {
    // Grief and loss: negative, low arousal (sadness sits in the low-arousal negative quadrant).
    name: 'grief', valence: -0.5, arousal: -0.25, threat: 0, relief: 0,
    words: [
      'funeral', 'coffin', 'casket', 'grave', 'gravestone', 'tombstone', 'mourners', 'mourn', 'mourns', 'mourning', 'weeps', 'weeping', 'tears', 'sob', 'sobs',
      'sobbing', 'grief', 'grieving', 'buried', 'burial', 'eulogy', 'widow', 'cemetery', 'condolences', 'memorial', 'urn', 'hearse',
    ],
  },
  {
    // Celebration: positive and aroused — joy; explicitly NOT threatening (a party is not tense).
    name: 'celebration', valence: 0.5, arousal: 0.45, threat: -0.2, relief: 0.25,
    words: [
      'party', 'celebrate', 'celebrates', 'celebrating', 'celebration', 'cheers', 'cheering', 'cheer', 'dances', 'dancing', 'dance', 'applause', 'applauds',
      'laughter', 'toast', 'champagne', 'confetti', 'fireworks', 'wedding', 'hooray', 'triumph', 'victory', 'hugs', 'jubilant', 'balloons', 'birthday',
    ],
  },
  {
    // Relief and safety: resolution words drain tension (Lehne & Koelsch 2015: tension resolves when the
    // outcome becomes certain and safe).
    name: 'relief', valence: 0.35, arousal: -0.15, threat: -0.2, relief: 0.6,
    words: [
      'safe', 'safety', 'safely', 'relief', 'relieved', 'rescued', 'embrace', 'embraces', 'embraced', 'exhales', 'smiles', 'smiling', 'sunrise', 'dawn',
      'peace', 'survived', 'together', 'finally', 'healed', 'forgiven', 'reunited', 'home', 'alive',
    ],
    phrases: ["it's over", 'it is over', 'we made it', 'all right now', "you're safe", 'we are safe', 'catches her breath', 'catches his breath'],
  },
];

export const CUE_CATEGORIES: readonly CueCategory[] = DEFS.map(({ words: _w, phrases: _p, ...c }) => c);

const WORD_CUES = new Map<string, CueCategory>();
const PHRASE_CUES = new Map<string, CueCategory>();
for (const d of DEFS) {
  const cat = CUE_CATEGORIES.find((c) => c.name === d.name)!;
  for (const w of d.words) if (!WORD_CUES.has(w)) WORD_CUES.set(w, cat);
  for (const p of d.phrases ?? []) PHRASE_CUES.set(p, cat);
}
const MAX_PHRASE_WORDS = Math.max(...[...PHRASE_CUES.keys()].map((p) => p.split(' ').length));
const PHRASE_FIRST = new Set([...PHRASE_CUES.keys()].map((p) => p.split(' ')[0]));

export interface CueMatch {
  category: CueCategory;
  /** A character name (or he/she/they) precedes the cue in the same sentence: "ELIAS enters" vs "the storm arrives". */
  byCharacter: boolean;
  /** Character offsets in the element text. */
  index: number;
  end: number;
  text: string;
  caps: boolean;
  /** Followed by "!" (within two characters). */
  exclaimed: boolean;
}

/** findCues' words: an ASCII letter, then letters, apostrophes ' ’ and hyphens; the marks . ! ? ; : end a negation scope. */
const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
/**
 * Words that open a negation scope (the next 4 words, cut at sentence punctuation; see findCues): "not", "no",
 * n't-forms, and the negative subjects and quantifiers ("Nobody cheers.", "No one applauds.", "None of them
 * dance.", "Neither of them laughs", "Nothing to celebrate") — without them the cue fires as if it happened.
 * "no one" needs no entry of its own: "no" already opens the scope and "one" is inside it.
 */
const NEGATORS = new Set([
  'not', 'no', 'never', 'without', "don't", "doesn't", "didn't", "won't", "can't", 'cannot', "isn't", "aren't", "wasn't",
  'nothing', 'nobody', 'none', 'neither', 'nor', 'no-one', 'noone', 'nowhere',
]);
/** Word + next word that cancel the cue: "strikes up" (a band), "fires up", "bursts into tears", "bursts in the sky". */
const CANCELLED_BY_NEXT: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['strikes', new Set(['up'])],
  ['fires', new Set(['up'])],
  ['fired', new Set(['up'])],
  ['bursts', new Set(['into', 'out'])],
  ['snap', new Set(['out'])],
  ['crack', new Set(['of', 'a'])],
]);
/** Phrases ending in "in" are entrances only when no object follows: "bursts in." yes, "bursts in the sky" no. */
const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'my', 'your', 'our', 'this', 'that']);
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'you']);

/**
 * Find cue words and phrases in one element's text. `names` are character-name words (upper-case) that must not
 * be read as shouted words or sounds. In action text an ALL-CAPS word followed by "!" that is not a name counts
 * as a sound (in dialogue it is a shout, which raises arousal but is not a sound effect). Cues inside a negation
 * scope ("trying not to panic") are dropped.
 */
export function findCues(text: string, names: ReadonlySet<string> = new Set(), kind: 'action' | 'dialogue' = 'action'): CueMatch[] {
  const words: Array<{ w: string; raw: string; index: number; end: number; neg: boolean; subject: boolean }> = [];
  let negLeft = 0;
  let subject = false;
  // A scanner, not a regex (match objects cost more than the words: this runs for every element).
  for (let i = 0, n = text.length; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63 || c === 59 || c === 58 /* . ! ? ; : */) {
      negLeft = 0;
      if (c !== 59 && c !== 58) subject = false;
      i++;
      continue;
    }
    if (!isAsciiLetter(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    // Without capitals or ’ the slice is its own lower-case form (no copy).
    let plain = c >= 97;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d >= 97 && d <= 122) {
        j++;
        continue;
      }
      if (!(isAsciiLetter(d) || d === 39 || d === 0x2019 || d === 45 /* ' ’ - */)) break;
      if (d <= 90 && d >= 65) plain = false;
      else if (d === 0x2019) plain = false;
      j++;
    }
    const raw = text.slice(i, j);
    let w = raw;
    if (!plain) {
      w = raw.toLowerCase();
      if (w.includes('’')) w = w.replace(/’/g, "'");
    }
    if (text.charCodeAt(j - 1) === 45) w = w.replace(/-+$/, '');
    words.push({ w, raw, index: i, end: j, neg: negLeft > 0, subject });
    i = j;
    if (negLeft > 0) negLeft--;
    if (NEGATORS.has(w) || w.endsWith("n't")) negLeft = 4;
    if (SUBJECT_PRONOUNS.has(w)) subject = true;
    else if (names.size && raw.charCodeAt(0) <= 90 && names.has(raw.replace(/['’]s$/i, '').toUpperCase())) subject = true;
  }
  const out: CueMatch[] = [];
  const sound = CUE_CATEGORIES.find((c) => c.name === 'sound')!;
  const mk = (category: CueCategory, index: number, end: number, raw: string, byCharacter: boolean): CueMatch => {
    const caps = raw.length >= 2 && raw === raw.toUpperCase() && /[A-Z]/.test(raw);
    return { category, index, end, text: text.slice(index, end), caps, byCharacter, exclaimed: /^\s?!/.test(text.slice(end, end + 2)) };
  };
  for (let i = 0; i < words.length; i++) {
    let matched = false;
    if (words[i].neg) continue;
    const maxN = PHRASE_FIRST.has(words[i].w) ? Math.min(MAX_PHRASE_WORDS, words.length - i) : 0;
    for (let n = maxN; n >= 2 && !matched; n--) {
      const phrase = words.slice(i, i + n).map((x) => x.w).join(' ');
      const cat = PHRASE_CUES.get(phrase);
      if (cat && !(phrase.endsWith(' in') && DETERMINERS.has(words[i + n]?.w ?? ''))) {
        const last = words[i + n - 1];
        out.push(mk(cat, words[i].index, last.end, words[i].raw, words[i].subject));
        i += n - 1;
        matched = true;
      }
    }
    if (matched) continue;
    const { w, raw, index, end, subject: bySubject } = words[i];
    // A lower-case first or second letter rules capitals out before the upper-casing copy.
    const c1 = raw.charCodeAt(1);
    const caps = raw.length >= 2 && raw.charCodeAt(0) <= 90 && !(c1 >= 97 && c1 <= 122) && raw === raw.toUpperCase();
    if (caps && names.has(raw.replace(/['’]S$/, ''))) continue;
    const base = w.endsWith("'s") ? w.slice(0, -2) : w;
    if (CANCELLED_BY_NEXT.get(base)?.has(words[i + 1]?.w ?? '')) continue;
    // The cue may be written "BANG", "B-BANG" or "KA-BOOM": look at the last hyphen part too.
    const hyphen = base.lastIndexOf('-');
    const cat = WORD_CUES.get(base) ?? (hyphen >= 0 ? WORD_CUES.get(base.slice(hyphen + 1)) : undefined);
    if (cat) out.push(mk(cat, index, end, raw, bySubject));
    else if (kind === 'action' && caps && raw.length >= 3 && /^\s?!/.test(text.slice(end, end + 2))) out.push(mk(sound, index, end, raw, bySubject));
  }
  return out;
}

/** Scene-heading cues, applied lightly to the whole scene: time of day, weather and place set the mood. */
const HEADING_CUES: Array<{ re: RegExp; valence: number; arousal: number; threat: number }> = [
  { re: /\bNIGHT\b|\bMIDNIGHT\b/i, valence: -0.03, arousal: -0.03, threat: 0.06 },
  { re: /\bSTORM|\bTHUNDER|\bRAIN\b|\bBLIZZARD/i, valence: -0.05, arousal: 0.1, threat: 0.08 },
  { re: /\bCEMETERY|\bGRAVEYARD|\bFUNERAL|\bMORGUE|\bHOSPITAL|\bHOSPICE/i, valence: -0.15, arousal: -0.05, threat: 0.02 },
  { re: /\bBASEMENT|\bCELLAR|\bALLEY|\bWAREHOUSE|\bABANDONED|\bTUNNEL|\bWOODS\b|\bFOREST/i, valence: -0.03, arousal: 0, threat: 0.08 },
  { re: /\bPARTY|\bBALLROOM|\bWEDDING|\bFESTIVAL|\bCARNIVAL|\bBEACH|\bGARDEN|\bPARK\b/i, valence: 0.1, arousal: 0.03, threat: -0.03 },
  { re: /\bDAWN\b|\bSUNRISE|\bMORNING\b/i, valence: 0.05, arousal: -0.02, threat: -0.03 },
];

export function headingCues(heading: string): { valence: number; arousal: number; threat: number } {
  let valence = 0, arousal = 0, threat = 0;
  for (const c of HEADING_CUES) {
    if (c.re.test(heading)) {
      valence += c.valence;
      arousal += c.arousal;
      threat += c.threat;
    }
  }
  return { valence, arousal, threat };
}
