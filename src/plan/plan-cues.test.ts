import { describe, it, expect } from 'vitest';
import { makeFilm, fakeMelodyModel, FILM_SCENES } from './__fixtures__/film.js';
import { planCueSheet } from './plan-cues.js';
import { parseCueSpec, resolveCue } from '../cue/index.js';
import { spotCues } from './spotting.js';
import { CueSheetSchema, parseCueSheet, findCue } from './cue-sheet.js';
import { secondsToTimecode } from './timecode.js';
import { formatCueTable } from './cue-table.js';
import { motifForms } from './leitmotifs.js';

const film = makeFilm();

describe('spotting', () => {
  it('leaves the talky, mild scenes dry and scores the emotional ones', () => {
    const r = spotCues(film.script, film.arc);
    const dry = r.scenes.filter((s) => !s.musical).map((s) => s.index);
    expect(dry).toEqual([1, 2, 6]); // kitchen ×2 and office: dialogue-heavy, mild
    for (const i of dry) expect(r.scenes[i].dialogueRatio).toBeGreaterThan(0.55);
    expect(r.scenes[3].musical && r.scenes[5].musical && r.scenes[7].musical).toBe(true);
  });

  it('merges emotionally similar neighbours and cuts at a big turn', () => {
    const r = spotCues(film.script, film.arc);
    const scenesOf = r.cues.map((c) => c.scenes);
    expect(scenesOf).toContainEqual([3, 4]); // chase + its continuation: one cue
    expect(scenesOf).toContainEqual([5]); // grief right after the chase: a new cue (segue)
    const grief = r.cues.find((c) => c.scenes[0] === 5)!;
    expect(grief.segueIn).toBe(true);
    expect(grief.turnFromPrevious).toBeGreaterThan(0.9);
  });

  it('a strongly emotional dialogue scene still gets music, under the dialogue', () => {
    const defs = FILM_SCENES.map((d) => (d.heading === 'INT. KITCHEN - LATER' ? { ...d, affect: { valence: -0.85, arousal: 0.2, tension: 0.8 } } : d));
    const r = spotCues(makeFilm(defs).script, makeFilm(defs).arc);
    const cue = r.cues.find((c) => c.scenes.includes(2))!;
    expect(cue).toBeDefined();
    expect(cue.underDialogue).toBe(true);
  });

  it('is never wall-to-wall even when every scene is intense', () => {
    const defs = FILM_SCENES.map((d) => ({ ...d, lines: d.lines.map(() => 'A'), affect: { valence: -0.8, arousal: 0.9, tension: 0.9 } }));
    const { script, arc } = makeFilm(defs);
    const r = spotCues(script, arc);
    const covered = r.scenes.filter((s) => s.musical).reduce((s, x) => s + x.end - x.start, 0);
    expect(covered / script.duration).toBeLessThanOrEqual(0.8 + 1e-9);
  });
});

