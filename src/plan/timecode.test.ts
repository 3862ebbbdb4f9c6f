import { describe, it, expect } from 'vitest';
import { secondsToTimecode, timecodeToSeconds, secondsToFrames } from './timecode.js';

describe('timecode (non-drop-frame)', () => {
  it.each([
    [0, 24, '00:00:00:00'],
    [1 / 24, 24, '00:00:00:01'],
    [59.99, 24, '00:00:59:23'],
    [3661.5, 24, '01:01:01:12'],
    [10.5, 25, '00:00:10:12'],
    [90.2, 30, '00:01:30:06'],
  ])('%f s at %f fps → %s', (sec, fps, tc) => {
    expect(secondsToTimecode(sec, fps)).toBe(tc);
  });

  it('23.976 counts 24 frames per timecode second at 24000/1001 frames per real second', () => {
    // 1440 frames = 00:01:00:00 takes 60.06 s of real time.
    expect(secondsToTimecode(60.06, 23.976)).toBe('00:01:00:00');
    expect(secondsToTimecode(60.0, 23.976)).toBe('00:00:59:22');
    expect(timecodeToSeconds('00:01:00:00', 23.976)).toBeCloseTo(60.06, 9);
    expect(secondsToFrames(3600 * 1.001, 23.976)).toBe(86400);
  });

  it('29.97 NDF runs 30 labels per second and drifts 3.6 s per hour from wall clock', () => {
    expect(secondsToTimecode(3600, 29.97)).toBe('00:59:56:12');
    expect(timecodeToSeconds('01:00:00:00', 29.97)).toBeCloseTo(3603.6, 9);
  });

  it('round-trips every frame start', () => {
    for (const fps of [23.976, 24, 25, 29.97]) {
      for (const f of [0, 1, 23, 24, 1439, 1440, 86399, 107892]) {
        const s = f / (fps === 23.976 ? 24000 / 1001 : fps === 29.97 ? 30000 / 1001 : fps);
        expect(timecodeToSeconds(secondsToTimecode(s, fps), fps)).toBeCloseTo(s, 9);
      }
    }
  });

  it('rejects unsupported rates and malformed timecode with a clear error', () => {
    expect(() => secondsToTimecode(1, 48)).toThrow(/unsupported frame rate/);
    expect(() => timecodeToSeconds('1:2:3', 24)).toThrow(/not a timecode/);
    expect(() => timecodeToSeconds('00:00:00:24', 24)).toThrow(/out of range/);
  });
});
