/**
 * purpose: worker-thread body that renders one slice of a film score's render plan (see ../film-audio.ts) and
 * posts back the float buffers (transferred, not copied). One SoundFont load per worker.
 */
import { parentPort } from 'node:worker_threads';
import { loadSoundBank, type RenderPlan, type StemEffects } from '../index.js';
import { renderPlan } from '../synth-engine.js';

export interface SliceJob {
  id: number;
  plan: RenderPlan;
  sampleRate: number;
  stemEffects: StemEffects;
  soundfont?: string;
}

parentPort?.on('message', async (job: SliceJob) => {
  try {
    const bank = loadSoundBank(job.soundfont);
    const out = await renderPlan(job.plan, { sampleRate: job.sampleRate, bank, stems: true, stemEffects: job.stemEffects });
    const stems = [...out.stems.entries()];
    const fx = out.fx ? [out.fx[0].buffer, out.fx[1].buffer] : [];
    const transfer = [...new Set([out.mix[0].buffer, out.mix[1].buffer, ...fx, ...stems.flatMap(([, [l, r]]) => [l.buffer, r.buffer])])];
    parentPort!.postMessage({ id: job.id, ok: true, mix: out.mix, stems, fx: out.fx, frames: out.frames, contentFrames: out.contentFrames }, transfer as ArrayBuffer[]);
  } catch (e) {
    parentPort!.postMessage({ id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
