/**
 * purpose: file names for per-channel stems — by instrument (`timpani.wav`, `harp.wav`, `horns.wav`; the role is
 * added only where one instrument has several stems: `strings.harmony.wav`), by musical role (`melody.wav`,
 * `bass.wav`, as the adaptive/game exports expect under `stems/<role>.wav`) or by track name — always unique and
 * safe on every file system.
 */
import type { ChannelInfo } from './events.js';

export type StemNaming = 'instrument' | 'role' | 'track';

/** Every naming, for option parsing. */
export const STEM_NAMINGS: readonly StemNaming[] = ['instrument', 'role', 'track'];

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
  if (naming === 'instrument') return instrumentNames(channels, used);
  return channels.map((c) => {
    const parts = naming === 'role' ? [...new Set(c.tracks.map((t) => t.role))] : c.tracks.map((t) => t.name);
    const base = parts.length ? safeFileStem(parts.join('+')) : `channel-${c.channel + 1}`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}`;
    used.add(name);
    return name;
  });
}

/**
 * Instrument naming: the distinct instruments on a channel (track names without a role word; "Horns & Trumpet"
 * and "Horns" on one channel are `horns-trumpet+horns`), the role joined with a dot where the same instrument
 * name would repeat, then -2, -3 ….
 */
function instrumentNames(channels: readonly ChannelInfo[], used: Set<string>): string[] {
  const base = channels.map((c) => (c.tracks.length ? safeFileStem([...new Set(c.tracks.map((t) => t.name))].join('+')) : `channel-${c.channel + 1}`));
  const count = new Map<string, number>();
  for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
  return channels.map((c, i) => {
    const roles = [...new Set(c.tracks.map((t) => t.role))].join('+');
    const first = (count.get(base[i]) ?? 0) > 1 && roles ? safeFileStem(`${base[i]}.${roles}`) : base[i];
    let name = first;
    for (let k = 2; used.has(name); k++) name = `${first}-${k}`;
    used.add(name);
    return name;
  });
}
