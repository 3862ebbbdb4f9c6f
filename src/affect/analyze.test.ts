import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { analyzeScript } from './analyze.js';
import { parseScript } from '../script/index.js';
import { mergeHits } from './hits.js';
import { ArcSchema } from './types.js';
import { buildScript, type SceneSpec } from './__fixtures__/build-script.js';
import { loadTextModel } from './node.js';
const TEXT_MODEL = loadTextModel();

const FUNERAL: SceneSpec = {
  heading: 'EXT. CEMETERY - DAY',
  lines: [
    'Rain falls on black umbrellas. Mourners stand around an open grave.',
    'MARY weeps quietly as the coffin is lowered.',
    ['MARY', 'He was the kindest man I ever knew. I miss him so much.'],
    'She lays a single white rose on the casket.',
  ],
};
const CHASE: SceneSpec = {
  heading: 'EXT. CITY STREETS - NIGHT',
  lines: [
    'JACK sprints down the alley. Gunshots ring out behind him.',
    'BANG! A bullet shatters the window beside his head.',
    'He vaults a fence, crashes through trash cans, and keeps running.',
    ['JACK', 'Get down! They have guns!'],
    'A car screeches around the corner. The killers are closing in.',
  ],
};
const PARTY: SceneSpec = {
  heading: 'INT. BALLROOM - NIGHT',
  lines: [
    'The party is in full swing. Music plays, confetti falls, everyone cheers.',
    ['MARY', 'We did it! I am so happy! This is the best night of my life!'],
    'Jack and Mary dance and laugh as the crowd sings along.',
  ],
};
const STALK: SceneSpec = {
  heading: 'INT. HOUSE - NIGHT',
  lines: [
    'Silence. Mary lies asleep in the dark bedroom.',
    'A shadow moves slowly across the hallway. Footsteps creak on the stairs.',
    'Someone is watching her from the doorway. A knife glints in the dark.',
  ],
};
const CALM_END: SceneSpec = {
  heading: 'EXT. BEACH - DAWN',
  lines: [
    'The sun rises over a calm sea. Mary and Jack sit together on the sand, safe at last.',
    ['JACK', "It's over. We're safe now."],
    'Mary smiles and rests her head on his shoulder.',
  ],
};
const NEUTRAL: SceneSpec = {
  heading: 'INT. OFFICE - DAY',
  lines: ['Mary sits at a desk and sorts papers into folders.', ['MARY', 'The meeting is at three.'], 'She files the last folder.'],
};

describe('analyzeScript: scenes read the way a reader feels them', () => {
  const arc = analyzeScript(buildScript([FUNERAL, CHASE, PARTY, STALK, CALM_END]), { model: TEXT_MODEL });
  const [funeral, chase, party, stalk, calm] = arc.scenes;

  it('produces a valid Arc with one beat per action/dialogue element', () => {
    expect(() => ArcSchema.parse(arc)).not.toThrow();
    expect(arc.beats).toHaveLength(4 + 5 + 3 + 3 + 3);
    expect(arc.source).toBe('offline');
  });

  it('places funeral, chase and celebration in their circumplex quadrants', () => {
    expect(funeral.valence).toBeLessThan(-0.2);
    // Quiet grief is still, but how far below neutral is the model's calibration: the orderings below are what readers agree on.
    expect(funeral.arousal).toBeLessThan(-0.05);
    expect(party.arousal).toBeGreaterThan(funeral.arousal + 0.4);
    expect(chase.valence).toBeLessThan(-0.1);
    expect(chase.arousal).toBeGreaterThan(0.2);
    expect(party.valence).toBeGreaterThan(0.3);
    expect(party.arousal).toBeGreaterThan(0.2);
    // Orderings a reader would agree with.
    expect(chase.arousal).toBeGreaterThan(funeral.arousal + 0.4);
    expect(party.valence).toBeGreaterThan(chase.valence + 0.5);
    expect(party.valence).toBeGreaterThan(funeral.valence + 0.5);
    // The resolution after the stalking is bright: well above every dark scene. (The scene block reads it 0.18, the
    // lines 0.33: scenes of calm after a climax are its weakest case, models/affect/README.md.)
    expect(calm.valence).toBeGreaterThan(0.15);
    expect(calm.valence).toBeGreaterThan(Math.max(funeral.valence, chase.valence, stalk.valence) + 0.5);
    expect(calm.arousal).toBeLessThan(party.arousal);
  });

  it('models tension separately from arousal', () => {
    // A joyful party is high arousal but low tension; a quiet stalking scene is low arousal but high tension.
    expect(party.arousal).toBeGreaterThan(stalk.arousal + 0.4);
    expect(stalk.tension).toBeGreaterThan(party.tension + 0.2);
    // Dread is felt as arousal, a quiet kind (issue 14: readers rate creeping suspense as aroused, and the project's
    // labelled dread scenes sit at arousal 0.2–0.45): below the chase and well below the party, not below zero.
    expect(stalk.arousal).toBeLessThan(chase.arousal);
    expect(stalk.tension).toBeGreaterThan(0.4);
    expect(party.tension).toBeLessThan(0.35);
    expect(chase.tension).toBeGreaterThan(funeral.tension + 0.25);
  });

  it('releases tension at the resolution', () => {
    expect(calm.tension).toBeLessThan(stalk.tension - 0.3);
    const last = arc.beats[arc.beats.length - 1];
    expect(last.tension).toBeLessThan(0.15);
  });

  it('keeps every value in range and beats in time order', () => {
    for (const b of arc.beats) {
      expect(Math.abs(b.valence)).toBeLessThanOrEqual(1);
      expect(Math.abs(b.arousal)).toBeLessThanOrEqual(1);
      expect(b.tension).toBeGreaterThanOrEqual(0);
      expect(b.tension).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < arc.beats.length; i++) expect(arc.beats[i].start).toBeGreaterThanOrEqual(arc.beats[i - 1].start);
  });
});

