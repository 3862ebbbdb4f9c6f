import { describe, expect, it } from 'vitest';
import { parseCueSpec, resolveCue } from '../cue/index.js';
import { mergeDirection, readDirection } from './direction-text.js';
import { loadTextModel } from './node.js';
import { moodWords } from '../plan/cue-description.js';
import { emotionLabel } from '../plan/cue-table.js';

const model = loadTextModel();
const spec = (text: string) => parseCueSpec(mergeDirection(undefined, readDirection(text, model), false));

describe('free-text direction → cue spec', () => {
  it('"tense suspense, low strings, builds to a hit at 0:42": dark, tense, orchestral, a hit at 42 s, a build to it', () => {
    const r = readDirection('tense suspense, low strings, builds to a hit at 0:42', model);
    const s = parseCueSpec(mergeDirection(undefined, r, false));
    expect(s.emotion.valence).toBeLessThan(-0.2);
    expect(s.emotion.tension).toBeGreaterThanOrEqual(0.6);
    expect(s.style).toBe('orchestral');
    expect(s.hits.map((h) => h.time)).toEqual([42]);
    expect(s.duration).toBeGreaterThan(42);
    const curve = s.emotion.curve!;
    const peak = curve.reduce((a, b) => (b.tension + b.arousal > a.tension + a.arousal ? b : a));
    expect(peak.at).toBeCloseTo(42 / s.duration!, 2);
    expect(curve[0].tension).toBeLessThan(peak.tension);
    expect(r.understood.join('\n')).toMatch(/hit at 0:42/);
    // The resolver catches the hit: the spec is composable as is.
    expect(resolveCue(s).timing.hits[0].caught).toBe(true);
  });

  it('reads palette, tempo, key, length, dialogue and named hits', () => {
    const joy = spec('joyful celebration, full orchestra with brass, fast, 90 seconds long');
    expect(joy.emotion.valence).toBeGreaterThan(0.4);
    expect(joy.emotion.arousal).toBeGreaterThan(0.3);
    expect(joy.tempo).toBe(140);
    expect(joy.duration).toBe(90);
    const grief = spec('grief, solo piano, slow, in D minor, fades out');
    expect(grief.style).toBe('piano');
    expect([grief.key, grief.mode]).toEqual(['D', 'minor']);
    expect(grief.emotion.valence).toBeLessThan(-0.4);
    expect(grief.emotion.curve!.at(-1)!.arousal).toBeLessThan(grief.emotion.curve![0].arousal);
    const dread = spec('creeping dread, dark synth drones, the door slam at 1:12, under dialogue');
    expect(dread.style).toBe('ambient');
    expect(dread.hits).toEqual([{ time: 72, label: 'door slam', salience: 0.9 }]);
    expect(dread.underDialogue).toBe(true);
    expect(spec('8-bit chiptune, happy and bouncy, 150 bpm')).toMatchObject({ style: 'chiptune', tempo: 150 });
    expect(spec('a long build to the sting at 00:01:10').hits[0]).toMatchObject({ time: 70, label: 'sting' });
    // Times are from the start of the cue: an hour in is beyond any cue, and says so.
    expect(() => spec('a hit at 01:02:10')).toThrow(/longest cue/);
  });

  it('--direction wins over a spec file; a spec\'s own "direction" field only fills what the file leaves out', () => {
    const r = readDirection('grief, solo piano, slow', model);
    const base = { duration: 30, style: 'rock', emotion: { valence: 0.5, arousal: 0.5 }, seed: 7 };
    expect(parseCueSpec(mergeDirection(base, r, false))).toMatchObject({ style: 'piano', seed: 7, tempo: 66 });
    const filled = parseCueSpec(mergeDirection({ ...base, direction: 'grief, solo piano, slow' }, r, true));
    expect(filled).toMatchObject({ style: 'rock', duration: 30, tempo: 66 });
    expect(filled.emotion.valence).toBe(0.5);
  });
});

