/**
 * purpose: free-text direction → cue spec, offline: "tense suspense, low strings, builds to a hit at 0:42"
 * becomes an emotion (read by the affect model, the same reading as a screenplay line), a style (palette and
 * instrument words), a tempo (tempo words or "96 bpm"), key and mode ("in D minor"), hit times ("a hit at
 * 0:42", "the door slam at 1:12", "at 01:02:10", "a hit 10 seconds in"), a length ("90 seconds", "two minutes",
 * "1:30 long"), a metre ("in 7/8", a waltz, a jig) and a shape ("builds to", "fades out") as an emotion curve.
 * Returns what was understood, line by line, so the user can check it.
 * Pure: the text model is an argument.
 *
 * @example
 * readDirection('tense suspense, low strings, builds to a hit at 0:42', model).spec
 * // { duration: 50, emotion: { valence: -0.4…, arousal: 0.3…, tension: 0.7…, curve: [...] }, style: 'orchestral', hits: [{ time: 42, label: 'hit' }] … }
 */
import type { CueSpecInput, Style } from '../cue/spec.js';
import { directedLead, type AvoidableLayer } from '../cue/orchestration.js';
import { MODES, PITCH_CLASS_NAMES } from '../score/schema.js';
import { clamp } from '../util/math.js';
import { LIMITS, limitError } from '../util/limits.js';
import { elementAffect } from './element-affect.js';
import { moodWordsIn, type MoodWord } from './mood-words.js';
import type { TextModel } from './text-model.js';

export interface DirectionReading {
  /** The fields the text set (merge over a spec: what the direction says wins). */
  spec: Partial<CueSpecInput> & { emotion: NonNullable<CueSpecInput['emotion']> };
  /** What was understood, one line per aspect, for the user to check. */
  understood: string[];
  /** The instrument and palette words found (empty: the style is only the default). */
  palette: string[];
}

const PALETTE: Array<{ style: Style; re: RegExp }> = [
  { style: 'chiptune', re: /\b(chiptune|8[- ]?bit|retro game|nes|gameboy|square waves?)\b/gi },
  { style: 'rock', re: /\b(rock|electric guitars?|guitars?|drum ?kit|drums|band|metal|power chords?)\b/gi },
  { style: 'ambient', re: /\b(ambient|pads?|drones?|synths?|atmospheric|textures?|soundscape|vibraphone|marimba|mallets|electric piano|rhodes)\b/gi },
  { style: 'piano', re: /\b((?<!electric )piano|keys|solo piano)\b/gi },
  { style: 'orchestral', re: /\b(orchestra|orchestral|strings|violins?|violas?|cellos?|celli|violoncellos?|basses|brass|horns?|trumpets?|trombones?|woodwinds?|flutes?|clarinets?|oboes?|timpani|choir|harp|ostinato|pizzicato|pizz|celesta|glockenspiel|music box|fiddles?(?!\s+(?:with|around|about)\b))\b/gi },
];

/**
 * Instrument words that name the lead (a key of DIRECTED_LEADS for the style the palette words chose); the first
 * one in the text wins. "low strings" gives the tune to the cellos, "solo oboe" to the oboe.
 */
const LEAD_WORDS: Array<{ style: Style; lead: string; re: RegExp }> = [
  { style: 'orchestral', lead: 'cellos', re: /\b(low strings?|cellos?|violoncellos?|celli)\b/i },
  { style: 'orchestral', lead: 'violas', re: /\bviolas?\b/i },
  { style: 'orchestral', lead: 'strings', re: /\b(solo violin|violins?|high strings|fiddles?(?!\s+(?:with|around|about)\b))\b/i },
  { style: 'orchestral', lead: 'oboe', re: /\boboes?\b/i },
  { style: 'orchestral', lead: 'clarinet', re: /\bclarinets?\b/i },
  { style: 'orchestral', lead: 'woodwinds', re: /\b(flutes?|woodwinds?|winds)\b/i },
  { style: 'orchestral', lead: 'trumpet', re: /\btrumpets?\b/i },
  { style: 'orchestral', lead: 'brass', re: /\b(brass|horns?|french horns?)\b/i },
  { style: 'orchestral', lead: 'pizzicato', re: /\b(pizzicato|pizz)\b/i },
  { style: 'orchestral', lead: 'celesta', re: /\bcelesta\b/i },
  { style: 'orchestral', lead: 'glockenspiel', re: /\bglockenspiel\b/i },
  { style: 'orchestral', lead: 'musicBox', re: /\bmusic box\b/i },
  { style: 'ambient', lead: 'keys', re: /\b(electric piano|rhodes|keys)\b/i },
  { style: 'ambient', lead: 'mallets', re: /\b(vibraphone|vibes|mallets|marimba)\b/i },
  { style: 'ambient', lead: 'pad', re: /\b(pad lead|synth lead)\b/i },
  { style: 'rock', lead: 'guitar', re: /\b(lead guitar|guitars?)\b/i },
  { style: 'rock', lead: 'synth', re: /\b(synth lead|synths?)\b/i },
  { style: 'chiptune', lead: 'square', re: /\b(square waves?|square lead)\b/i },
  { style: 'chiptune', lead: 'saw', re: /\b(saw(?:tooth)? waves?|saw lead)\b/i },
];