describe('tension accumulates with sustained threat', () => {
  it('rises through a threat sequence and drops at the resolution', () => {
    const script = buildScript([
      NEUTRAL,
      { heading: 'INT. WAREHOUSE - NIGHT', lines: ['A door creaks somewhere in the dark.', 'Footsteps. Someone is coming.'] },
      { heading: 'INT. WAREHOUSE - OFFICE - NIGHT', lines: ['The killer raises a gun. Mary hides behind the crates, holding her breath.', 'He fires. The bullet shatters the glass above her.'] },
      { heading: 'EXT. WAREHOUSE - NIGHT', lines: ['Mary runs. The killer chases her through the yard, firing again and again.', ['MARY', 'Help! Somebody help me!']] },
      { heading: 'EXT. STREET - DAWN', lines: ['Police sirens fade. Mary sits in an ambulance, wrapped in a blanket. She is safe.', ['OFFICER', "It's over. You're safe now."], 'Mary exhales and finally smiles.'] },
    ]);
    const s = analyzeScript(script, { model: TEXT_MODEL }).scenes;
    expect(s[1].tension).toBeGreaterThan(s[0].tension);
    expect(s[2].tension).toBeGreaterThan(s[1].tension);
    expect(s[3].tension).toBeGreaterThanOrEqual(s[2].tension - 0.05);
    expect(s[4].tension).toBeLessThan(s[3].tension - 0.25);
    expect(s[0].tension).toBeLessThan(0.2);
  });

  it('plain prose: a paragraph is a beat of its own, not blended with its neighbours', () => {
    const paragraphs = ['She won the prize and everyone cheered.', 'The war took everything from him.', 'The train left at noon.'];
    const prose = parseScript(paragraphs.join('\n\n') + '\n', { format: 'plain' });
    const beats = analyzeScript(prose, { model: TEXT_MODEL }).beats;
    expect(beats).toHaveLength(3);
    paragraphs.forEach((p, i) => {
      const alone = analyzeScript(parseScript(p + '\n', { format: 'plain' }), { model: TEXT_MODEL }).beats[0];
      expect(beats[i].valence).toBe(alone.valence);
      expect(beats[i].arousal).toBe(alone.arousal);
    });
  });

  it('persists across a quiet beat instead of copying the moment', () => {
    const script = buildScript([
      { heading: 'INT. CELLAR - NIGHT', lines: ['A knife. Blood on the floor. Someone is hiding in the dark.', 'The killer waits in the shadows.', 'Mary looks at the old photographs on the shelf.'] },
    ]);
    const b = analyzeScript(script, { model: TEXT_MODEL }).beats;
    // The third line is neutral on its own, but the threat of the first two is still felt.
    expect(b[2].tension).toBeGreaterThan(0.3);
  });
});

