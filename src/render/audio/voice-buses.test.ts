/**
 * purpose: the voice buses' bookkeeping — whatever mix of kernel buses, JavaScript buses (past MAX_BUSES in a
 * block) and direct pans (past MAX_STAGES output pairs) a block needs, every output and the reverb get exactly
 * Σ gain·sum of their buses, and every bus starts the next block empty.
 */
import { describe, expect, it } from 'vitest';
import { VoiceBuses } from './fast-voice.js';
import { MAX_BUSES, MAX_STAGES } from './wasm-hermite.js';

const PAN = (p: number): [number, number] => [Math.cos((Math.PI / 2) * (p / 1000)), Math.sin((Math.PI / 2) * (p / 1000))];

describe('VoiceBuses', () => {
  it.each([
    ['a few buses on one output pair', 6, 1],
    [`more buses than the kernel holds (${MAX_BUSES})`, MAX_BUSES + 30, 2],
    [`more output pairs than staging pairs (${MAX_STAGES})`, 60, MAX_STAGES + 4],
  ])('%s: each output gets the sum of its panned buses, the reverb its sends', (_, nBuses, nOutputs) => {
    const n = 100, start = 7;
    const reverbInput = new Float32Array(128);
    const buses = new VoiceBuses({ voiceBuffer: new Float32Array(128), reverbInput });
    const outs = Array.from({ length: nOutputs }, () => [new Float32Array(200), new Float32Array(200)] as const);
    const want = outs.map(() => [new Float64Array(200), new Float64Array(200)] as const);
    const wantRev = new Float64Array(128);
    for (let block = 0; block < 2; block++) {
      for (let b = 0; b < nBuses; b++) {
        const o = b % nOutputs, pan = (b * 37) % 1001, send = b % 3 === 0 ? 0 : 0.01 * b;
        const bus = buses.bus(outs[o][0], outs[o][1], pan, send, start, n);
        const k = buses.kernel!;
        const sum = bus.slot >= 0 ? k.f64.subarray(k.busAt(bus.slot) / 8, k.busAt(bus.slot) / 8 + n) : bus.sum;
        expect(sum.every((x) => x === 0), `bus ${b} starts empty in block ${block}`).toBe(true);
        const [gl, gr] = PAN(pan);
        for (let i = 0; i < n; i++) {
          const x = Math.sin(b + i * 0.1) * 0.01;
          sum[i] += x;
          want[o][0][start + i] += gl * x;
          want[o][1][start + i] += gr * x;
          wantRev[i] += send * x;
        }
      }
      buses.flush();
    }
    let worst = 0;
    for (let o = 0; o < nOutputs; o++) for (let c = 0; c < 2; c++) for (let i = 0; i < 200; i++) worst = Math.max(worst, Math.abs(outs[o][c][i] - want[o][c][i]));
    for (let i = 0; i < 128; i++) worst = Math.max(worst, Math.abs(reverbInput[i] - wantRev[i]));
    expect(worst).toBeLessThan(1e-7); // float32 outputs: rounding only
    expect(outs[0][0][start - 1]).toBe(0); // nothing outside the block
    expect(outs[0][0][start + n]).toBe(0);
  });
});
