/**
 * purpose: estimate screen time from page layout — the industry's "one page ≈ one minute" rule made explicit.
 *
 * A standard screenplay page (Courier 12, 10 characters per inch) holds about 55 lines. Action runs 6" wide
 * (≈60 characters), dialogue 3.5" (≈35), parentheticals ≈2.5" (≈25). Each element is followed by one blank line;
 * a scene heading takes its line plus a blank (2 lines). We count wrapped lines, weight them by how fast that kind
 * of line plays on screen, and convert at 55 weighted lines = 60 seconds.
 *
 * Weights (line units per printed line), chosen so that a typical mixed page still lands on ~1 minute:
 * - action 1.0; lines beyond the 4th of one block weigh 1.25 (dense description stages more than its page share —
 *   fights, chases, montages);
 * - dialogue 0.85 (speech at ~150 wpm plays slightly faster than its page space); the cue 0.5; parentheticals 0.5;
 * - lyrics 1.3 (sung slower than spoken);
 * - transition 0.5 for the line (a cut is instant; the blank line still counts);
 * - centered text as action; sections, synopses, notes, page breaks: 0 (they never reach the screen).
 * Plain prose (treatments) is compressed storytelling: 4 s + 0.45 s per word per paragraph (~300 words ≈ 2.3 min).
 *
 * Page count (calibrated, issue 14): the weighted units above are screen time, not paper. Measured against
 * rendered page counts they ran ~12 % short, because a cue, a parenthetical or a transition takes a whole printed
 * line however fast it plays, and a scene heading has a blank line before and after it. Pages are therefore
 * counted from printed lines alone (`printedLines`), with the industry layout:
 * - 55 lines per page; action (and centered text) wrapped at 61 characters, dialogue at 35, parentheticals at 25;
 * - a dialogue block = character cue (1 line) + parenthetical lines + spoken lines; lyrics likewise;
 * - a transition 1 line; every element followed by 1 blank line;
 * - a scene heading: 1 blank line before, its wrapped lines, 1 blank line after;
 * - dual dialogue prints side by side: the taller side counts.
 * On the three example screenplays this raises the page estimate by +13.8 % to +14.2 % (the-lighthouse 4.12 →
 * 4.71, heist 4.49 → 5.11, wedding-and-wake 3.82 → 4.35). Screen time is unchanged (one page ≈ one minute
 * remains the timing rule on the weighted units).
 */
import type { DraftElement } from './draft.js';

export const LINES_PER_PAGE = 55;
export const SECONDS_PER_PAGE = 60;
export const SECONDS_PER_LINE = SECONDS_PER_PAGE / LINES_PER_PAGE;

export const WIDTH = { action: 60, dialogue: 35, parenthetical: 25 } as const;
export const WEIGHT = {
  action: 1.0,
  denseAction: 1.25,
  denseAfterLines: 4,
  dialogue: 0.85,
  cue: 0.5,
  parenthetical: 0.5,
  lyrics: 1.3,
  transition: 0.5,
  blank: 1.0,
  heading: 2.0,
} as const;
export const PLAIN = { perParagraph: 4, perWord: 0.45 } as const;
/** Printed layout for page counts (see the module comment). */
export const PRINT = { action: 61, dialogue: 35, parenthetical: 25, blankAfter: 1, headingBlankBefore: 1, headingBlankAfter: 1 } as const;

/** Printed lines of `text` when greedily word-wrapped at `width` characters (each hard line at least 1). */
export function wrappedLines(text: string, width: number): number {
  let total = 0;
  let col = 0; // characters on the current printed line
  let word = 0; // length of the word being read
  const place = () => {
    if (word === 0) return;
    if (col === 0) col = word;
    else if (col + 1 + word <= width) col += 1 + word;
    else {
      total++;
      col = word;
    }
    while (col > width) {
      total++;
      col -= width;
    }
    word = 0;
  };
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10) {
      place();
      total++; // the hard line itself (an empty line still prints)
      col = 0;
    } else if (c === 32 || c === 9 || c === 13) place();
    else word++;
  }
  return total;
}

export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Weighted line units of one element in a screenplay (Fountain/FDX). 0 for non-screen elements. */
export function elementUnits(el: DraftElement): number {
  switch (el.type) {
    case 'action':
    case 'centered': {
      const lines = wrappedLines(el.text, WIDTH.action);
      const dense = Math.max(0, lines - WEIGHT.denseAfterLines);
      return (lines - dense) * WEIGHT.action + dense * WEIGHT.denseAction + WEIGHT.blank;
    }
    case 'dialogue': {
      const spoken = el.spoken ?? el.text;
      const spokenLines = spoken.trim() ? wrappedLines(spoken, WIDTH.dialogue) : 0;
      let paren = 0;
      for (const p of el.parentheticals ?? []) paren += wrappedLines(`(${p})`, WIDTH.parenthetical);
      return WEIGHT.cue + spokenLines * WEIGHT.dialogue + paren * WEIGHT.parenthetical + WEIGHT.blank;
    }
    case 'parenthetical':
      return wrappedLines(el.text, WIDTH.parenthetical) * WEIGHT.parenthetical + WEIGHT.blank;
    case 'lyrics':
      return (el.speaker ? WEIGHT.cue : 0) + wrappedLines(el.text, WIDTH.dialogue) * WEIGHT.lyrics + WEIGHT.blank;
    case 'transition':
      return WEIGHT.transition + WEIGHT.blank;
    default:
      return 0;
  }
}

/** Seconds of one plain-prose paragraph. */
export function plainParagraphSeconds(text: string): number {
  return PLAIN.perParagraph + PLAIN.perWord * countWords(text);
}

/** Printed lines of a scene heading: a blank line before, the heading (wrapped at the action width), a blank after. */
export function headingPrintedLines(heading: string): number {
  return PRINT.headingBlankBefore + wrappedLines(heading, PRINT.action) + PRINT.headingBlankAfter;
}

/** Printed lines of one element on a standard page, with its trailing blank line. 0 for non-screen elements. */
export function printedLines(el: DraftElement): number {
  switch (el.type) {
    case 'action':
    case 'centered':
      return wrappedLines(el.text, PRINT.action) + PRINT.blankAfter;
    case 'dialogue': {
      const spoken = el.spoken ?? el.text;
      let paren = 0;
      for (const p of el.parentheticals ?? []) paren += wrappedLines(`(${p})`, PRINT.parenthetical);
      return 1 + paren + (spoken.trim() ? wrappedLines(spoken, PRINT.dialogue) : 0) + PRINT.blankAfter;
    }
    case 'parenthetical':
      return wrappedLines(el.text, PRINT.parenthetical) + PRINT.blankAfter;
    case 'lyrics':
      return (el.speaker ? 1 : 0) + wrappedLines(el.text, PRINT.dialogue) + PRINT.blankAfter;
    case 'transition':
      return 1 + PRINT.blankAfter;
    default:
      return 0;
  }
}
