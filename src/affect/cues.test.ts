import { describe, expect, it } from 'vitest';
import { findCues, headingCues } from './cues.js';

const kinds = (text: string, names = new Set<string>(), kind: 'action' | 'dialogue' = 'action') =>
  findCues(text, names, kind).map((c) => `${c.category.name}:${c.text}`);

describe('findCues (screenplay prior layer)', () => {
  it('finds impacts, sounds, reveals and entrances with their offsets', () => {
    const text = 'ELIAS bursts in. BANG! He slams the door and turns to face her.';
    const cues = findCues(text, new Set(['ELIAS']));
    expect(cues.map((c) => c.category.name)).toEqual(['entrance', 'sound', 'impact', 'reveal']);
    const bang = cues[1];
    expect(text.slice(bang.index, bang.end)).toBe('BANG');
    expect(bang.caps && bang.exclaimed).toBe(true);
    expect(cues[0].byCharacter).toBe(true);
  });
  it('does not read character names in capitals as sounds, nor shouted dialogue as a sound effect', () => {
    expect(kinds('MARA! Where are you?', new Set(['MARA']))).toEqual([]);
    expect(kinds('DAD!', new Set(), 'dialogue')).toEqual([]);
    expect(kinds('WHAM!', new Set(), 'action')).toEqual(['sound:WHAM']);
    expect(kinds('THWUMP!', new Set(), 'action')).toEqual(['sound:THWUMP']);
  });
  // Words are looked up in tables keyed by (lower-cased) word: one that names an Object property must read as a plain word.
  it('reads words that name JavaScript object properties as plain words', () => {
    expect(kinds("The constructor's tostring valueof hasownproperty prototype arrives.")).toEqual(['entrance:arrives']);
    expect(kinds('CONSTRUCTOR! toString up.', new Set(), 'action')).toEqual(['sound:CONSTRUCTOR']);
  });
  it('reads a cue written with hyphens by its last part, and a possessive by its word', () => {
    expect(kinds('KA-BOOM!')).toEqual(['sound:KA-BOOM']);
    expect(kinds("The gun's barrel glints.")).toEqual(["danger:gun's"]);
  });
  it('drops negated cues and idioms that are not impacts or entrances', () => {
    expect(kinds('She sits, trying not to panic.')).toEqual([]);
    expect(kinds('The band strikes up a waltz.')).toEqual([]);
    // A flare bursting is a visual hit (impact), but nobody enters.
    expect(kinds('A red flare bursts in the sky.')).toEqual(['impact:bursts']);
    expect(kinds('She bursts into tears.')).toEqual(['grief:tears']);
    expect(kinds('He does not shoot.')).toEqual([]);
  });
  // Negative subjects and quantifiers open a negation scope like "not": the cue after them did not happen.
  it.each([
    ['Nobody cheers.', []],
    ['Nobody dances.', []],
    ['No one applauds.', []],
    ['No-one cheers.', []],
    ['None of them celebrate.', []],
    ['Neither of them dances.', []],
    ['Nor does anyone cheer.', []],
    ['Nothing to celebrate.', []],
    ['They never dance.', []],
    ['Nobody moves. Then the crowd cheers.', ['celebration:cheers']],
    ['Everybody cheers.', ['celebration:cheers']],
  ])('negation scope: %s', (text, want) => {
    expect(kinds(text)).toEqual(want);
  });
  // The word reader's shapes: letters then letters, ' ’ and hyphens (a trailing hyphen is not looked up: "BANG-" is BANG);
  // curly apostrophes read as straight; a mark . ! ? ; : ends a negation scope, a comma does not.
  it.each([
    ['It’s over. BANG-', ['relief:It’s over', 'sound:BANG-']],
    ['B-BANG!', ['sound:B-BANG']],
    ['Nobody moves; she screams.', ['alarm:screams']],
    ['Nobody moves, she screams.', []],
    ['Élan — he SLAMS it!', ['impact:SLAMS']],
    ['gun’s', ['danger:gun’s']],
    ['2 doors SLAM', ['impact:SLAM']],
  ])('word shapes: %s', (text, want) => {
    expect(kinds(text)).toEqual(want);
  });
  it('tells a character entrance from weather', () => {
    expect(findCues('The storm arrives.')[0].byCharacter).toBe(false);
    expect(findCues('She arrives, soaked.')[0].byCharacter).toBe(true);
  });
  it('reads heading cues lightly', () => {
    expect(headingCues('EXT. CEMETERY - NIGHT').valence).toBeLessThan(0);
    expect(headingCues('EXT. CEMETERY - NIGHT').threat).toBeGreaterThan(0);
    expect(headingCues('INT. KITCHEN - DAY')).toEqual({ valence: 0, arousal: 0, threat: 0 });
  });
});
