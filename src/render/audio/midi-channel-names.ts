/**
 * purpose: each MIDI channel's track names and roles as the Score reader sees them, for naming stems: files
 * Leitmotif wrote carry the true roles, others get its guesses (bass register, GM families). Kept apart from
 * events.ts because the Score reader loads zod, which a render without stems never needs.
 */
import { midiToScore } from '../midi/midi-to-score.js';
import type { ChannelInfo } from './events.js';

/**
 * Naming only — audio never depends on it — so any failure gives an empty map and the caller falls back to its
 * own GM-family guess.
 *
 * @example
 * planFromMidi(bytes, 'cue.mid', { names: namesFromScoreReader }); // stems named "Strings (harmony)"…
 */
export function namesFromScoreReader(bytes: Uint8Array): Map<number, ChannelInfo['tracks']> {
  const out = new Map<number, ChannelInfo['tracks']>();
  try {
    for (const t of midiToScore(bytes).tracks) {
      if (t.notes.length === 0) continue;
      let list = out.get(t.channel);
      if (!list) out.set(t.channel, (list = []));
      list.push({ name: t.name, role: t.role });
    }
  } catch {
    out.clear();
  }
  return out;
}