/** "no percussion", "without drums", "no choir": optional layers left out (cue/orchestration.ts AVOIDABLE_LAYERS). */
const AVOID_WORDS: Array<{ re: RegExp; layers: AvoidableLayer[]; word: string }> = [
  { re: /\b(?:no|without|drop the|lose the)\s+(?:the\s+)?(?:percussion|drums? and percussion)\b/i, layers: ['drums', 'timpani'], word: 'percussion' },
  { re: /\b(?:no|without|drop the|lose the)\s+(?:the\s+)?(?:drums?|drum ?kit)\b/i, layers: ['drums'], word: 'drums' },
  { re: /\b(?:no|without|drop the|lose the)\s+(?:the\s+)?timpani\b/i, layers: ['timpani'], word: 'timpani' },
  { re: /\b(?:no|without|drop the|lose the)\s+(?:the\s+)?(?:choir|voices)\b/i, layers: ['pad'], word: 'choir' },
  { re: /\b(?:no|without|drop the|lose the)\s+(?:the\s+)?harp\b/i, layers: ['colour'], word: 'harp' },
  { re: /\b(?:no|without|drop the|lose the)\s+(?:the\s+)?ostinato\b/i, layers: ['ostinato'], word: 'ostinato' },
];

/** "no brass", "without the horns", "but not violins": an instrument ruled out is neither palette nor lead. */
const RULED_OUT = /\b(?:no|not|without|drop(?:ping)? the|lose the|minus)\s+(?:the\s+|any\s+)?[a-z]+(?:\s+(?:strings?|guitars?|horns?|leads?|kit|waves?))?/gi;

const LEFT_OUT = AVOID_WORDS.map((a) => new RegExp(a.re.source, 'gi'));

/** The text with its left-out phrases removed (every occurrence): "no drums" names no mood. */
function withoutLeftOut(text: string): string {
  return LEFT_OUT.reduce((t, re) => t.replace(re, ' '), text);
}

/** The words that may name the palette and the lead: no left-out layer, no ruled-out instrument. */
const instrumentWords = (text: string) => withoutLeftOut(text).replace(RULED_OUT, ' ');

/** "driving" as a musical word: not "driving rain", "driving home". */
const DRIVING = String.raw`driving(?!\s+(?:rain|snow|wind|home|to|through|down|along|past|away|off)\b)`;

const TEMPO_WORDS: Array<{ re: RegExp; bpm: number; word: string }> = [
  { re: /\b(very slow|largo|grave|glacial)\b/i, bpm: 52, word: 'very slow' },
  { re: /\b(very fast|presto|frantic|breakneck|furious)\b/i, bpm: 168, word: 'very fast' },
  { re: /\b(slow|adagio|lento|unhurried)\b/i, bpm: 66, word: 'slow' },
  { re: new RegExp(String.raw`\b(fast|allegro|${DRIVING}|urgent|quick|racing|propulsive)\b`, 'i'), bpm: 140, word: 'fast' },
  { re: /\b(andante|walking|moderate|moderato|medium)\b/i, bpm: 96, word: 'moderate' },
  { re: /\b(lullaby|berceuse)\b/i, bpm: 66, word: 'lullaby' },
];

/** Dance and song forms that name their metre; an explicit "in 6/8" or "5/4 time" wins over them. */
const METER_WORDS: Array<{ re: RegExp; meter: string }> = [
  { re: /\b(waltz(?:es)?|valse|minuet|mazurka|polonaise)\b/i, meter: '3/4' },
  { re: /\b(jigs?|tarantella|barcarolle|siciliana)\b/i, meter: '6/8' },
];
/**
 * A metre of 2–12 beats of halves, quarters, eighths or sixteenths, where the words say it is one: "in 7/8",
 * "5/4 time", "a 6/8 feel", or a clause of its own (", 12/8,") — not "scene 3/4 of the reel", "take 2/4", a date.
 */
const FRACTION = String.raw`(?<![\d/])(?:[2-9]|1[0-2])\/(?:2|4|8|16)(?![\d/])`;
const METER_RE = new RegExp(String.raw`\bin\s+(${FRACTION})|(${FRACTION})\s+(?:time|metre|meter|feel)\b|(?:^|[,;(]\s*)(${FRACTION})\s*(?=[,;.)]|$)`, 'i');
const meterOf = (text: string) => {
  const m = METER_RE.exec(text);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
};

/**
 * Number words a director writes before a time unit ("two minutes", "thirty-second sting"), as digits, so one
 * reading of times serves both. "a second" is left alone: "a second hit" is an ordinal.
 */
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15,
  twenty: 20, 'twenty-five': 25, thirty: 30, forty: 40, 'forty-five': 45, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const NUMBER_WORD_RE = new RegExp(String.raw`\b(${Object.keys(NUMBER_WORDS).join('|')})(\s*-?\s*)(seconds?|secs?|minutes?|mins?)\b`, 'gi');
function timesAsDigits(text: string): string {
  return text
    .replace(/\b(?:a|one) minute and a half\b/gi, '90 seconds')
    .replace(/\b(two|three|four|five|\d+) and a half minutes\b/gi, (_m, n: string) => `${((NUMBER_WORDS[n.toLowerCase()] ?? Number(n)) + 0.5) * 60} seconds`)
    .replace(/\bhalf a minute\b/gi, '30 seconds')
    .replace(/\ba minute\b/gi, '1 minute')
    .replace(NUMBER_WORD_RE, (_m, w: string, gap: string, unit: string) => `${NUMBER_WORDS[w.toLowerCase()]}${gap}${unit}`);
}

