/**
 * purpose: counting a text's words (runs of non-white-space, as `text.split(/\s+/).filter(Boolean)` counts them)
 * without building the array: scene reading counts the words of every beat.
 */

/** JavaScript's `\s`: the ECMAScript white space and line terminators. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The number of words: maximal runs of characters that are not white space.
 * @example wordCount('  The door   slams. ') // 3
 */
export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
