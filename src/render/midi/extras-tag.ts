/**
 * purpose: the tag that opens Leitmotif's sequencer-specific meta event (extras.ts holds its schema). Apart from
 * the schema so the MIDI writer, which only needs the tag, does not load zod.
 *
 * @example
 * bytes.subarray(0, EXTRAS_PREFIX.length) // 7D 4C 4D 54 46: "}LMTF"
 */

/** 0x7D is the MMA's manufacturer id for non-commercial use; "LMTF" tags our payload. */
export const EXTRAS_PREFIX = new Uint8Array([0x7d, 0x4c, 0x4d, 0x54, 0x46]);