const UNIT_S = String.raw`(?:s|sec|secs|seconds?)`;
const UNIT_M = String.raw`(?:min|mins|minutes?)`;
/**
 * "0:42", "1:12", "01:02:10", "01:02:10:12" (frames dropped), "42 s", "42 seconds", "30-second", "2 minutes",
 * "1 min 30 s" → seconds.
 */
function seconds(t: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?::\d{2})?$/.exec(t);
  if (m) return m[3] !== undefined ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : Number(m[1]) * 60 + Number(m[2]);
  const c = new RegExp(String.raw`^(\d+)\s*-?\s*${UNIT_M}\s*(?:and\s*)?(\d+)\s*-?\s*${UNIT_S}$`, 'i').exec(t);
  if (c) return Number(c[1]) * 60 + Number(c[2]);
  const s = new RegExp(String.raw`^(\d+(?:\.\d+)?)\s*-?\s*(${UNIT_S}|${UNIT_M})$`, 'i').exec(t);
  return s ? Number(s[1]) * (/^m/i.test(s[2]) ? 60 : 1) : undefined;
}
/** A length in units: "90 seconds", "2 minutes", "1 min 30 s", "30-second" (no clock reading: "1:12" alone is a time). */
const SPAN = String.raw`(?:\d+\s*-?\s*${UNIT_M}\s*(?:and\s*)?\d+\s*-?\s*${UNIT_S}|\d+(?:\.\d+)?\s*-?\s*(?:${UNIT_S}|${UNIT_M}))\b`;
const TIME = String.raw`(${SPAN}|\d{1,2}:\d{2}(?::\d{2}){0,2})`;
/**
 * The cue's length when no "for …" / "… long" says it: a span that stands as a clause of its own ("melancholy
 * waltz, 90 seconds, slow"; "about 40 seconds"), one that names the cue ("a 30-second sting", "the five-second
 * stinger") or its content ("two minutes of dread"), or one it is cut to ("trim it to 45 seconds"). A span inside a
 * clause is a part or a point in time ("a 2 second pause before the hit", "the last 10 seconds fade"), and "90s" is
 * a decade as often as a length ("90s synthwave"; "90 s" and "90 seconds" are lengths).
 * Returns the span and where it stands, or undefined.
 */
const CUE_NOUNS = String.raw`(?:cue|sting|stinger|piece|track|loop|spot|ident|bumper|theme|version|edit|underscore|intro|outro|tag|transition|fanfare)s?`;
function bareLength(text: string): { span: string; index: number; length: number } | undefined {
  const spans = [...text.matchAll(new RegExp(String.raw`(?<![\d:.-])(?!\d+s\b)${SPAN}`, 'gi'))];
  const choose = (ok: (before: string, after: string) => boolean) => {
    for (const m of spans) {
      const before = text.slice(0, m.index), after = text.slice(m.index + m[0].length);
      if (ok(before, after)) return { span: m[0], index: m.index, length: m[0].length };
    }
    return undefined;
  };
  const clauseStart = /(?:^|[,;(]|\.\s)\s*(?:(?:about|around|roughly|approximately|some|just over|just under|under|~)\s*)?$/i;
  // "hits at 10 seconds, 20 seconds": the second span continues the list of hit times.
  const listed = new RegExp(String.raw`(?:\bat|@)\s*${SPAN}(?:\s*(?:,|&|and)\s*${SPAN})*\s*(?:,|&|and)\s*$`, 'i');
  const clauseEnd = /^\s*(?:(?:long|total|in total|overall|max|maximum)\b\s*)?(?:[,;.)]|$)/i;
  return (
    choose((b, a) => clauseStart.test(b) && clauseEnd.test(a) && !listed.test(b)) ??
    choose((b, a) => new RegExp(String.raw`^\s*-?\s*${CUE_NOUNS}\b`, 'i').test(a) || /^\s+of\s+[a-z]/i.test(a) && clauseStart.test(b.replace(/\b(?:a|an|the)\s*$/i, ''))) ??
    choose((b) => /\b(?:cut|trim|trimmed|shorten|shortened|edit|edited)(?:\s+(?:it|this|that|down|back))*\s+to\s*$|\b(?:make|keep)\s+it\s+(?:to\s+|under\s+|at\s+)?$/i.test(b))
  );
}
/** A qualifier before a hit time: "at about 0:42". */
const APPROX = String.raw`(?:(?:about|around|roughly|approximately|exactly|precisely|~)\s*)?`;
const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** A hit the cue ends on, without a time: "ends on a big hit", "finishing with a sting", "stinger at the end". */
const END_HIT = /\b(?:ends?|ending|finish(?:es|ing)?) (?:on|with) (?:a |an |the )?((?:big |huge |final |loud |last )?(?:hit|sting(?:er)?|button|slam|crash|stab))\b|\b((?:hit|sting(?:er)?|button|stab)) (?:at|on) the (?:very )?end\b(?!\s+of\b)|\bbutton ending\b/i;
/** "does not end on a hit", "no sting at the end", "without a button ending": the end hit is ruled out. */
const NEGATED_BEFORE = /(?:\b(?:no|not|never|without|nor)|n't)(?:\s+(?!(?:just|only|but|yet)\b)[\w'’-]+){0,3}\s*$/i;

