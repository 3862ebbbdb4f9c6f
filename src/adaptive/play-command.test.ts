/**
 * The `leitmotif play` command end to end (registered on its own commander program so the test depends only
 * on this command): writes session.mid, session.wav and log.json; bad input is one clear LeitmotifError.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register, runPlay, type PlayFlags } from '../cli/commands/play.js';
import { testComposer } from './testing/test-composer.js';
import { midiToScore } from '../render/midi/index.js';
import { parseWav } from '../render/audio/index.js';
import { LeitmotifError } from '../util/errors.js';
import { openDatabase } from '../store/database.js';
import { createProfileStore } from '../personalize/node/profile-store.js';

const graphPath = fileURLToPath(new URL('../../examples/stealth-combat.graph.json', import.meta.url));
let dir: string;

/** The command's work with compose's fixture models (a fresh clone has no trained models). */
async function render(flags: PlayFlags): Promise<string> {
  let out = '';
  await runPlay(graphPath, flags, testComposer, (s) => { out += s; });
  return out;
}

/** The command as registered with commander (argument parsing and validation). */
async function play(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  register(program);
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((s: string) => { out += s; return true; }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'leitmotif', 'play', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return out;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leitmotif-play-'));
  writeFileSync(join(dir, 'short.timeline.json'), JSON.stringify({
    duration: 9,
    events: [{ time: 1, type: 'event', name: 'playerSpotted' }, { time: 6.2, type: 'event', name: 'enemyDown' }, { time: 6.3, type: 'event', name: 'bogus' }],
  }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('leitmotif play', () => {
  it('renders session.mid, session.wav and log.json', async () => {
    const out = join(dir, 'out');
    const stdout = await render({ timeline: join(dir, 'short.timeline.json'), out, seed: '4' });
    expect(stdout).toContain('state   combat');
    const log = JSON.parse(readFileSync(join(out, 'log.json'), 'utf8'));
    const combat = log.events.find((e: { name: string }) => e.name === 'combat');
    expect(combat).toMatchObject({ type: 'state', sync: 'bar', beat: 1, via: 'alarm' });
    for (const k of ['requested', 'sounded', 'bar', 'beat']) expect(typeof combat[k]).toBe('number');
    expect(log.stats.unknownEvents).toBe(1);
    const score = midiToScore(new Uint8Array(readFileSync(join(out, 'session.mid'))));
    expect(score.tracks.reduce((n, t) => n + t.notes.length, 0)).toBeGreaterThan(20);
    expect(score.markers.some((m) => m.text.includes('combat'))).toBe(true);
    const wav = parseWav(new Uint8Array(readFileSync(join(out, 'session.wav'))));
    expect(wav.frames / wav.sampleRate).toBeGreaterThan(9);
    let peak = 0;
    for (const x of wav.data[0]) peak = Math.max(peak, Math.abs(x));
    expect(peak).toBeGreaterThan(0.05);
  });

  it('is deterministic: same seed ⇒ byte-identical MIDI and log', async () => {
    const a = join(dir, 'a'), b = join(dir, 'b');
    await render({ timeline: join(dir, 'short.timeline.json'), out: a, wav: false });
    await render({ timeline: join(dir, 'short.timeline.json'), out: b, wav: false });
    expect(readFileSync(join(a, 'session.mid')).equals(readFileSync(join(b, 'session.mid')))).toBe(true);
    expect(readFileSync(join(a, 'log.json'), 'utf8')).toBe(readFileSync(join(b, 'log.json'), 'utf8'));
    expect(existsSync(join(a, 'session.wav'))).toBe(false);
  });

  it('reports bad graphs and timelines as one clear error', async () => {
    const bad = join(dir, 'bad.graph.json');
    writeFileSync(bad, JSON.stringify({ initial: 'x', states: { y: { generative: { emotion: { valence: 0, arousal: 0 } } } } }));
    await expect(play([bad, '-t', join(dir, 'short.timeline.json'), '-o', join(dir, 'o2')])).rejects.toThrow(/initial state "x"/);
    await expect(play([graphPath, '-t', graphPath, '-o', join(dir, 'o3')])).rejects.toThrow(LeitmotifError);
    await expect(play([graphPath, '-t', join(dir, 'short.timeline.json'), '-o', join(dir, 'o4'), '--seed', '-3'])).rejects.toThrow(/--seed/);
  });

  it('with --profile the session is one take: id on stdout, in provenance.json and log.json with its offsets, recorded for feedback', async () => {
    const db = join(dir, 'p.db');
    const handle = openDatabase(db);
    createProfileStore(handle).create('player');
    handle.close();
    const out = join(dir, 'profiled');
    const stdout = await render({ timeline: join(dir, 'short.timeline.json'), out, wav: false, profile: 'player', db });
    const id = /^take (tk-[a-z0-9]+)$/m.exec(stdout)?.[1];
    expect(id).toBeDefined();
    const prov = JSON.parse(readFileSync(join(out, 'provenance.json'), 'utf8'));
    expect(prov).toMatchObject({ take: id, profile: 'player' });
    expect(prov.context).toMatch(/^game:/);
    expect(JSON.parse(readFileSync(join(out, 'log.json'), 'utf8')).offsets).toEqual(prov.offsets);
    const again = openDatabase(db);
    const store = createProfileStore(again);
    store.signal('player', id!, 'skipped');
    expect(store.get('player')).toMatchObject({ takes: 1, signals: 1 });
    again.close();
  });
});