describe('planCueSheet', () => {
  const sheet = planCueSheet(film.script, film.arc, { seed: 5, melodyModel: fakeMelodyModel(), fps: 24 });

  it('names cues 1m1, 1m2… in order with timecodes matching their seconds', () => {
    expect(sheet.cues.map((c) => c.id)).toEqual(sheet.cues.map((_, i) => `1m${i + 1}`));
    for (const c of sheet.cues) {
      expect(c.startTC).toBe(secondsToTimecode(c.start, 24));
      expect(c.endTC).toBe(secondsToTimecode(c.end, 24));
      expect(c.end).toBeGreaterThan(c.start);
    }
    for (let i = 1; i < sheet.cues.length; i++) expect(sheet.cues[i].start).toBeGreaterThanOrEqual(sheet.cues[i - 1].end - 1e-3);
  });

  it('numbers by 20-minute reel, restarting the count per reel', () => {
    const long = planCueSheet(film.script, film.arc, { seed: 5, reelSeconds: 150 });
    const ids = long.cues.map((c) => `${c.id}@${Math.floor(c.start / 150) + 1}`);
    for (const id of ids) expect(id.split('m')[0]).toBe(id.split('@')[1]);
    expect(long.cues.some((c) => c.id === '2m1')).toBe(true);
  });

  it('times the spotting at other frame rates (23.976 NDF)', () => {
    const ntsc = planCueSheet(film.script, film.arc, { seed: 5, fps: 23.976 });
    const chase = ntsc.cues.find((c) => c.scenes.includes(3))!;
    // Frames pass at 24000/1001 per second but are labelled 24 per timecode second.
    const frames = Math.floor(chase.start * (24000 / 1001) + 1e-6);
    const tc = `00:${String(Math.floor(frames / 24 / 60)).padStart(2, '0')}:${String(Math.floor(frames / 24) % 60).padStart(2, '0')}:${String(frames % 24).padStart(2, '0')}`;
    expect(chase.startTC).toBe(tc);
    expect(ntsc.fps).toBe(23.976);
  });

  it('validates against CueSheetSchema and survives a JSON round trip', () => {
    const json = JSON.parse(JSON.stringify(sheet));
    expect(CueSheetSchema.safeParse(json).success).toBe(true);
    const back = parseCueSheet(json);
    expect(findCue(back, '1m2').spec.id).toBe('1m2');
    expect(() => findCue(back, '9m9')).toThrow(/no cue 9m9/);
    expect(() => parseCueSheet({ ...json, cues: [json.cues[0], json.cues[0]] })).toThrow(/appears twice/);
  });

  it('writes a compose-ready spec per cue derived from the arc', () => {
    const chase = sheet.cues.find((c) => c.scenes.includes(3))!;
    const grief = sheet.cues.find((c) => c.scenes[0] === 5)!;
    expect(chase.spec.emotion.arousal).toBeGreaterThan(0.5);
    expect(grief.spec.emotion.valence).toBeLessThan(-0.5);
    expect(chase.spec.tempo!).toBeGreaterThan(grief.spec.tempo! + 40);
    expect(chase.spec.emotion.curve!.length).toBeGreaterThanOrEqual(2);
    expect(chase.spec.seed).not.toBe(grief.spec.seed);
    expect(chase.spec.style).toBe('orchestral');
  });

  it('joins a segue with a related key or a chromatic mediant at a turn, and passes the previous key', () => {
    const grief = sheet.cues.find((c) => c.scenes[0] === 5)!;
    expect(grief.transition.in).toMatch(/^segue/);
    expect(grief.previous).toBeDefined();
    const prev = sheet.cues[sheet.cues.indexOf(grief) - 1];
    expect(prev.transition.out).toBe('segue');
    expect(['chromatic-mediant', 'relative', 'parallel', 'dominant', 'subdominant', 'same']).toContain(grief.transition.keyRelation);
  });

  it('catches the salient hits and reports the one too close to another', () => {
    const chase = sheet.cues.find((c) => c.scenes.includes(3))!;
    const gun = chase.hits.find((h) => h.label.includes('gunshot'))!;
    const glass = chase.hits.find((h) => h.label.includes('Glass'))!;
    expect(gun.caught).toBe(true);
    expect(Math.abs(gun.errorMs!)).toBeLessThan(10);
    expect(gun.beat).toBe(0);
    expect(glass.caught).toBe(false);
    expect(glass.reason).toMatch(/stronger hit/);
    expect(chase.spec.hits.map((h) => h.label)).not.toContain(glass.label);
    expect(formatCueTable(sheet)).toMatch(/hits not caught:[\s\S]*Glass sprays/);
  });

  it('gives each main character one motif that recurs in different forms', () => {
    expect(sheet.motifs.map((m) => m.character).sort()).toEqual(['anna', 'ben']);
    const anna = sheet.motifs.find((m) => m.character === 'anna')!;
    expect(anna.bars).toBe(4);
    expect(anna.appearances.length).toBeGreaterThanOrEqual(2);
    const forms = new Set(anna.appearances.map((a) => a.forms.join('+')));
    expect(forms.size).toBeGreaterThanOrEqual(2);
    for (const a of anna.appearances) {
      const cue = sheet.cues.find((c) => c.id === a.cue)!;
      expect(cue.spec.motifs.find((m) => m.id === anna.id)!.notes).toEqual(anna.notes);
    }
  });

  it('is deterministic for a seed and changes with it', () => {
    const again = planCueSheet(film.script, film.arc, { seed: 5, melodyModel: fakeMelodyModel(), fps: 24 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(sheet));
    const other = planCueSheet(film.script, film.arc, { seed: 6, melodyModel: fakeMelodyModel(), fps: 24 });
    expect(other.cues.map((c) => c.spec.seed)).not.toEqual(sheet.cues.map((c) => c.spec.seed));
  });
});

describe('motif forms follow the scene', () => {
  it.each([
    [{ valence: -0.8, arousal: -0.6, tension: 0.35 }, 'minor', ['mode-change', 'augmented']],
    [{ valence: 0.85, arousal: 0.8, tension: 0.15 }, 'major', ['diminished', 'register', 'reorchestrated']],
    [{ valence: -0.5, arousal: 0.1, tension: 0.8 }, 'harmonic-minor', ['mode-change', 'reharmonised', 'fragment']],
  ] as const)('%j in %s', (a, mode, expected) => {
    const f = motifForms(a, mode, { firstAppearance: false, underDialogue: false });
    for (const e of expected) expect(f).toContain(e);
  });
});


describe('one emotion, one music: planned cues agree with hand-written specs', () => {
  // Bug (issue 10): plan started at 92 + 38·a bpm and compose at 88 + 38·a, and chose 3/4 by different rules.
  it('a spec holding a planned cue\'s emotion resolves to the planned tempo, metre and mode', () => {
    const sheet = planCueSheet(film.script, film.arc, { seed: 2, melodyModel: fakeMelodyModel() });
    for (const cue of sheet.cues) {
      const byHand = resolveCue(parseCueSpec({ duration: cue.end - cue.start, emotion: cue.affect, style: sheet.style }));
      expect(cue.spec.tempo, cue.id).toBe(byHand.baseBpm);
      expect(cue.spec.meter, cue.id).toBe(byHand.meter.join('/'));
      if (!cue.previous) expect(cue.spec.mode, cue.id).toBe(byHand.key.mode);
    }
  });
});
