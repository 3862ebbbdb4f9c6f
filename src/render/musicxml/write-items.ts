/**
 * purpose: one laid-out item as MusicXML text — a <note> (pitch, unpitched drum or rest; duration, ties, voice,
 * type and dots, accidental, triplet time-modification, notehead, staff, notations: ties, tuplets, tremolo,
 * staccato and accent), a <backup>, or a
 * <direction> with its offset.
 */
import { drumDisplay } from './drums.js';
import type { Item } from './items.js';
import { num } from './xml.js';

/**
 * The XML lines of one item; `dur` turns ticks into the part's divisions.
 *
 * @example
 * writeItem({ kind: 'backup', ticks: 1920 }, 'P1', (t) => String(t / 120)) // ['      <backup><duration>16</duration></backup>']
 */
export function writeItem(it: Item, partId: string, dur: (t: number) => string): string[] {
  if (it.kind === 'backup') return [`      <backup><duration>${dur(it.ticks)}</duration></backup>`];
  if (it.kind === 'direction') return [`      ${it.xml(it.tick > 0 ? `<offset sound="yes">${dur(it.tick)}</offset>` : '')}`];
  // A hidden rest in an inner voice is a gap, not a rest: <forward> keeps the voice's time without a rest for
  // notation programs to place (MuseScore files a rest with no instrument as an instrument change on drum parts).
  if (it.rest && it.hidden) return [`      <forward><duration>${dur(it.ticks)}</duration><voice>${it.voice}</voice>${it.staff ? `<staff>${it.staff}</staff>` : ''}</forward>`];
  const attrs = !it.rest ? ` dynamics="${num((it.velocity / 90) * 100)}"` : '';
  const x: string[] = [];
  if (it.chord) x.push('<chord/>');
  if (it.rest) x.push(it.value === null ? '<rest measure="yes"/>' : '<rest/>');
  else if (it.drum) {
    const d = drumDisplay(it.drum.pitch);
    x.push(`<unpitched><display-step>${d.step}</display-step><display-octave>${d.octave}</display-octave></unpitched>`);
  } else {
    const p = it.pitch!;
    x.push(`<pitch><step>${p.step}</step>${p.alter ? `<alter>${p.alter}</alter>` : ''}<octave>${p.octave}</octave></pitch>`);
  }
  x.push(`<duration>${dur(it.ticks)}</duration>`);
  if (it.tieStop) x.push('<tie type="stop"/>');
  if (it.tieStart) x.push('<tie type="start"/>');
  if (it.drum) x.push(`<instrument id="${partId}-I${it.drum.pitch + 1}"/>`);
  x.push(`<voice>${it.voice}</voice>`);
  const v = it.value;
  if (v?.type) {
    x.push(`<type>${v.type}</type>`);
    for (let i = 0; i < v.dots; i++) x.push('<dot/>');
  }
  if (it.accidental) x.push(`<accidental>${it.accidental}</accidental>`);
  if (v?.triplet) x.push('<time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification>');
  if (it.drum && !it.rest) {
    const d = drumDisplay(it.drum.pitch);
    if (d.notehead !== 'normal') x.push(`<notehead>${d.notehead}</notehead>`);
  }
  if (it.staff) x.push(`<staff>${it.staff}</staff>`);
  const tuplet =
    it.tuplet === 'start' ? '<tuplet type="start" bracket="yes"/>' : it.tuplet === 'stop' ? '<tuplet type="stop"/>' : it.tuplet === 'both' ? '<tuplet type="start" bracket="yes"/><tuplet type="stop"/>' : '';
  const marks = `${it.accent ? '<accent/>' : ''}${it.staccato ? '<staccato/>' : ''}`;
  const notations = [
    it.tieStop ? '<tied type="stop"/>' : '',
    it.tieStart ? '<tied type="start"/>' : '',
    it.slur ? `<slur type="${it.slur}" number="1"/>` : '',
    tuplet,
    it.tremolo && rollFits(v?.type, it.tremolo) ? `<ornaments><tremolo type="single">${it.tremolo}</tremolo></ornaments>` : '',
    marks ? `<articulations>${marks}</articulations>` : '',
  ].join('');
  if (notations) x.push(`<notations>${notations}</notations>`);
  return [`      <note${attrs}>${x.join('')}</note>`];
}

const TYPE_BEATS: Record<string, number> = { whole: 4, half: 2, quarter: 1, eighth: 0.5, '16th': 0.25, '32nd': 0.125, '64th': 0.0625 };

/**
 * A tremolo of `strokes` beams divides the note into 2^-strokes-beat strokes; on a note no longer than one stroke
 * (the tied 16th that ends a roll) it means nothing, and MuseScore plays it as a second, colliding stroke.
 */
function rollFits(type: string | undefined, strokes: number): boolean {
  return type === undefined || (TYPE_BEATS[type] ?? 1) > 2 ** -strokes;
}