describe('element-level cues', () => {
  const one = (text: string) => analyzeScript(buildScript([{ heading: 'INT. ROOM - DAY', lines: [text] }]), { model: TEXT_MODEL, smoothingSeconds: 0 }).beats[0];

  it('negation flips valence', () => {
    expect(one('She is happy.').valence).toBeGreaterThan(0.1);
    expect(one('She is not happy.').valence).toBeLessThan(one('She is happy.').valence - 0.3);
    expect(one('This is not a disaster.').valence).toBeGreaterThan(one('This is a disaster.').valence + 0.2);
  });

  it('ALL-CAPS words and exclamation marks raise arousal', () => {
    const flat = one('He opens the door.');
    expect(one('He opens the door!').arousal).toBeGreaterThan(flat.arousal);
    expect(one('He opens the DOOR!!').arousal).toBeGreaterThan(one('He opens the door!').arousal);
    expect(one('Run. Now. Go.').arousal).toBeGreaterThan(one('They walk home together after dinner.').arousal);
  });

  it('character names written in capitals are not read as shouting', () => {
    const script = (name: string) => buildScript([{ heading: 'INT. ROOM - DAY', lines: [`${name} opens the door.`, ['MARY', 'Hello.']] }]);
    const beat = (name: string) => analyzeScript(script(name), { model: TEXT_MODEL, smoothingSeconds: 0 }).beats[0];
    // The line itself, read on its own…
    const lineOnly = analyzeScript(script('MARY'), { model: TEXT_MODEL, smoothingSeconds: 0, sceneContext: false }).beats[0];
    expect(lineOnly.arousal).toBeCloseTo(analyzeScript(buildScript([{ heading: 'INT. ROOM - DAY', lines: ['Mary opens the door.'] }]), { model: TEXT_MODEL, smoothingSeconds: 0, sceneContext: false }).beats[0].arousal, 5);
    // …and inside its scene (the scene context colours every beat by its scene, so the scene is the same but for the capitals).
    expect(beat('MARY').arousal).toBeCloseTo(beat('Mary').arousal, 5);
  });
});

describe('hit points', () => {
  const script = buildScript([NEUTRAL, CHASE, PARTY]);
  const arc = analyzeScript(script, { model: TEXT_MODEL });

  it('finds impacts, sounds and cuts with times inside their element', () => {
    const chaseScene = script.scenes[1];
    const bang = arc.hits.find((h) => h.kind === 'sound' && /BANG/.test(h.text));
    expect(bang).toBeDefined();
    const bangEl = chaseScene.elements[1];
    expect(bang!.time).toBeGreaterThanOrEqual(bangEl.start - 0.001);
    expect(bang!.time).toBeLessThan(bangEl.start + 0.3 * bangEl.duration);
    // "BANG! A bullet shatters the window…" is one event: one hit (the bang), not a second one for "shatters".
    expect(arc.hits.filter((h) => h.time >= bangEl.start - 0.001 && h.time < bangEl.start + bangEl.duration && h.kind !== 'cut')).toEqual([bang]);
    expect(bang!.salience).toBeGreaterThan(0.6);
    const cuts = arc.hits.filter((h) => h.kind === 'cut');
    expect(cuts).toHaveLength(script.scenes.length);
    cuts.forEach((c, i) => expect(c.time).toBeCloseTo(script.scenes[i].start, 2));
    // Calm office → chase is a bigger emotional cut than chase → party? Both big; the first cut after a neutral scene is clearly salient.
    expect(cuts[1].salience).toBeGreaterThan(0.4);
  });

  it('finds reveals and entrances', () => {
    const s = buildScript([
      { heading: 'INT. HALL - NIGHT', lines: ['The door bursts open.', 'ELIAS enters, soaked.', 'The stranger pulls off the mask to reveal her face.', 'Mary turns to face him.'] },
    ]);
    const kinds = analyzeScript(s, { model: TEXT_MODEL }).hits.map((h) => h.kind);
    expect(kinds).toContain('entrance');
    expect(kinds).toContain('reveal');
  });

  it('one event, one hit: cue words of one sentence or element, and same-kind hits within 1.5 s, are one hit (the stronger)', () => {
    const s = buildScript([
      {
        heading: 'EXT. MOTORWAY - NIGHT',
        lines: [
          'The van weaves through traffic. Sirens wail far behind.',
          'A GUNSHOT. The back window explodes into glitter. Noor ducks, clutching the bag.',
          ['KIT', 'Hold on!'],
          'The van swerves hard across two lanes.',
        ],
      },
    ]);
    const a = analyzeScript(s, { model: TEXT_MODEL });
    const el = s.scenes[0].elements[1];
    const inShot = a.hits.filter((h) => h.kind !== 'cut' && h.kind !== 'emotional-turn' && h.time >= el.start - 0.001 && h.time < el.start + el.duration - 0.001);
    expect(inShot).toHaveLength(1);
    expect(inShot[0].text).toMatch(/GUNSHOT/);
    // No two hits of one kind within 1.5 s anywhere.
    for (const x of a.hits) for (const y of a.hits) if (x !== y && x.kind === y.kind) expect(Math.abs(x.time - y.time), `${x.text} / ${y.text}`).toBeGreaterThanOrEqual(1.5);
  });

  it('every hit lies inside the script and its scene', () => {
    for (const h of arc.hits) {
      const sc = script.scenes[h.scene];
      expect(h.time).toBeGreaterThanOrEqual(sc.start - 1e-6);
      expect(h.time).toBeLessThanOrEqual(sc.start + sc.duration + 1e-6);
      expect(h.salience).toBeGreaterThanOrEqual(0);
      expect(h.salience).toBeLessThanOrEqual(1);
    }
  });
});