describe('music-mood words (mood-words.ts) and the planner\'s own words read back', () => {
  const MOODS: Array<[string, (e: { valence: number; arousal: number; tension: number }) => boolean]> = [
    ['dark', (e) => e.valence < -0.2 && e.tension >= 0.4],
    ['somber', (e) => e.valence < -0.3 && e.arousal < 0],
    ['grief', (e) => e.valence < -0.5 && e.arousal < 0],
    ['ominous', (e) => e.valence < -0.2 && e.tension >= 0.6],
    ['melancholic', (e) => e.valence < -0.3],
    ['victorious', (e) => e.valence > 0.3 && e.arousal > 0.3],
    ['bittersweet', (e) => Math.abs(e.valence) < 0.2],
    ['hopeful', (e) => e.valence > 0.3 && e.tension < 0.2],
    ['ethereal', (e) => e.arousal < 0],
    ['mysterious', (e) => e.tension >= 0.45],
    ['not tense, warm', (e) => e.tension < 0.3 && e.valence > 0.2],
    // An adjective in a described scene colours it; it does not replace it.
    ['a killer stalks her through the warm house', (e) => e.valence < 0 && e.tension >= 0.6],
    ['the monster crawls out of the grand hall', (e) => e.valence < 0 && e.tension >= 0.5],
    // Timbre and size words describe the sound: the mood is the other words'.
    ['grand piano, sad and reflective', (e) => e.valence < -0.3],
    ['bright strings, tragic', (e) => e.valence < -0.4],
    ['heavy metal guitars, angry', (e) => e.arousal > 0.5],
    ['warm pads, uneasy', (e) => e.tension >= 0.45],
    ['dark and epic', (e) => e.valence < -0.2 && e.arousal > 0.3],
    ['sinister and grand', (e) => e.valence < -0.2 && e.tension >= 0.6],
    ['solemn funeral', (e) => e.valence <= -0.3],
    ['driving rain, lonely piano', (e) => e.valence < -0.4 && e.arousal < 0.2],
    // Hyphens join words; a negation stops at an instrument named in between.
    ['sad-eyed clown, playful', (e) => e.valence > 0.2],
    ['no brass and very sad', (e) => e.valence < -0.5],
    // Degree words.
    ['slightly hopeful, mostly somber', (e) => e.valence < -0.2],
    ['triumphant, but tinged with grief', (e) => e.valence > 0 && e.arousal > 0.3],
  ];
  it.each(MOODS)('%j reads as a composer means it', (text, ok) => {
    const e = spec(text).emotion;
    expect(ok(e), JSON.stringify(e)).toBe(true);
  });
  it('says which mood words it read, and not the negated ones', () => {
    const line = readDirection('somber, not tense, low strings', model).understood.find((l) => l.startsWith('emotion:'))!;
    expect(line).toMatch(/\(mood words: somber\)$/);
    expect(readDirection('low strings', model).understood.join('\n')).not.toMatch(/mood words/);
  });
  it('slightly ominous is less ominous than very ominous', () => {
    expect(spec('slightly ominous').emotion.valence).toBeGreaterThan(spec('very ominous').emotion.valence + 0.1);
  });

  // What the cue sheet writes ("tense suspense", "quiet unease", "grief"…) a direction must read back into the same
  // region: a music editor can copy a cue's description into --direction and get that cue's kind of music.
  it('reads every cue-sheet mood description back into its emotion region', () => {
    const misses: string[] = [];
    for (const v of [-0.9, -0.6, -0.3, 0, 0.3, 0.6, 0.9]) for (const a of [-0.9, -0.6, -0.3, 0, 0.3, 0.6, 0.9]) for (const t of [0.1, 0.5, 0.8]) {
      const affect = { valence: v, arousal: a, tension: t };
      const back = spec(moodWords(affect)).emotion;
      if (emotionLabel(back) !== emotionLabel(affect)) misses.push(`${moodWords(affect)} → ${emotionLabel(back)}`);
    }
    expect(misses).toEqual([]);
  });
});

