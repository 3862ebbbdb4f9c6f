/** purpose: the few XML helpers the MusicXML writer needs (escaping, numbers without float noise). */
export const esc = (s: string): string =>
  s
    // eslint-disable-next-line no-control-regex -- these characters are exactly what XML 1.0 forbids
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** A decimal with at most `digits` places and no trailing zeros ("86.61", "120", "-45"). */
export function num(x: number, digits = 2): string {
  const r = Number(x.toFixed(digits));
  return Object.is(r, -0) ? '0' : String(r);
}

export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