describe('determinism and edge cases', () => {
  it('same script ⇒ identical arc', () => {
    const s = buildScript([FUNERAL, CHASE, STALK]);
    expect(JSON.stringify(analyzeScript(s, { model: TEXT_MODEL }))).toBe(JSON.stringify(analyzeScript(structuredClone(s), { model: TEXT_MODEL })));
  });

  it('handles a script with no scenes or a scene without text', () => {
    const empty = analyzeScript({ format: 'fountain', titlePage: {}, scenes: [], characters: [], duration: 0, warnings: [] }, { model: TEXT_MODEL });
    expect(empty.scenes).toEqual([]);
    expect(empty.beats).toEqual([]);
    const s = buildScript([CHASE, { heading: 'EXT. SKY - NIGHT', lines: [] }]);
    const arc = analyzeScript(s, { model: TEXT_MODEL });
    expect(arc.scenes).toHaveLength(2);
    expect(() => ArcSchema.parse(arc)).not.toThrow();
  });
});

// Example screenplays shipped by the script/ helper: assert sensible orderings when they exist.
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const fountainFiles = existsSync(EXAMPLES) ? readdirSync(EXAMPLES).filter((f) => f.endsWith('.fountain')) : [];
describe.skipIf(fountainFiles.length === 0)('example screenplays', () => {
  it.each(fountainFiles)('%s: arc is valid and has contrast', async (f) => {
    const { parseScript } = await import('../script/index.js');
    const script = parseScript(readFileSync(join(EXAMPLES, f), 'utf8'), { filename: f });
    const arc = analyzeScript(script, { model: TEXT_MODEL });
    expect(() => ArcSchema.parse(arc)).not.toThrow();
    if (arc.scenes.length >= 3) {
      const range = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
      expect(range(arc.scenes.map((s) => s.arousal))).toBeGreaterThan(0.2);
      expect(range(arc.scenes.map((s) => s.tension))).toBeGreaterThan(0.1);
    }
  });

  const load = async (f: string) => {
    if (!fountainFiles.includes(f)) return undefined;
    const { parseScript } = await import('../script/index.js');
    const script = parseScript(readFileSync(join(EXAMPLES, f), 'utf8'), { filename: f });
    return { script, arc: analyzeScript(script, { model: TEXT_MODEL }) };
  };
  const scene = (arc: ReturnType<typeof analyzeScript>, re: RegExp) => arc.scenes.find((s) => re.test(s.heading));

  it('wedding-and-wake: the wedding is joyful, the funeral the saddest, the wake warms back up', async (ctx) => {
    const r = await load('wedding-and-wake.fountain');
    if (!r) return ctx.skip();
    const church = scene(r.arc, /CHURCH - DAY/), cemetery = scene(r.arc, /CEMETERY/), hospital = scene(r.arc, /HOSPITAL/), last = r.arc.scenes[r.arc.scenes.length - 1];
    if (!church || !cemetery || !hospital) return ctx.skip();
    // The death and the burial are the two saddest scenes (which one is the lower is a reader's call: the news or the grave).
    expect(Math.min(...r.arc.scenes.map((s) => s.valence))).toBe(Math.min(cemetery.valence, hospital.valence));
    expect(Math.max(cemetery.valence, hospital.valence)).toBeLessThan(-0.3);
    expect(church.valence).toBeGreaterThan(cemetery.valence + 0.5);
    expect(church.arousal).toBeGreaterThan(cemetery.arousal + 0.4);
    expect(last.valence).toBeGreaterThan(cemetery.valence + 0.4);
    // A family drama, not a thriller: tension stays moderate throughout (the labelled scenes put waiting for news of a
    // death near 0.4 and thriller threat at 0.7–0.9).
    expect(Math.max(...r.arc.scenes.map((s) => s.tension))).toBeLessThan(0.5);
  });

  it('heist: tension builds to the middle/late scenes and is released at the end', async (ctx) => {
    const r = await load('heist.fountain');
    if (!r) return ctx.skip();
    const t = r.arc.scenes.map((s) => s.tension);
    const peak = t.indexOf(Math.max(...t));
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(t.length - 1);
    expect(t[0]).toBeLessThan(t[peak] - 0.25);
    expect(t[t.length - 1]).toBeLessThan(t[peak] - 0.25);
    expect(r.arc.hits.filter((h) => h.kind === 'impact' || h.kind === 'sound').length).toBeGreaterThanOrEqual(3);
  });

  it('the-lighthouse: the storm at the reef is the most aroused and tense; the ending is the brightest', async (ctx) => {
    const r = await load('the-lighthouse.fountain');
    if (!r) return ctx.skip();
    const reef = scene(r.arc, /REEF/);
    if (!reef) return ctx.skip();
    // The storm (the lamp room as the wave hits, then the reef) is the most aroused stretch: the reef within a hair of the peak.
    const at = r.arc.scenes.indexOf(reef);
    const storm = [r.arc.scenes[at - 1], reef].map((s) => s.arousal);
    expect(Math.max(...r.arc.scenes.map((s) => s.arousal))).toBe(Math.max(...storm));
    expect(reef.arousal).toBeGreaterThan(Math.max(...r.arc.scenes.map((s) => s.arousal)) - 0.05);
    expect(reef.tension).toBeGreaterThan(r.arc.scenes[0].tension + 0.25);
    const last = r.arc.scenes[r.arc.scenes.length - 1];
    expect(Math.max(...r.arc.scenes.map((s) => s.valence))).toBe(last.valence);
  });
});