describe('lengths, times and metres as a director writes them', () => {
  const LENGTHS: Array<[string, number, number[]]> = [
    // text, cue length (s), hit times (s)
    ['melancholy solo piano waltz in D minor, 90 seconds, slow', 90, []],
    ['upbeat chiptune boss fight, 150 bpm, 1 minute', 60, []],
    ['grief, two minutes', 120, []],
    ['a 30-second sting, brass', 30, []],
    ['five-second stinger', 5, []],
    ['1 min 30 s, grief', 90, []],
    ['caper with celesta, one minute and thirty seconds', 90, []],
    ['half a minute of dread', 30, []],
    ['tense, 2 min', 120, []],
    // Points in time are not lengths: the length follows the last hit.
    ['a hit 10 seconds in', 18, [10]],
    ['builds to a hit at 42 seconds', 50, [42]],
    ['the last 10 seconds fade out', 60, []],
    ['fades out over 20 seconds', 60, []],
    ['a hit at 1 minute', 68, [60]],
    // "90s" is a decade as often as a length.
    ['90s synthwave', 60, []],
    ['for 45s, tense', 45, []],
    // A span inside a clause is a part of the cue; the clause of its own is the length.
    ['a 2 second pause before the hit, 40 seconds', 40, []],
    ['a 4-second riser into the slam at 0:20, 30 seconds', 30, [20]],
    ['a 10 second fade at the end, 60 seconds', 60, []],
    ['about 40 seconds, tense', 40, []],
    ['cut down to 30 seconds', 30, []],
    ['trim it to 45 seconds', 45, []],
    ['the 30-second sting', 30, []],
    ['two and a half minutes, grief', 150, []],
    ['twenty-five seconds', 25, []],
    // Points in time with a qualifier, "@", or written twice are one hit each.
    ['at about 42 seconds a door slams', 50, [42]],
    ['slam @ 30 seconds', 38, [30]],
    ['a hit at 10 seconds in', 18, [10]],
    ['a hit at 20 seconds; 20 seconds', 20, [20]],
    // A list of hit times in one notation is one hit each; a span after a clock time is the length.
    ['hits at 0:10, 0:25 and 0:40', 48, [10, 25, 40]],
    ['hits at 10 seconds, 20 seconds, 30 seconds', 38, [10, 20, 30]],
    ['builds to a hit at 0:42, 90 seconds', 90, [42]],
    ['slams at 0:12 and 0:30, tense', 38, [12, 30]],
    ['at 0:05, 0:10, 0:15, 0:20, 1 minute', 60, [5, 10, 15, 20]],
    // Not end hits.
    ['it does not end on a hit', 60, []],
    ['no hit at the end', 60, []],
    ['a stab at the end of each phrase', 60, []],
  ];
  it.each(LENGTHS)('%j → %i s long, hits at %j', (text, duration, hits) => {
    const s = spec(text);
    expect(s.duration).toBe(duration);
    expect(s.hits.map((h) => h.time)).toEqual(hits);
  });

  const METRES: Array<[string, string | undefined]> = [
    ['a melancholy waltz', '3/4'],
    ['a jig for the tavern scene, flutes and fiddles', '6/8'],
    ['caper in 7/8 with celesta', '7/8'],
    ['vibraphone noir, slow, 3/4 time', '3/4'],
    ['a waltz, but in 6/8', '6/8'],
    ['tense, 3/4/2025 draft', undefined],
    ['tense suspense, low strings', undefined],
    ['a 6/8 feel', '6/8'],
    ['tense, 12/8, dark', '12/8'],
    ['scene 3/4 of the reel', undefined],
    ['take 2/4, tense', undefined],
  ];
  it.each(METRES)('%j → metre %s', (text, meter) => {
    const s = spec(text);
    if (meter) expect(s.meter).toBe(meter);
    else expect(s.meter).toBeUndefined();
    if (meter) expect(resolveCue(s).meter.join('/')).toBe(meter);
  });

  const KEYS: Array<[string, string | undefined, string | undefined]> = [
    // text, tonic, mode
    ['grief, solo piano, in D minor', 'D', 'minor'],
    ['in E flat major, warm', 'Eb', 'major'],
    ['in F sharp minor', 'F#', 'minor'],
    ['Bb major, bright', 'Bb', 'major'],
    ['D dorian, mysterious', 'D', 'dorian'],
    ['in D harmonic minor', 'D', 'harmonic-minor'],
    ['in c minor', 'C', 'minor'],
    ['key of G, hopeful', 'G', undefined],
    ['in C, bright', 'C', undefined],
    // Articles are not tonics.
    ['in a hurry, fast', undefined, undefined],
    ['in a minor key, sad', undefined, 'minor'],
    ['in C#, bright', 'C#', undefined],
    ['key of F#', 'F#', undefined],
    ['in B♭, warm', 'Bb', undefined],
    ['A minor, sad', 'A', 'minor'],
    ['in A, bright', 'A', undefined],
    ['A major hit at 0:42', undefined, undefined],
    ['A minor setback, wistful', undefined, undefined],
    ['FAST, IN A HURRY', undefined, undefined],
    ['Fight In A Warehouse', undefined, undefined],
  ];
  it.each(KEYS)('%j → key %s, mode %s', (text, key, mode) => {
    const s = spec(text);
    expect(s.key).toBe(key);
    expect(s.mode).toBe(mode);
  });

  it('reads metronome marks and hits the cue ends on', () => {
    expect(spec('tempo 120, heroic').tempo).toBe(120);
    expect(spec('q = 96, calm').tempo).toBe(96);
    expect(spec('♩ = 84, grief').tempo).toBe(84);
    const button = spec('45 seconds, ends on a big hit');
    expect(button.duration).toBe(45);
    expect(button.hits).toEqual([{ time: 44, label: 'big hit', salience: 0.9 }]);
    expect(spec('sting at the end').hits.map((h) => h.time)).toEqual([59]);
    // A hit already at the end is not doubled.
    expect(spec('builds to a slam at 0:30, ends on the slam, 31 seconds').hits.map((h) => h.time)).toEqual([30]);
    expect(resolveCue(button).timing.hits[0].caught).toBe(true);
  });

  it('a direction is a paragraph, not a script: longer than the documented limit is refused with a hint', () => {
    const long = 'tense suspense, low strings, '.repeat(80).slice(0, 2001);
    expect(() => readDirection(long, model)).toThrow(/2001 characters; a direction is at most 2000/);
    expect(readDirection(long.slice(0, 2000), model).spec.emotion.tension).toBeGreaterThan(0.5);
  });

  it('after "but" the second mood leads: bittersweet is not the darker word', () => {
    const sad = spec('sad').emotion, hopeful = spec('hopeful').emotion, both = spec('sad but hopeful').emotion;
    expect(both.valence).toBeGreaterThan(sad.valence + 0.5);
    expect(both.valence).toBeLessThan(hopeful.valence);
    expect(both.valence).toBeGreaterThan(0);
    const shadow = spec('happy, but with an undercurrent of dread').emotion;
    expect(shadow.valence).toBeLessThan(spec('happy').emotion.valence - 0.5);
    expect(shadow.tension).toBeGreaterThanOrEqual(0.6);
  });

  it('energy words move the music without brightening it; a fight that is over or a game is no fight', () => {
    expect(spec('a sad jig').emotion.valence).toBeLessThan(-0.3);
    expect(spec('a sad jig').emotion.arousal).toBeGreaterThanOrEqual(0.4);
    expect(spec('an upbeat funeral').emotion.valence).toBeLessThan(0);
    for (const text of ['after the battle, grief', 'the fight is over, grief, quiet', 'a pillow fight', "the boss's office, awkward comedy"]) {
      expect(spec(text).emotion.tension).toBeLessThan(0.3);
    }
    expect(spec('the fight is over, grief, quiet').emotion.arousal).toBeLessThanOrEqual(-0.3);
    expect(spec('a lullaby, but dark and menacing').emotion.tension).toBeGreaterThanOrEqual(0.6);
    expect(spec('no drums, tense').emotion.tension).toBeGreaterThanOrEqual(0.6);
    expect(spec('the tempo at 42 seconds doubles').tempo).toBeUndefined();
    expect(spec('summer vibes, happy').style).toBe('orchestral');
    expect(spec('he fiddles with the lock').orchestration?.lead).toBeUndefined();
  });

  it('game and dance words carry their energy; a lullaby is slow and calm', () => {
    const boss = spec('8-bit chiptune boss fight');
    expect(boss.emotion.arousal).toBeGreaterThanOrEqual(0.6);
    expect(boss.emotion.tension).toBeGreaterThanOrEqual(0.5);
    const jig = spec('a jig for the tavern scene');
    expect(jig.emotion.arousal).toBeGreaterThan(0.3);
    expect(jig.emotion.valence).toBeGreaterThan(0.2);
    const lullaby = spec('a lullaby for a music box, gentle and sweet');
    expect(lullaby.tempo).toBeLessThanOrEqual(72);
    expect(lullaby.emotion.arousal).toBeLessThan(0);
    expect(lullaby.emotion.valence).toBeGreaterThan(0.2);
  });
});

