/**
 * purpose: phrasing slurs over a lead line's connected notes. The performance says which notes are held into the
 * next (articulate.ts `legato`); in the first voice of the top staff, a run of two or more such attacks, ended by
 * a detached note, a rest or a chord, is written under one slur. Slurs stay inside one voice, never nest, and
 * every start has its stop, so MuseScore and LilyPond read them without complaint.
 */
import type { Item, NoteItem } from './items.js';

const isTopVoice = (it: NoteItem) => it.voice === 1 && (it.staff === undefined || it.staff === 1);

/**
 * Mark `slur: 'start' | 'stop'` on the attacks of every legato run, in place, over a part's items in time order.
 * @example markSlurs(layoutPart(grid, part, directions, true).flat())
 */
export function markSlurs(items: readonly Item[]): void {
  let run: NoteItem[] = [];
  const flush = () => {
    if (run.length >= 2) {
      run[0].slur = 'start';
      run[run.length - 1].slur = 'stop';
    }
    run = [];
  };
  for (const it of items) {
    if (it.kind !== 'note' || !isTopVoice(it)) continue;
    if (it.rest) {
      flush();
      continue;
    }
    if (it.chord || it.tieStop) continue; // a chord's other notes and tied continuations are not attacks
    run.push(it);
    if (!it.legato) flush(); // this note lets go before the next: the phrase ends on it
  }
  flush();
}
