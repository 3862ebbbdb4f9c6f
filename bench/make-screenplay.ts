/**
 * purpose: build a realistic, long Fountain screenplay for benchmarks (120-page analysis bench, 10-page scoring
 * bench). Seeded and deterministic: same (pages, seed) ⇒ same text. It has a title page, act sections, numbered
 * scenes in varied settings and moods (calm, joyful, tense, tragic, action), a recurring cast introduced the
 * screenplay way ("MARA VOSS (30s)"), dialogue with parentheticals and extensions, dual dialogue, transitions,
 * notes and hit-point moments (gunshots, slammed doors, reveals, entrances).
 *
 * @example
 * import { makeScreenplay } from './make-screenplay.js';
 * const text = makeScreenplay(120, 1); // ≈120 pages by the script/ page model
 */
import { Rng } from '../src/util/rng.js';
import { elementUnits, LINES_PER_PAGE } from '../src/script/page-model.js';

type Mood = 'calm' | 'joyful' | 'tense' | 'tragic' | 'action';

const CAST = [
  { name: 'MARA VOSS', short: 'MARA', age: '30s', desc: 'a lighthouse keeper with salt-cracked hands' },
  { name: 'ELIAS CROWE', short: 'ELIAS', age: '40s', desc: 'a harbour detective who never sleeps' },
  { name: 'JUNO PARK', short: 'JUNO', age: '20s', desc: 'a radio operator, quick and restless' },
  { name: 'TOBIAS GRANT', short: 'TOBIAS', age: '60s', desc: "Mara's father, a retired captain" },
  { name: 'NADIA ORLOV', short: 'NADIA', age: '30s', desc: 'a smuggler with a soft voice' },
  { name: 'FELIX HART', short: 'FELIX', age: '10', desc: 'a boy who collects shells' },
  { name: 'REVEREND AMOS', short: 'AMOS', age: '70s', desc: 'the parish priest' },
  { name: 'SILAS KANE', short: 'SILAS', age: '50s', desc: 'owner of the cannery, all teeth' },
];

const PLACES: Array<[string, string]> = [
  ['INT.', 'LIGHTHOUSE - LAMP ROOM'], ['EXT.', 'HARBOUR'], ['INT.', 'CANNERY'], ['EXT.', 'CLIFF PATH'],
  ['INT.', 'POLICE STATION'], ['INT.', "MARA'S COTTAGE - KITCHEN"], ['EXT.', 'CHURCHYARD'], ['INT.', 'RADIO SHACK'],
  ['EXT.', 'BEACH'], ['INT.', 'THE ANCHOR PUB'], ['EXT.', 'FISHING BOAT - DECK'], ['INT./EXT.', 'VAN - MOVING'],
  ['EXT.', 'MAIN STREET'], ['INT.', 'HOSPITAL CORRIDOR'],
];
const TIMES = ['DAY', 'NIGHT', 'DAWN', 'DUSK', 'MORNING', 'LATER', 'CONTINUOUS'];

const ACTION: Record<Mood, string[]> = {
  calm: [
    'Morning light spills across the water. Gulls drift on the wind.',
    '{A} pours tea and watches the tide pull back from the rocks.',
    'A kettle hums. {A} folds a map with slow, careful hands.',
    'The harbour is glassy and still. Somewhere a bell buoy rings.',
    '{A} sits on the sea wall, eyes closed, letting the sun find {pos} face.',
    'Nets hang drying between the posts. A dog sleeps in the shade.',
  ],
  joyful: [
    '{A} laughs, a real laugh, the first in months.',
    'Music spills out of the pub. {A} grabs {B} and spins {obj} into the dance.',
    'Children run along the beach flying a red kite. {A} cheers them on.',
    'Glasses clink. Someone starts a song and the whole room joins in.',
    '{A} and {B} race each other up the dunes, breathless and grinning.',
    'Fireworks bloom over the harbour. Faces turn up, lit gold and green.',
  ],
  tense: [
    '{A} freezes. Footsteps on the stairs below. Slow. Deliberate.',
    'The radio crackles, then goes dead. {A} stares at it.',
    'A shadow passes the window. {A} reaches for the lamp switch and stops.',
    '{A} slides the drawer open. Inside: a photograph of {B}, the eyes scratched out.',
    'The door creaks open an inch. Nobody there. Just the wind. Maybe.',
    '{A} counts the money twice. It is short. {pos_cap} jaw tightens.',
  ],
  tragic: [
    '{A} kneels by the bed. {B} does not move. The monitor flatlines.',
    'Rain on the coffin lid. {A} cannot bring {refl} to throw the earth.',
    '{A} finds the empty boat drifting, oars gone, a child\'s shoe on the deck.',
    'The funeral bell tolls. Black umbrellas move slowly up the hill.',
    '{A} sits alone in the dark kitchen, holding a cold cup, not drinking.',
    'The letter trembles in {pos} hand. {A} reads it again. And again.',
  ],
  action: [
    'A GUNSHOT cracks across the harbour. Glass explodes. {A} hits the deck.',
    '{A} sprints down the pier, boards splintering under {pos} boots.',
    'The van swerves. Crates smash against the wall. {A} hangs on.',
    'BOOM. The fuel shed goes up in a ball of fire. Debris rains down.',
    '{A} slams the door shut and throws the bolt. Fists pound on the other side.',
    '{A} dives into the black water. Silence. Then a hand breaks the surface.',
    'SIRENS wail. Headlights sweep the street. {A} vaults the fence.',
  ],
};