describe('instrument words → orchestration (a table of what a director writes)', () => {
  const cases: Array<[string, string, string | undefined, string[]]> = [
    // text, palette, lead, layers left out
    ['tense suspense, low strings, builds to a hit at 0:42', 'orchestral', 'cellos', []],
    ['grief, a solo oboe over strings, no percussion', 'orchestral', 'oboe', ['drums', 'timpani']],
    ['epic battle, brass and drums, 140 bpm', 'orchestral', 'brass', []],
    ['quiet dread, no drums, cellos', 'orchestral', 'cellos', ['drums']],
    ['wistful, clarinet and harp, without choir', 'orchestral', 'clarinet', ['pad']],
    ['warm ambient pads with vibraphone', 'ambient', 'mallets', []],
    ['chiptune chase with square waves', 'chiptune', 'square', []],
    ['hopeful, strings', 'orchestral', undefined, []],
    // A tie keeps the named band or instrument; drums alone do not make a band of an orchestra.
    ['piano and strings, tender', 'piano', undefined, []],
    ['low strings and piano, restrained', 'piano', undefined, []],
    ['guitars and strings', 'rock', 'guitar', []],
    // An instrument ruled out is neither palette nor lead.
    ['no brass, just strings', 'orchestral', undefined, []],
    ['without horns, strings only', 'orchestral', undefined, []],
    ['strings but no violins, cellos lead', 'orchestral', 'cellos', []],
    ['dark, without the drums, cellos', 'orchestral', 'cellos', ['drums']],
    // Colours for a caper, a toy shop, a lullaby; mallets and electric piano are the ambient palette's.
    ['romantic comedy montage, playful pizzicato', 'orchestral', 'pizzicato', []],
    ['a lullaby for a music box', 'orchestral', 'musicBox', []],
    ['wonder, celesta and strings', 'orchestral', 'celesta', []],
    ['glockenspiel sparkle over strings', 'orchestral', 'glockenspiel', []],
    ['a jig, fiddles', 'orchestral', 'strings', []],
    ['marimba, curious', 'ambient', 'mallets', []],
    ['electric piano, mellow', 'ambient', 'keys', []],
  ];
  it.each(cases)('%s → %s, lead %s, without %j', (text, style, lead, avoid) => {
    const s = spec(text);
    expect(s.style).toBe(style);
    expect(s.orchestration?.lead).toBe(lead);
    expect(s.orchestration?.avoid ?? []).toEqual(avoid);
  });

  it('says what it understood, and "no drums" is not a rock band', () => {
    const r = readDirection('quiet dread, no drums, low strings', model);
    expect(r.spec.style).toBe('orchestral');
    expect(r.understood.join('\n')).toMatch(/lead: Cellos \(from "low strings"\)/);
    expect(r.understood.join('\n')).toMatch(/left out: drums/);
  });

  it('a valid file and a valid direction always merge into a valid spec; words with no instrument keep the file\'s palette', () => {
    const file = { duration: 30, emotion: { valence: 0, arousal: 0 }, orchestration: { lead: 'cellos' } };
    const s = parseCueSpec(mergeDirection(file, readDirection('synth pads, dreamy', model), false));
    expect(s.style).toBe('ambient');
    expect(s.orchestration).toEqual({ avoid: [] });
    const rock = parseCueSpec(mergeDirection({ duration: 30, style: 'rock', emotion: { valence: 0, arousal: 0 } }, readDirection('tense', model), false));
    expect(rock.style).toBe('rock');
  });

  it('a spec file whose palette wins keeps the left-out layers but not a lead of another palette', () => {
    const r = readDirection('grief, solo oboe, no percussion', model);
    const s = parseCueSpec(mergeDirection({ duration: 30, style: 'rock', emotion: { valence: -0.5, arousal: 0 }, direction: 'x' }, r, true));
    expect(s.style).toBe('rock');
    expect(s.orchestration).toEqual({ avoid: ['drums', 'timpani'] });
  });
});
