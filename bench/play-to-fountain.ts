/**
 * purpose: turn a Project Gutenberg stage play in the usual printed layout (ACT headings, a character cue such as
 * `ROPER.` alone on a line, the speech in the following paragraph, stage directions in `[_..._]`) into Fountain, so
 * a real full-length drama can go through `score` as a feature-length screenplay (bench:score --play).
 *
 * Mapping: each act becomes a forced scene heading (`.THE FIRST ACT`), and a long act is cut into "French scenes"
 * at the first entrance or exit after every ~60 speeches (`.THE FIRST ACT - 2`: a printed play has no scene
 * headings inside an act, and Leitmotif reads scenes of at most 30 minutes); a standalone bracketed/indented paragraph
 * becomes action (italic `_..._` paragraphs too); a cue (`ROPER.` or `_The Boy (throws his dart)._`) + speech becomes a character + dialogue block, with a leading `[_..._]` direction as the
 * parenthetical and later ones kept inline in the dialogue; the Gutenberg header and licence are dropped.
 *
 * @example
 *   const fountain = playToFountain(readFileSync('pinero-the-mind-the-paint-girl-pg21849.txt', 'utf8'));
 */

const CUE = /^([A-Z][A-Z .'&-]{1,40})\.$/;
/** The other common layout: `_The Boy (throws his dart)._` — an italic name with an optional direction. */
const ITALIC_CUE = /^_([A-Z][A-Za-z .'-]{1,40}?)(?: \(([^)]*)\))?\._$/;
const SCENE_SPEECHES = 60;
const ENTRANCE_OR_EXIT = /\b(enters?|entering|goes out|go out|exit|exeunt|withdraws?|departs?|leaves? the room|comes? in|come in)\b/i;
const ACT = /^(THE (FIRST|SECOND|THIRD|FOURTH|FIFTH|LAST) ACT|ACT [IVX]+\.?)$/;

function paragraphs(text: string): string[] {
  return text
    .replace(/\r/g, '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/** Strip the `_` italics marks; a direction keeps its brackets only where Fountain needs them (parentheticals). */
const plain = (s: string) => s.replace(/_/g, '');

export function playToFountain(source: string, title = 'A Play'): string {
  const text = source.replace(/\r/g, '');
  const start = text.search(/\*\*\* ?START OF (THIS|THE) PROJECT GUTENBERG[^\n]*\n/);
  const end = text.search(/\*\*\* ?END OF (THIS|THE) PROJECT GUTENBERG/);
  const body = text.slice(start >= 0 ? text.indexOf('\n', start) + 1 : 0, end >= 0 ? end : text.length);
  const firstAct = body.search(/\n\s*(THE FIRST ACT|ACT I\.?)\s*\n/);
  const paras = paragraphs(firstAct >= 0 ? body.slice(firstAct) : body);
  const out: string[] = [`Title: ${title}`, 'Credit: converted from a public-domain play', '', ''];
  let cue: string | null = null;
  let cueParen = '';
  let plays = 0;
  let acts = 0;
  let act = '';
  let part = 1;
  let speeches = 0;
  for (const p of paras) {
    if (ACT.test(p)) {
      if (/^(THE FIRST ACT|ACT I\.?)$/.test(p)) plays++; // a volume of several plays starts over at act one
      act = (plays > 1 ? `PLAY ${plays} - ` : '') + p.replace(/\.$/, '');
      out.push(`.${act}`, '');
      acts++;
      part = 1;
      speeches = 0;
      cue = null;
      continue;
    }
    if (/^END OF THE .* ACT\.?$|^THE END\.?$|^CURTAIN\.?$/.test(p)) continue;
    const m = CUE.exec(p);
    if (m) {
      cue = m[1].trim();
      cueParen = '';
      continue;
    }
    const im = ITALIC_CUE.exec(p);
    if (im && acts > 0) {
      cue = im[1].trim().toUpperCase();
      cueParen = im[2] ? `(${plain(im[2]).trim()})` : '';
      continue;
    }
    if (acts === 0) continue; // cast list, scene notes before the first act
    if (cue) {
      // The speech: a leading direction becomes the parenthetical.
      let speech = p;
      let paren = cueParen;
      const lead = /^\[([^\]]*)\]\s*/.exec(speech);
      if (lead) {
        paren = `(${plain(lead[1]).replace(/\.$/, '').trim()})`;
        speech = speech.slice(lead[0].length);
      }
      speech = plain(speech).trim();
      if (!speech) {
        out.push(plain(p.replace(/^\[|\]$/g, '')), '');
      } else {
        out.push(cue, ...(paren ? [paren] : []), speech, '');
      }
      cue = null;
      cueParen = '';
      speeches++;
    } else {
      if (speeches >= SCENE_SPEECHES && ENTRANCE_OR_EXIT.test(p)) {
        out.push(`.${act} - ${++part}`, '');
        speeches = 0;
      }
      out.push(plain(p.replace(/^\[|\]$/g, '')), '');
    }
  }
  return out.join('\n');
}