const LINES: Record<Mood, string[]> = {
  calm: [
    'The tide turns at six. We have time.', 'I used to come here with my mother.', 'Sit down. Nothing needs doing right now.',
    'You can hear the whole sea from up here.', 'Do you remember the summer the nets came up full every day?', 'It is quiet. I like it quiet.',
  ],
  joyful: [
    'We did it! Do you understand? We actually did it!', 'Dance with me. Just once. Nobody is watching.', 'I have never been so happy in my whole life.',
    'To the boat, and to everyone who never gave up on her!', 'You came back. You really came back.', 'Say yes. Please say yes.',
  ],
  tense: [
    'Who else knows about this?', 'Keep your voice down. They are listening.', 'If you lie to me again, I walk.',
    'Something is wrong. The lamp should be on.', 'Give me the key. Slowly.', 'You were at the cannery that night. I saw you.',
  ],
  tragic: [
    'He was only trying to help.', 'I should have been there. I should have been there.', 'Tell me it is not true.',
    'She asked for you at the end.', 'There is nothing left to say.', 'We bury him on Sunday.',
  ],
  action: [
    'Get down! Get down now!', 'Go, go, go!', 'Left! Take the left!', 'Hold on to something!', 'Cut the rope! Do it!',
    'They are on the roof!',
  ],
};

const PARENS: Record<Mood, string[]> = {
  calm: ['softly', 'smiling', 'beat'],
  joyful: ['laughing', 'beaming', 'raising a glass'],
  tense: ['low', 'not looking up', 'beat'],
  tragic: ['barely a whisper', 'tears welling', 'beat'],
  action: ['shouting', 'into the radio', 'breathless'],
};

const ARC: Mood[] = ['calm', 'calm', 'joyful', 'tense', 'tense', 'action', 'tragic', 'calm', 'tense', 'action', 'action', 'tragic', 'joyful'];

const titleCase = (name: string): string => name[0] + name.slice(1).toLowerCase();

function fill(template: string, a: string, b: string): string {
  return template
    .replace(/\{A\}/g, titleCase(a))
    .replace(/\{B\}/g, titleCase(b))
    .replace(/\{pos\}/g, 'their')
    .replace(/\{pos_cap\}/g, 'Their')
    .replace(/\{obj\}/g, 'them')
    .replace(/\{refl\}/g, 'themself');
}

/** Page-model line units, so the requested page count matches what script/ will measure. */
const actionUnits = (text: string): number => elementUnits({ type: 'action', text, line: 0 });
function dialogueUnits(body: string[]): number {
  const parens = body.filter((l) => l.startsWith('(')).map((l) => l.slice(1, -1));
  const spoken = body.filter((l) => !l.startsWith('(')).join('\n');
  return elementUnits({ type: 'dialogue', text: body.join('\n'), spoken, parentheticals: parens, line: 0 });
}