/** Tempo written as a metronome mark or a number: "tempo 120", "q = 96", "♩ = 84", "quarter note = 72". */
const TEMPO_MARK = /(?:\btempo|♩|\bq|\bquarter(?: note)?|\bcrotchet)\s*(?:=|:|of)?\s*(\d{2,3})\b(?!\s*(?:s|sec|secs|seconds?|min|mins|minutes?)\b|:)/i;

const MODE_NAMES = 'major|minor|dorian|phrygian|lydian|mixolydian|locrian|harmonic minor';
/** A written accidental → the one pitch-class spelling uses: "E flat", "F♯", "Bb". */
const ACCIDENTAL = String.raw`(#|♯|b|♭|[ -]flat|[ -]sharp)?`;
/** "in E flat major", "in c minor", "key of G": the tonic after "in" or "key of", any case; the mode optional after "key of". */
const KEY_AFTER_IN = new RegExp(String.raw`\b(?:in|key of)\s+([A-Ga-g])${ACCIDENTAL}(?:\s+(${MODE_NAMES}))?(?![\w#♯♭])(?!\s+key\b)`, 'i');
/** "Bb major, bright", "D dorian": without "in", only a capital letter names a tonic ("a minor setback" names none). */
const KEY_BARE = new RegExp(String.raw`(?<![\w#♯♭])([A-G])${ACCIDENTAL}\s+(${MODE_NAMES.split('|').map((m) => `[${m[0].toUpperCase()}${m[0]}]${m.slice(1)}`).join('|')})(?![\w#♯♭])`);

/** The tonic and mode a direction names, spelled as PITCH_CLASS_NAMES and MODES spell them. */
function readKey(text: string): { key?: (typeof PITCH_CLASS_NAMES)[number]; mode?: (typeof MODES)[number] } {
  const m = KEY_AFTER_IN.exec(text);
  const next = (x: RegExpExecArray) => text.slice(x.index + x[0].length);
  // After "in", a tonic alone counts only as a capital after a lower-case "in", ending its clause ("in C, bright";
  // "in a hurry", "IN A HURRY" and "Fight In A Warehouse" name none).
  const alone = m !== null && /^in\s/.test(m[0]) && /^[A-G]$/.test(m[1]) && /^\s*(?:[,;.)!?]|$)/.test(next(m));
  let hit = m && (m[3] !== undefined || /\bkey of\b/i.test(m[0]) || alone) ? m : KEY_BARE.exec(text);
  // "A major hit at 0:42", "A minor setback": an article, unless the clause ends or names the key there.
  if (hit && hit !== m && hit[1] === 'A' && !hit[2] && !/^\s*(?:[,;.)!?]|$|key\b|scale\b|mode\b|tonality\b)/i.test(next(hit))) hit = null;
  if (!hit) return {};
  const acc = (hit[2] ?? '').trim().replace(/^-/, '').toLowerCase();
  const key = hit[1].toUpperCase() + (acc === '#' || acc === '♯' || acc === 'sharp' ? '#' : acc === 'b' || acc === '♭' || acc === 'flat' ? 'b' : '');
  const mode = hit[3]?.toLowerCase().replace(' ', '-');
  if (!(PITCH_CLASS_NAMES as readonly string[]).includes(key)) return {};
  if (mode !== undefined && !(MODES as readonly string[]).includes(mode)) return {};
  return { key: key as (typeof PITCH_CLASS_NAMES)[number], ...(mode ? { mode: mode as (typeof MODES)[number] } : {}) };
}

/**
 * Whether the text says one of the words of `re` (global) outright: not after a negation within three words ("not
 * tense", "no fight") nor after `unless` (the words before it that undo it).
 */
function said(re: RegExp, text: string, unless?: RegExp): boolean {
  for (const m of text.matchAll(re)) {
    const before = text.slice(0, m.index);
    if (NEGATED_BEFORE.test(before) || unless?.test(before)) continue;
    return true;
  }
  return false;
}

/** "0:42" is a clock time, "42 seconds" a span: a list of hit times keeps one notation. */
const isClock = (t: string) => /^\d{1,2}:\d{2}/.test(t);
/**
 * The further times of a list that follows a hit time ("…at 0:10, 0:25 and 0:40"; "…at 10 s, 20 s"), in the first
 * time's notation: "at 0:42, 90 seconds" is a hit and a length, not two hits.
 */
function listedTimes(after: string, first: string): number[] {
  const out: number[] = [];
  const next = new RegExp(String.raw`^\s*(?:,|&|\band\b|\bthen\b)\s*(?:(?:and|then)\s+)?(?:(?:at|@)\s*)?${TIME}(?![\w:])`, 'i');
  for (let m = next.exec(after); m && isClock(m[1].trim()) === isClock(first); m = next.exec(after)) {
    const t = seconds(m[1].trim());
    if (t === undefined) break;
    out.push(t);
    after = after.slice(m[0].length);
  }
  return out;
}

/** Instrument nouns a timbre word may describe ("bright strings", "warm pads"). */
const INSTRUMENT_NOUNS = String.raw`(?:piano|keys|strings|violins?|violas?|cellos?|basses|bass|brass|horns?|trumpets?|trombones?|tubas?|woodwinds?|flutes?|clarinets?|oboes?|bassoons?|winds|choir|voices|harp|pads?|synths?|drones?|guitars?|drums?|percussion|timpani|bells|organ|celesta|sound|tone|timbre)\b`;

