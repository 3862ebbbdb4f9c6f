/**
 * purpose: the Leitmotif data a plain SMF cannot hold (track roles, section spans and kinds, hit-point targets,
 * modal keys, tempo ramps, provenance), carried in one sequencer-specific meta event (FF 7F) in the conductor
 * track. Other software ignores FF 7F; midiToScore uses it only where it still agrees with the file's standard
 * events (someone may have edited the file in a DAW since).
 */
import { z } from 'zod';
import { HitPointSchema, KeyEventSchema, MarkerSchema, SectionSchema, TempoEventSchema, TRACK_ROLES } from '../../score/schema.js';

export { EXTRAS_PREFIX } from './extras-tag.js';

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