/** A Fountain screenplay of about `pages` pages (55 lines each), deterministic in `seed`. */
export function makeScreenplay(pages: number, seed: number): string {
  const rng = new Rng(seed);
  const target = Math.max(1, pages) * LINES_PER_PAGE;
  const out: string[] = [`Title: The Keeper of Saltmarsh Light (bench ${pages}p/${seed})`, 'Credit: Written by', 'Author: Leitmotif bench generator', 'Draft date: 2026', '', ''];
  const introduced = new Set<string>();
  let lines = 0;
  let scene = 0;
  let act = 0;
  const castSize = Math.min(CAST.length, 4 + Math.floor(pages / 30));
  const cast = CAST.slice(0, castSize);
  while (lines < target) {
    if (scene % Math.max(4, Math.round(pages / 3)) === 0 && act < 3) {
      act++;
      out.push(`# ACT ${['ONE', 'TWO', 'THREE'][act - 1]}`, '');
    }
    const mood = rng.chance(0.75) ? ARC[scene % ARC.length] : rng.pick(Object.keys(ACTION) as Mood[]);
    const [ie, place] = rng.pick(PLACES);
    scene++;
    out.push(`${ie} ${place} - ${rng.pick(TIMES)} #${scene}#`, '');
    lines += 2;
    if (rng.chance(0.15)) out.push(`[[${mood} scene — music note: ${mood === 'action' ? 'drive it' : 'let it breathe'}]]`, '');
    // Two to four characters per scene, the leads (first three) most often.
    const present: typeof cast = [];
    const want = rng.int(2, Math.min(4, cast.length));
    while (present.length < want) {
      const c = rng.chance(0.7) ? cast[rng.int(0, 2)] : rng.pick(cast);
      if (!present.includes(c)) present.push(c);
    }
    // Scene lengths vary like a real film: quick cuts, ordinary scenes, a few long set pieces.
    const beats = rng.chance(0.2) ? rng.int(2, 4) : rng.chance(0.12) ? rng.int(14, 24) : rng.int(5, 11);
    let lastSpeaker = '';
    for (let b = 0; b < beats; b++) {
      if (b >= 2 && lines >= target) break; // end the last scene near the requested length
      const a = rng.pick(present);
      const other = present.find((p) => p !== a) ?? a;
      if (b === 0 || rng.chance(0.35)) {
        let text = fill(rng.pick(ACTION[mood]), a.short, other.short);
        if (rng.chance(0.3)) text += ' ' + fill(rng.pick(ACTION[mood]), other.short, a.short);
        for (const p of present) {
          if (introduced.has(p.name)) continue;
          const tc = titleCase(p.short);
          if (text.includes(tc)) {
            text = text.replace(tc, `${p.name} (${p.age}), ${p.desc},`);
            introduced.add(p.name);
          }
        }
        out.push(text, '');
        lines += actionUnits(text);
        continue;
      }
      if (!introduced.has(a.name)) {
        const intro = `${a.name} (${a.age}), ${a.desc}, steps into view.`;
        out.push(intro, '');
        introduced.add(a.name);
        lines += actionUnits(intro);
      }
      const ext = rng.chance(0.08) ? ' (V.O.)' : rng.chance(0.08) ? ' (O.S.)' : lastSpeaker === a.short ? " (CONT'D)" : '';
      const cue = a.short + ext;
      const body: string[] = [];
      if (rng.chance(0.3)) body.push(`(${rng.pick(PARENS[mood])})`);
      const n = rng.int(1, 3);
      for (let k = 0; k < n; k++) body.push(rng.pick(LINES[mood]));
      if (rng.chance(0.06) && other !== a) {
        // Dual dialogue: both speak at once.
        const reply = rng.pick(LINES[mood]);
        out.push(cue, ...body, '', `${other.short} ^`, reply, '');
        lines += Math.max(dialogueUnits(body), dialogueUnits([reply]));
      } else {
        out.push(cue, ...body, '');
        lines += dialogueUnits(body);
      }
      lastSpeaker = a.short;
    }
    if (rng.chance(0.25)) {
      out.push(rng.pick(['CUT TO:', 'SMASH CUT TO:', 'DISSOLVE TO:', 'MATCH CUT TO:']), '');
      lines += elementUnits({ type: 'transition', text: 'CUT TO:', line: 0 });
    }
  }
  out.push('> THE END <', '');
  return out.join('\n');
}