describe('property: any text gives a valid, bounded arc', () => {
  it('never throws and keeps every value in range', async () => {
    const fc = await import('fast-check');
    const line = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.constantFrom('BANG!', 'He is NOT happy!!!', '...', '?!', 'The gun. The knife. Blood.', "It's over.", 'MARY enters.', ''),
    );
    const scene = fc.record({
      heading: fc.constantFrom('INT. ROOM - NIGHT', 'EXT. STORM - DAY', ''),
      lines: fc.array(fc.oneof(line, fc.tuple(fc.constantFrom('MARY', 'JACK'), line)), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(scene, { minLength: 1, maxLength: 4 }), (specs) => {
        const arc = analyzeScript(buildScript(specs as SceneSpec[]), { model: TEXT_MODEL });
        ArcSchema.parse(arc);
        for (const s of arc.scenes) for (const v of [s.valence, s.arousal, s.tension]) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('mergeHits', () => {
  it('keeps one hit per event: the stronger of two same-kind hits within 1.5 s, even with another hit between', () => {
    const h = (time: number, kind: 'impact' | 'cut', salience: number) => ({ time, scene: 0, text: `${kind}@${time}`, kind, salience });
    expect(mergeHits([h(10, 'impact', 0.6), h(10.7, 'cut', 0.4), h(11.2, 'impact', 0.9), h(13, 'impact', 0.5)]).map((x) => x.text)).toEqual(['cut@10.7', 'impact@11.2', 'impact@13']);
  });
});
