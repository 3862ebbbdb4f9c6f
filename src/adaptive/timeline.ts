/**
 * purpose: a scripted game session — what the game would send the runtime, with times in seconds.
 *   {"duration": 90, "events": [
 *     {"time": 0,  "type": "param", "name": "danger", "value": 0.1},
 *     {"time": 10, "type": "ramp",  "name": "danger", "to": 0.9, "duration": 8},
 *     {"time": 20, "type": "event", "name": "enemySpotted"},
 *     {"time": 40, "type": "state", "name": "victory"}]}
 * Values are NOT validated against the graph on purpose: the engine must survive what a game sends.
 */
import { z } from 'zod';
import { LeitmotifError, formatZodIssues } from '../util/errors.js';
import { LIMITS, formatLimit, formatSeconds, limitError } from '../util/limits.js';

const sessionMax = `the longest session Leitmotif plays is ${formatLimit(LIMITS.sessionSeconds)} (${LIMITS.sessionSeconds} s)`;
const time = z.number().min(0).max(LIMITS.sessionSeconds, { message: sessionMax });

export const TimelineEventSchema = z.discriminatedUnion('type', [
  z.object({ time, type: z.literal('param'), name: z.string().min(1).max(100), value: z.number() }),
  z.object({ time, type: z.literal('ramp'), name: z.string().min(1).max(100), to: z.number(), duration: z.number().min(0).max(3600), from: z.number().optional() }),
  z.object({ time, type: z.literal('event'), name: z.string().min(1).max(100) }),
  z.object({ time, type: z.literal('state'), name: z.string().min(1).max(100) }),
]);
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const TimelineSchema = z.object({
  /** Session length in seconds; the render adds a release tail after it. */
  duration: z.number().positive().max(LIMITS.sessionSeconds, { message: sessionMax }),
  /** Game-loop rate: how often the game pushes parameter values (ramps are sampled at this rate). */
  updateRate: z.number().min(1).max(1000).default(30),
  events: z.array(TimelineEventSchema).max(1_000_000),
});
export type Timeline = z.infer<typeof TimelineSchema>;

export function parseTimeline(json: unknown, source = 'timeline'): Timeline {
  const r = TimelineSchema.safeParse(json);
  if (!r.success) throw new LeitmotifError('LM_ERR_INPUT_INVALID', `${source} is not a valid timeline: ${formatZodIssues(r.error.issues)}`, {
    hint: '{"duration": 60, "events": [{"time": 5, "type": "param", "name": "intensity", "value": 0.8}]}',
  });
  const t = r.data;
  // An event after the end would silently stretch the session to its time (a 10 s timeline with one event at
  // 24 h used to become a 24-hour render).
  const late = t.events.findIndex((e) => e.time > t.duration);
  if (late >= 0) {
    throw limitError(
      'LM_ERR_INPUT_INVALID',
      `${source}: event ${late + 1} ("${t.events[late].name}") is at ${formatSeconds(t.events[late].time)}, after the session ends (duration ${formatSeconds(t.duration)})`,
      'raise "duration" to cover every event, or remove the late event (limits: README "Limits")',
    );
  }
  return { ...t, events: [...t.events].sort((a, b) => a.time - b.time) };
}
