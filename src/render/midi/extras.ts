/**
 * purpose: the Leitmotif data a plain SMF cannot hold (track roles, section spans and kinds, hit-point targets,
 * modal keys, tempo ramps, provenance), carried in one sequencer-specific meta event (FF 7F) in the conductor
 * track. Other software ignores FF 7F; midiToScore uses it only where it still agrees with the file's standard
 * events (someone may have edited the file in a DAW since).
 */
import { z } from 'zod';
import { HitPointSchema, KeyEventSchema, MarkerSchema, SectionSchema, TempoEventSchema, TRACK_ROLES } from '../../score/index.js';

/** 0x7D is the MMA's manufacturer id for non-commercial use; "LMTF" tags our payload. */
export const EXTRAS_PREFIX = new Uint8Array([0x7d, 0x4c, 0x4d, 0x54, 0x46]);

export const ExtrasSchema = z.object({
  v: z.literal(1),
  tempo: z.array(TempoEventSchema),
  keys: z.array(KeyEventSchema),
  tracks: z.array(z.object({ name: z.string(), role: z.enum(TRACK_ROLES), channel: z.number().int(), pan: z.number().min(-1).max(1).optional() })),
  sections: z.array(SectionSchema),
  markers: z.array(MarkerSchema),
  hits: z.array(HitPointSchema),
  meta: z.record(z.string(), z.unknown()),
});
export type Extras = z.infer<typeof ExtrasSchema>;