/** "sad but hopeful", "tense, yet tender": the clause after the contrast word leads. */
const CONTRAST = /\b(?:but|yet|though|although)\b/i;
/**
 * The mood of a direction's words. With one contrast ("sad but hopeful") each side is read on its own and the second
 * weighs three times the first — VADER's contrast rule (Hutto & Gilbert 2014: sentiment before "but" ×0.5, after
 * ×1.5) — so a bittersweet direction is not read as the darker of its words (the sentence model reads "sad but
 * hopeful" −0.63, "sad" −0.97 and "hopeful" +0.63).
 */
function contrastedAffect(text: string, model: TextModel): { valence: number; arousal: number; threat: number } {
  const parts = text.split(CONTRAST);
  if (parts.length === 2 && parts.every((p) => /[A-Za-z]{3}/.test(p))) {
    const [a, b] = parts.map((p) => moodOf(p, model));
    // "triumphant, but tinged with grief": a softened second clause colours the first instead of leading.
    const second = new RegExp(String.raw`^\s*(?:${SOFTENERS})\b`, 'i').test(parts[1]) ? 0.35 : 0.75;
    const mix = (x: number, y: number) => (1 - second) * x + second * y;
    return { valence: mix(a.valence, b.valence), arousal: mix(a.arousal, b.arousal), threat: mix(a.threat, b.threat) };
  }
  return moodOf(text, model);
}

/** The mood adjectives a text says outright (a negated "not tense" is not said). */
const statedMoods = (text: string) => moodWordsIn(text, (i) => !NEGATED_BEFORE.test(text.slice(0, i)));

/** Degree words before a mood word: "slightly ominous" counts less, "deeply sad" more. */
const SOFTENERS = 'slightly|a little|a bit|a touch|a hint|a tinge|tinged with|tinged|somewhat|faintly|mildly|vaguely';
const SOFTENED = new RegExp(String.raw`\b(?:${SOFTENERS})(?:\s+of)?\s+(?:[\w'’-]+\s+)?$`, 'i');
const STRESSED = /\b(?:very|deeply|extremely|mostly|utterly|profoundly|intensely|really|so)\s+$/i;

/**
 * One clause's mood: the sentence model's reading, led by the music-mood adjectives it holds (mood-words.ts). The
 * adjectives' mean position (weighted by degree words) leads in proportion to how much of the clause they are: up to
 * 80 % of valence, arousal and tension when they are at least half its content words ("tense suspense"), less when
 * one adjective sits in a described scene ("a killer stalks her through the warm house"). Negated adjectives count
 * for nothing; the sentence model's threat is kept where it is higher.
 */
