/**
 * purpose: read a duration as people write it in notes and timing sheets: seconds ("83", "83.5", "83s",
 * "90 sec"), clock time ("1:23", "01:23", "00:01:23", "1:02:03.5"), timecode with frames ("00:01:23:12" at
 * 24 fps, "00:01:23;12" at 29.97) or units ("1m23s", "2 min", "1h 2m").
 * Returns seconds, or undefined when the text is not a duration.
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim().toLowerCase();
  if (!s || s.length > 40) return undefined;
  let m = /^(\d+(?:\.\d+)?)\s*(?:s|sec|secs|second|seconds)?$/.exec(s);
  if (m) return Number(m[1]);
  // SMPTE-style timecode with frames, hh:mm:ss:ff (24 fps film) or hh:mm:ss;ff (29.97 drop-frame video).
  m = /^(\d+):(\d{1,2}):(\d{1,2})([:;])(\d{1,2})$/.exec(s);
  if (m) {
    const fps = m[4] === ';' ? 29.97 : 24;
    const frames = Number(m[5]);
    if (Number(m[2]) >= 60 || Number(m[3]) >= 60 || frames >= Math.ceil(fps)) return undefined;
    return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + frames / fps;
  }
  m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(s);
  if (m) {
    const h = m[1] ? Number(m[1]) : 0;
    const min = Number(m[2]);
    const sec = Number(m[3]);
    if (sec >= 60 || (m[1] !== undefined && min >= 60)) return undefined;
    return h * 3600 + min * 60 + sec;
  }
  m = /^(?:(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:s|sec|secs|second|seconds))?$/.exec(s);
  if (m && (m[1] || m[2] || m[3])) return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  return undefined;
}
