/**
 * purpose: file names for per-channel stems — by musical role (`melody.wav`, `bass.wav`, as the adaptive/game
 * exports expect under `stems/<role>.wav`) or by track name — always unique and safe on every file system.
 */
import type { ChannelInfo } from './events.js';

export type StemNaming = 'role' | 'track';

/** Name of the shared reverb + chorus return stem ('shared' stem effects); channel stems never take it. */
export const FX_STEM = 'fx';

/** Lower-case, [a-z0-9._+-] only, no leading dot, at most 60 characters. */
export function safeFileStem(s: string): string {
  const t = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._+-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  return t || 'stem';
}

/**
 * One name per channel, in the order given. Role naming joins the distinct roles on a channel with '+'
 * (two tracks sharing a channel share one stem); repeats get `-2`, `-3` … in channel order. With
 * `reserveFx`, a channel whose name would be `fx` becomes `fx-2`, leaving `fx` to the effects return.
 */
export function stemNames(channels: readonly ChannelInfo[], naming: StemNaming, reserveFx = false): string[] {
  const used = new Set<string>(reserveFx ? [FX_STEM] : []);
  return channels.map((c) => {
    const parts = naming === 'role' ? [...new Set(c.tracks.map((t) => t.role))] : c.tracks.map((t) => t.name);
    const base = parts.length ? safeFileStem(parts.join('+')) : `channel-${c.channel + 1}`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}`;
    used.add(name);
    return name;
  });
}