function moodOf(text: string, model: TextModel): { valence: number; arousal: number; threat: number } {
  const e = elementAffect(text, 'action', model, new Set());
  const moods = statedMoods(text);
  if (!moods.length) return { valence: e.valence, arousal: e.arousal, threat: e.threat };
  const content = Math.max(1, (text.match(/[A-Za-z][A-Za-z'’-]+/g) ?? []).filter((w) => w.length >= 3 && model.isContentWord(w.toLowerCase())).length);
  const lead = 0.8 * Math.min(1, (2 * moods.length) / content);
  const degree = (m: MoodWord) => (SOFTENED.test(text.slice(0, m.index)) ? 0.4 : STRESSED.test(text.slice(0, m.index)) ? 1.5 : 1);
  // Per axis: the words' degree-weighted mean and its share (a softened word leads less; at most `lead`).
  const axis = (k: 'valence' | 'arousal' | 'tension') => {
    const voting = moods.filter((m) => m[k] !== null);
    if (!voting.length) return undefined;
    const weight = voting.reduce((w, m) => w + degree(m), 0);
    return { mean: voting.reduce((sum, m) => sum + degree(m) * m[k]!, 0) / weight, share: lead * Math.min(1, weight / voting.length) };
  };
  const mix = (k: 'valence' | 'arousal', own: number) => {
    const x = axis(k);
    return x ? x.share * x.mean + (1 - x.share) * own : own;
  };
  // Tension is the words' when they are the clause (the sentence model reads no tension of its own; its threat
  // evidence of a bare "hopeful" is noise), else the higher of the two readings, the words' in proportion.
  const t = axis('tension');
  const threat = !t ? e.threat : t.share >= 0.8 ? t.mean : Math.max(e.threat, (t.share / 0.8) * t.mean + (1 - t.share / 0.8) * e.threat);
  return { valence: mix('valence', e.valence), arousal: mix('arousal', e.arousal), threat };
}

export function readDirection(text: string, model: TextModel): DirectionReading {
  if (text.length > LIMITS.directionChars) {
    throw limitError('LM_ERR_BAD_OPTION', `the direction is ${text.length} characters; a direction is at most ${LIMITS.directionChars}`, 'write the cue\'s direction in a sentence or two (mood, instruments, tempo, hits, length)');
  }
  const understood: string[] = [];
  const clean = timesAsDigits(text.replace(/\s+/g, ' ').trim());

  // Length first, so "60 seconds long" is not read as a hit: a stated length ("for 60 seconds", "1:30 long"),
  // else a span standing on its own ("90 seconds", "a 30-second sting").
  let duration: number | undefined;
  const lenRe = new RegExp(String.raw`(?:\b(?:for|lasting|length|duration|runs?)\s*:?\s*${TIME})|(?:${TIME}\s*(?:long|in length|cue)\b)`, 'i');
  const stated = lenRe.exec(clean);
  const lm = stated ? { span: (stated[1] ?? stated[2]).trim(), index: stated.index, length: stated[0].length } : bareLength(clean);
  let rest = clean;
  if (lm) {
    duration = seconds(lm.span.trim());
    rest = `${clean.slice(0, lm.index)} ${clean.slice(lm.index + lm.length)}`;
  }

  // Hits: "<label> at <time>" — the label is the few words before "at" in the same clause.
  const hits: Array<{ time: number; label: string; salience: number }> = [];
  const hitRe = new RegExp(String.raw`([^,;.]*?)\s*(?:\bat|@)\s*${APPROX}${TIME}`, 'gi');
  // "a hit 10 seconds in", "30 seconds in, the door slams": a span from the start is a time too.
  const inRe = new RegExp(String.raw`([^,;.]*?)\s*(?<!(?:\bat|@)\s*${APPROX})(?<![\d:.-])(${SPAN})\s+in\b(?!\s+(?:length|total)\b)`, 'gi');
  for (const m of [...rest.matchAll(hitRe), ...rest.matchAll(inRe)]) {
    const t = seconds(m[2].trim());
    if (t === undefined) continue;
    const label = m[1].trim().replace(/^hits$/i, 'hit').replace(/^.*\b(?:builds?|building|swells?|rises?|climbs?|leads?|goes?)\s+(?:up\s+)?(?:to|into|toward|towards)\s+/i, '').replace(/^\s*(?:and|then|with)\s+/i, '').replace(/^(?:a|an|the)\s+/i, '').trim() || 'hit';
    const salience = /\b(big|huge|massive|slam|explosion|hit|sting|hits)\b/i.test(label) ? 0.9 : 0.75;
    // "hits at 0:10, 0:25 and 0:40": a list of times in the same notation as the first is one hit each.
    const times = [t, ...listedTimes(rest.slice((m.index ?? 0) + m[0].length), m[2].trim())];
    for (const time of times) {
      if (hits.some((h) => h.time === time)) continue; // "a hit at 10 seconds in" is one hit
      hits.push({ time, label: label.slice(0, 80), salience });
    }
  }
  hits.sort((a, b) => a.time - b.time);
  let lastHit = hits.length ? hits[hits.length - 1].time : 0;
  if (duration === undefined) duration = hits.length ? Math.ceil(lastHit + 8) : 60;
  if (hits.some((h) => h.time > duration!)) duration = Math.ceil(lastHit + 4);
  // "ends on a big hit", "sting at the end", "button ending": a hit one second before the end, so it lands and rings.
  const end = END_HIT.exec(rest);
  if (end && !NEGATED_BEFORE.test(rest.slice(0, end.index)) && !hits.some((h) => h.time >= duration! - 2)) {
    const label = (end[1] ?? end[2] ?? 'button').toLowerCase();
    hits.push({ time: Math.max(0.5, duration - 1), label, salience: 0.9 });
    lastHit = hits[hits.length - 1].time;
  }
  understood.push(`length ${clock(duration)}${lm ? '' : hits.length ? ' (8 s past the last hit; say "60 seconds long" to set it)' : ' (default; say "90 seconds" to set it)'}`);
  if (hits.length) understood.push(`hits: ${hits.map((h) => `${h.label} at ${clock(h.time)}`).join(', ')}`);

  // Emotion: the mood words through the affect model (musical words are not moods: dropped before reading).
  let moodText = rest
    .replace(new RegExp(String.raw`(?:\bat|@)\s*${APPROX}${TIME}`, 'gi'), ' ')
    .replace(/\b\d+\s*bpm\b/gi, ' ')
    .replace(new RegExp(KEY_AFTER_IN.source, 'gi'), ' ')
    .replace(new RegExp(KEY_BARE.source, 'g'), ' ')
    .replace(new RegExp(TEMPO_MARK.source, 'gi'), ' ')
    .replace(/\bunder (?:the )?dialogue\b/gi, ' ')
    .replace(/\b(?:low|high|solo|full|with|and)\b/gi, ' ');
  moodText = withoutLeftOut(moodText);
  // Timbre and size words before an instrument describe its sound, not the mood: "grand piano", "bright strings",
  // "heavy drums", "warm pads", "heavy metal", "drum-heavy".
  moodText = moodText
    .replace(new RegExp(String.raw`\b(?:grand|heavy|bright|warm|light|deep|soft|big|fat|thick)\s+(?=${INSTRUMENT_NOUNS})`, 'gi'), ' ')
    .replace(/\bheavy metal\b|\b(?:drum|bass|synth|guitar)-heavy\b/gi, ' ');
  // An instrument named is a pause in the mood's words (", "): "no brass and very sad" negates the brass, not the sadness.
  for (const p of PALETTE) moodText = moodText.replace(p.re, ', ');
  const { valence: v0, arousal: a0, threat: t0 } = contrastedAffect(moodText, model);
  // The mood adjectives that led the reading, for the user to check (negated ones did not).
  const moodWordsRead = statedMoods(moodText).map((m) => m.word);
  let valence = v0, arousal = a0, tension = clamp(t0, 0, 1);
  // Explicit musical words about energy the sentence model does not know as moods. A calm word caps tension and a
  // quiet one arousal only when no word asks for the opposite ("a lullaby, but dark and menacing" stays tense).
  const tenseWord = said(/\b(suspense|suspenseful|tense|tension|menace|menacing|dread|ominous|foreboding|danger|threat|sinister|eerie|creepy)\b/gi, moodText);
  // Game and film cue words: a fight or a chase is aroused and tense whatever its words' sentiment — not one that
  // is over, ruled out or a game ("after the battle", "no fight", "a pillow fight"), nor a boss without a fight.
  const fight = said(/\b(battle|fight|fighting|combat|chase|boss (?:fight|battle)|skirmish|duel|showdown|ambush)\b(?!\s+(?:is|was)\s+over\b)/gi, moodText, /\b(?:after|over|post|no|not|without|pillow|food|snowball|water|mock|play)\s+(?:the\s+|a\s+)?$/i);
  // Lively words and dances move the music (arousal 0.4); big ones drive it (0.6).
  const lively = said(/\b(upbeat|energetic|bouncy|peppy|perky|lively|sprightly|jigs?|hoedown|polka|tarantella)\b/gi, moodText);
  const big = said(new RegExp(String.raw`\b(epic|huge|massive|frantic|furious|intense|explosive|triumphant|${DRIVING})\b`, 'gi'), moodText);
  const energy = lively || big;
  if (tenseWord) tension = Math.max(tension, 0.7);
  if (fight) {
    arousal = Math.max(arousal, 0.6);
    tension = Math.max(tension, 0.55);
  }
  // Energy raises arousal only; how bright the music is stays the model's ("a sad jig").
  if (energy) arousal = Math.max(arousal, big ? 0.6 : 0.4);
  if (!tenseWord && !fight && said(/\b(calm|peaceful|serene|gentle|resolved|relaxed|lullaby|dreamy)\b/gi, moodText)) tension = Math.min(tension, 0.15);
  if (!fight && !energy && said(/\b(quiet|soft|hushed|still|sparse|delicate|tender|intimate|lullaby|dreamy|lilting)\b/gi, moodText)) arousal = Math.min(arousal, -0.25);
  const pace = TEMPO_WORDS.find((t) => t.re.test(clean));
  if (pace && pace.bpm <= 66) arousal = Math.min(arousal, -0.1);
  if (pace && pace.bpm >= 140) arousal = Math.max(arousal, 0.4);
  valence = r2(valence);
  arousal = r2(arousal);
  tension = r2(tension);

  // Shape: a build toward the (last) hit or the end; a fade at the end.
  const builds = /\b(builds?|building|swells?|crescendo|rises?|rising|climbs?|escalat\w*|grows?)\b/i.test(clean);
  const fades = /\b(fades?|fading|dies away|dying away|decrescendo|resolves?|settles?|release[sd]?)\b/i.test(clean);
  let curve: Array<{ at: number; valence: number; arousal: number; tension: number }> | undefined;
  if (builds || fades) {
    const peakAt = builds && hits.length ? clamp(lastHit / duration, 0.2, 1) : 1;
    const low = { valence, arousal: clamp(arousal - 0.45, -1, 1), tension: clamp(tension - 0.35, 0, 1) };
    const high = { valence, arousal: clamp(arousal + 0.25, -1, 1), tension: clamp(tension + 0.2, 0, 1) };
    const pts = builds ? [{ at: 0, ...low }, { at: peakAt, ...high }] : [{ at: 0, valence, arousal, tension }];
    if (fades) pts.push({ at: 1, valence, arousal: clamp(arousal - 0.5, -1, 1), tension: clamp(tension - 0.5, 0, 1) });
    else if (peakAt < 1) pts.push({ at: 1, ...high, tension: clamp(high.tension - 0.2, 0, 1) });
    curve = pts.map((p) => ({ at: r2(p.at), valence: r2(p.valence), arousal: r2(p.arousal), tension: r2(p.tension) }));
  }
  understood.push(
    `emotion: valence ${valence.toFixed(2)}, arousal ${arousal.toFixed(2)}, tension ${tension.toFixed(2)}` +
      (curve ? (builds ? `; builds${hits.length ? ` to ${clock(lastHit)}` : ' to the end'}${fades ? ', then fades' : ''}` : '; fades out') : '') +
      (moodWordsRead.length ? ` (mood words: ${[...new Set(moodWordsRead)].join(', ')})` : ''),
  );

  // Palette → style: most instrument words wins; none → orchestral. Layers left out ("no drums") name no palette.
  const instruments = instrumentWords(clean);
  let style: Style = 'orchestral';
  let bestN = 0;
  const words: string[] = [];
  const orchestral = [...instruments.matchAll(PALETTE[PALETTE.length - 1].re)].length > 0;
  for (const p of PALETTE) {
    let found = [...instruments.matchAll(p.re)].map((m) => m[0].toLowerCase());
    // An orchestra has drums too: "brass and drums" is an orchestral request, not a band.
    if (p.style === 'rock' && orchestral) found = found.filter((w) => w !== 'drums');
    if (found.length > bestN) {
      bestN = found.length;
      style = p.style;
    }
    words.push(...found);
  }
  understood.push(words.length ? `style ${style} (from: ${[...new Set(words)].join(', ')})` : "style not named (the spec file's, else orchestral)");

  // Orchestration: the first lead word of the chosen palette, and the layers the text leaves out.
  const asked = readOrchestration(clean, style);
  const orchestration = asked.lead || asked.avoid.length ? { ...(asked.lead ? { lead: asked.lead } : {}), avoid: asked.avoid } : undefined;
  understood.push(...asked.understood);

  // The style only when an instrument or palette word named it: "tense" alone keeps a spec file's palette.
  const spec: DirectionReading['spec'] = { duration, emotion: { valence, arousal, tension, ...(curve ? { curve } : {}) }, ...(words.length ? { style } : {}), ...(orchestration ? { orchestration } : {}) };
  if (hits.length) spec.hits = hits;

  const bpm = /\b(\d{2,3})\s*bpm\b/i.exec(clean) ?? TEMPO_MARK.exec(clean);
  const tw = pace;
  if (bpm && Number(bpm[1]) >= 30 && Number(bpm[1]) <= 300) {
    spec.tempo = Number(bpm[1]);
    understood.push(`tempo ${spec.tempo} bpm`);
  } else if (tw) {
    spec.tempo = tw.bpm;
    understood.push(`tempo ${tw.bpm} bpm ("${tw.word}")`);
  }

  const written = meterOf(clean);
  const dance = written ? undefined : METER_WORDS.find((m) => m.re.test(clean));
  const meter = written ?? dance?.meter;
  if (meter) {
    spec.meter = meter;
    understood.push(`metre ${meter}${dance ? ` ("${dance.re.exec(clean)![0].toLowerCase()}")` : ''}`);
  }

  const named = readKey(clean);
  if (named.key) {
    spec.key = named.key;
    if (named.mode) spec.mode = named.mode;
    understood.push(`key ${named.key}${named.mode ? ` ${named.mode}` : ' (mode from the emotion)'}`);
  } else {
    // "in a minor key", "major, bright": a mode word that ends its clause or names the tonality, not "a major hit".
    const mm = /\b(major|minor)\b(?=\s*(?:[,;.)!?]|$|key\b|mode\b|tonality\b|scale\b|feel\b|chords?\b|harmon(?:y|ies)\b))/i.exec(clean);
    if (mm) {
      spec.mode = mm[1].toLowerCase() as 'major' | 'minor';
      understood.push(`mode ${spec.mode}`);
    }
  }
  if (/\bunder (?:the )?dialogue\b/i.test(clean)) {
    spec.underDialogue = true;
    understood.push('under dialogue (thin texture, out of the voice register)');
  }
  return { spec, understood, palette: [...new Set(words)] };
}

/**
 * The orchestration words of a direction for a palette: the first lead word the palette has (DIRECTED_LEADS) and
 * the layers left out ("no percussion"), with what was understood. Used by `readDirection` and by the studio's
 * per-cue direction box.
 * @example readOrchestration('low strings, no percussion', 'orchestral') // { lead: 'cellos', avoid: ['drums', 'timpani'], understood: [...] }
 */
export function readOrchestration(text: string, style: Style): { lead?: string; avoid: AvoidableLayer[]; understood: string[] } {
  const avoided = AVOID_WORDS.filter((a) => a.re.test(text));
  const instruments = instrumentWords(text);
  const hit = LEAD_WORDS.filter((l) => l.style === style)
    .map((l) => ({ l, m: l.re.exec(instruments) }))
    .filter((x): x is { l: (typeof LEAD_WORDS)[number]; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => a.m.index - b.m.index)[0];
  const understood: string[] = [];
  if (hit) understood.push(`lead: ${directedLead(style, hit.l.lead)?.name} (from "${hit.m[0].toLowerCase()}")`);
  if (avoided.length) understood.push(`left out: ${avoided.map((a) => a.word).join(', ')}`);
  return { ...(hit ? { lead: hit.l.lead } : {}), avoid: [...new Set(avoided.flatMap((a) => a.layers))], understood };
}

/**
 * A cue spec (plain object, to be validated with parseCueSpec) from a direction and an optional base spec.
 * `baseWins`: the base's own fields win (a spec file's `direction` field fills only what the file leaves out);
 * otherwise the direction wins (`--direction` on the command line overrides the file it is given with).
 */
export function mergeDirection(base: Record<string, unknown> | undefined, reading: DirectionReading, baseWins: boolean): Record<string, unknown> {
  const { direction: _d, ...rest } = base ?? {};
  const merged = baseWins ? { ...reading.spec, ...rest } : { ...rest, ...reading.spec };
  if (rest.bars !== undefined && !baseWins) delete merged.bars; // the direction's length replaces the file's
  // A lead belongs to its palette: whichever side it came from, a lead the final palette lacks gives way (the
  // left-out layers stay), so a valid file and a valid direction always merge into a valid spec.
  const orch = merged.orchestration as { lead?: string; avoid?: AvoidableLayer[] } | undefined;
  const finalStyle = (typeof merged.style === 'string' ? merged.style : 'orchestral') as Style;
  if (typeof orch?.lead === 'string' && !directedLead(finalStyle, orch.lead)) merged.orchestration = { avoid: orch.avoid ?? [] };
  return { seed: 1, ...merged };
}
