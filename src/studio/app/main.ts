/**
 * purpose: Leitmotif Studio's page — open or create a project, see the arc and the cue sheet, edit a cue and
 * recompose it, read its take in the piano roll (solo/mute, chord symbols, hits), lock bars/tracks and
 * regenerate, import a motif, edit notes, A/B takes, audition and export. All state lives on the server
 * (src/studio/server); this file renders it and sends the composer's actions. `window.__studio` exposes a little
 * state for the end-to-end test.
 */
import { api, call, type ProjectView, type TakeView, type JobStatus } from './api.js';
import { arcSvg, arcTimeAt, SELECTED_SCENE } from './arc-plot.js';
import { geometry, rollSvg, trackColor } from './piano-roll.js';
import { Player } from './player.js';
import { barTicks, secondsAt, tickAt } from './timing.js';

const STYLES = ['orchestral', 'piano', 'ambient', 'chiptune', 'rock'];
const KEYS = ['C', 'C#', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];
const MODES = ['major', 'minor', 'dorian', 'phrygian', 'lydian', 'mixolydian', 'locrian', 'harmonic-minor'];

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const f2 = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(2);

interface UiState {
  project: ProjectView | null;
  cue: string | null;
  take: TakeView | null;
  scene: number | null;
  track: string | null;
  muted: Set<string>;
  solo: Set<string>;
  lockedTracks: Set<string>;
  busy: number;
  lastJob: JobStatus | null;
}
const ui: UiState = { project: null, cue: null, take: null, scene: null, track: null, muted: new Set(), solo: new Set(), lockedTracks: new Set(), busy: 0, lastJob: null };
const player = new Player();

declare global {
  interface Window { __studio?: { ui: UiState; player: Player; idle: () => boolean; errors: string[] } }
}
const errors: string[] = [];
window.__studio = { ui, player, idle: () => ui.busy === 0, errors };

function status(msg: string, isError = false): void {
  const el = $('status');
  el.textContent = msg;
  el.style.color = isError ? '#fc8181' : '';
  if (isError) errors.push(msg);
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Run an action after the ones before it (edits reach the server in the order they were made), with a busy
 * indicator; errors show in the status line (never an uncaught rejection).
 */
function act<T>(label: string, fn: () => Promise<T>): Promise<T | undefined> {
  ui.busy++;
  document.body.style.cursor = 'progress';
  const run = queue.then(() => runAct(label, fn));
  queue = run;
  return run;
}

async function runAct<T>(label: string, fn: () => Promise<T>): Promise<T | undefined> {
  status(`${label}…`);
  try {
    const r = await fn();
    status(`${label}: done`);
    return r;
  } catch (e) {
    status(`${label} failed: ${(e as Error).message}`, true);
    return undefined;
  } finally {
    ui.busy--;
    if (!ui.busy) document.body.style.cursor = '';
  }
}

// ---------- project ----------

async function refreshProjectList(): Promise<void> {
  const list = await api.projects();
  const sel = $<HTMLSelectElement>('project-list');
  sel.innerHTML = '<option value="">— open a project —</option>' + list.map((p) => `<option value="${p.id}">${esc(p.name)}</option>`).join('');
  if (ui.project) sel.value = ui.project.id;
}

async function openProject(id: string, keepCue = true): Promise<void> {
  ui.project = await api.project(id);
  history.replaceState(null, '', `#${id}`);
  $('main').hidden = false;
  $('empty').hidden = true;
  $<HTMLButtonElement>('undo').disabled = !ui.project.canUndo;
  $<HTMLButtonElement>('redo').disabled = !ui.project.canRedo;
  $('undo').title = ui.project.canUndo ? `Undo “${ui.project.lastEdit}”` : 'Nothing to undo';
  $('exports').innerHTML = ['score.mid', 'score.musicxml', 'cuesheet.json', 'cuesheet.csv', 'provenance.json'].map((f) => `<a href="/api/projects/${id}/${f}" download>${f}</a>`).join(' · ');
  if (!keepCue || !ui.cue || !ui.project.cueSheet.cues.some((c) => c.id === ui.cue)) ui.cue = ui.project.cueSheet.cues[0]?.id ?? null;
  renderArc();
  renderCueTable();
  if (ui.cue) await loadTake(ui.cue, ui.project.selected[ui.cue]);
  await refreshProjectList();
}

// ---------- arc ----------

function renderArc(): void {
  const p = ui.project!;
  $('arc').innerHTML = arcSvg(p.analysis, p.cueSheet, ui.cue, ui.scene);
  renderSceneInfo();
}

function renderSceneInfo(): void {
  const p = ui.project!;
  const el = $('scene-info');
  const s = p.analysis?.scenes.find((x) => x.index === ui.scene);
  if (!s) {
    el.innerHTML = p.analysis ? '<span class="sub">Click a scene band to read it and see why it got its emotion.</span>' : '<span class="sub">A blank cue: no screenplay.</span>';
    return;
  }
  const beats = p.analysis!.beats.filter((b) => b.scene === s.index);
  // Why: the lines that pull the scene's emotion most (furthest from neutral), in script order.
  const pull = (b: { valence: number; arousal: number; tension: number }) => Math.abs(b.valence) + Math.abs(b.arousal) + Math.abs(b.tension - 0.3);
  const strongest = [...beats].sort((a, b) => pull(b) - pull(a)).slice(0, 3).sort((a, b) => a.element - b.element);
  const cue = p.cueSheet.cues.find((c) => c.scenes.includes(s.index));
  const dry = p.cueSheet.dryScenes.find((d) => d.scene === s.index);
  el.innerHTML = `<b>${esc(String(s.number ?? s.index + 1))}. ${esc(s.heading)}</b> — valence ${f2(s.valence)}, arousal ${f2(s.arousal)}, tension ${s.tension.toFixed(2)}`
    + (cue ? ` · scored by <a href="#" data-cue="${cue.id}">${cue.id}</a>` : dry ? ` · no music: ${esc(dry.why)}` : '')
    + (s.direction ? `<div>Director: ${esc(s.direction)}</div>` : '')
    + `<div class="sub">Why this emotion — the lines that weigh most:</div>`
    + strongest.map((b) => `<blockquote>${b.character ? `<b>${esc(b.character.toUpperCase())}:</b> ` : ''}${esc(b.text.slice(0, 240))} <span class="sub">(v ${f2(b.valence)}, a ${f2(b.arousal)}, t ${b.tension.toFixed(2)})</span></blockquote>`).join('')
    + `<details><summary class="sub">Read the whole scene (${beats.length} lines)</summary>${beats.map((b) => `<blockquote>${b.character ? `<b>${esc(b.character.toUpperCase())}:</b> ` : ''}${esc(b.text)}</blockquote>`).join('')}</details>`;
}

// Dragging a cue's in/out point or a hit on the arc; the edit is sent on release.
let drag: { kind: 'edge' | 'hit'; cue: string; edge?: 'start' | 'end'; hit?: number; moved: boolean } | null = null;
const arcTime = (e: MouseEvent) => {
  const svg = $('arc').querySelector('svg')!;
  const box = svg.getBoundingClientRect();
  return Math.round(arcTimeAt(ui.project!.cueSheet, e.clientX - box.left, box.width) * 1000) / 1000;
};
$('arc').addEventListener('pointerdown', (e) => {
  const t = e.target as Element;
  const cue = t.getAttribute('data-cue');
  if (!cue) return;
  if (t.classList.contains('cue-edge')) drag = { kind: 'edge', cue, edge: t.getAttribute('data-edge') as 'start' | 'end', moved: false };
  else if (t.classList.contains('hit') && !e.shiftKey) drag = { kind: 'hit', cue, hit: Number(t.getAttribute('data-hit')), moved: false };
  if (drag) e.preventDefault();
});
window.addEventListener('pointermove', (e) => {
  if (!drag) return;
  drag.moved = true;
  const cue = ui.project!.cueSheet.cues.find((c) => c.id === drag!.cue)!;
  const t = arcTime(e);
  // Move the drawing live; the server checks the edit when it is dropped.
  if (drag.kind === 'edge') cue[drag.edge!] = t;
  else cue.spec.hits[drag.hit!].time = Math.max(0, Math.min(cue.end - cue.start, t - cue.start));
  $('arc').innerHTML = arcSvg(ui.project!.analysis, ui.project!.cueSheet, ui.cue, ui.scene);
});
window.addEventListener('pointerup', () => {
  if (!drag) return;
  const d = drag;
  drag = null;
  if (!d.moved) return;
  const cue = ui.project!.cueSheet.cues.find((c) => c.id === d.cue)!;
  const patch = d.kind === 'edge' ? { [d.edge!]: cue[d.edge!] } : { hits: cue.spec.hits };
  void act(d.kind === 'edge' ? `move the ${d.edge === 'start' ? 'in' : 'out'} point of ${d.cue}` : `move a hit of ${d.cue}`, async () => {
    try {
      await api.patchCue(ui.project!.id, d.cue, patch);
    } finally {
      await openProject(ui.project!.id);
    }
    status(`${d.cue} changed — Recompose to hear it`);
  });
});
$('arc').addEventListener('dblclick', (e) => {
  const t = arcTime(e);
  const cue = ui.project!.cueSheet.cues.find((c) => t >= c.start && t <= c.end);
  if (!cue) return status('double-click inside a cue to add a hit', true);
  const hits = [...cue.spec.hits, { time: Math.round((t - cue.start) * 1000) / 1000, label: 'hit', salience: 0.8 }].sort((a, b) => a.time - b.time);
  void act(`add a hit to ${cue.id}`, async () => { await api.patchCue(ui.project!.id, cue.id, { hits }); await openProject(ui.project!.id); });
});

$('arc').addEventListener('click', (e) => {
  const hitEl = (e.target as Element).closest('.hit');
  if (hitEl && e.shiftKey) {
    const cueId = hitEl.getAttribute('data-cue')!;
    const i = Number(hitEl.getAttribute('data-hit'));
    const cue = ui.project!.cueSheet.cues.find((c) => c.id === cueId)!;
    return void act(`delete a hit of ${cueId}`, async () => { await api.patchCue(ui.project!.id, cueId, { hits: cue.spec.hits.filter((_, k) => k !== i) }); await openProject(ui.project!.id); });
  }
  const t = e.target as Element;
  const cue = t.getAttribute('data-cue');
  if (cue) return void selectCue(cue);
  const scene = t.getAttribute('data-scene');
  if (scene !== null) {
    ui.scene = Number(scene);
    // Recolour in place: redrawing the plot between two clicks would swallow a double-click (add a hit).
    for (const r of $('arc').querySelectorAll('rect.scene')) r.setAttribute('fill', r.getAttribute('data-scene') === scene ? SELECTED_SCENE : r.getAttribute('data-fill')!);
    renderSceneInfo();
  }
});
$('scene-info').addEventListener('click', (e) => {
  const cue = (e.target as Element).getAttribute('data-cue');
  if (cue) { e.preventDefault(); void selectCue(cue); }
});

// ---------- cue sheet ----------

function renderCueTable(): void {
  const p = ui.project!;
  const rows = p.cueSheet.cues.map((c) => {
    const e = c.spec.emotion;
    const caught = c.hits.filter((h) => h.caught).length;
    const key = c.composed ? `${c.composed.key}` : `${c.spec.key ?? ''} ${c.spec.mode ?? ''}`;
    const motifs = c.spec.motifs.map((m) => esc(m.name ?? m.id)).join(', ');
    return `<tr data-cue="${c.id}" class="${c.id === ui.cue ? 'selected' : ''}">
      <td><b>${c.id}</b></td><td>${c.startTC}</td><td>${c.endTC}</td><td>${esc((c.sceneNumbers ?? c.scenes.map((s) => String(s + 1))).join(', ') || '—')}</td>
      <td><span class="emo" data-role="emotion-label">${esc(p.emotions[c.id] ?? '')}</span>
        v <input type="number" step="0.1" min="-1" max="1" data-field="valence" value="${+e.valence.toFixed(2)}" />
        a <input type="number" step="0.1" min="-1" max="1" data-field="arousal" value="${+e.arousal.toFixed(2)}" />
        t <input type="number" step="0.1" min="0" max="1" data-field="tension" value="${+e.tension.toFixed(2)}" /></td>
      <td><select data-field="style">${STYLES.map((s) => `<option${s === c.spec.style ? ' selected' : ''}>${s}</option>`).join('')}</select></td>
      <td title="${esc(key)}"><select data-field="key"><option value="">auto</option>${KEYS.map((k) => `<option${k === c.spec.key ? ' selected' : ''}>${k}</option>`).join('')}</select>
        <select data-field="mode"><option value="">auto</option>${MODES.map((m) => `<option${m === c.spec.mode ? ' selected' : ''}>${m}</option>`).join('')}</select>
        <span class="sub">${esc(key)}</span></td>
      <td><input type="number" min="30" max="300" data-field="tempo" value="${(c.spec.tempo ?? Math.round(c.composed?.tempo ?? 0)) || ''}" /></td>
      <td title="${esc(c.hits.map((h) => `${h.timecode} ${h.label}${h.caught ? '' : ` (missed: ${h.reason ?? ''})`}`).join('\n'))}">${caught}/${c.hits.length}</td>
      <td>${motifs || '—'}</td>
      <td><input class="direction" data-field="direction" placeholder="e.g. darker, slower" value="${esc(p.directions[c.id]?.text ?? '')}" /></td>
      <td><button class="small" data-action="recompose">Recompose</button></td></tr>`;
  });
  $('cue-table').innerHTML = `<thead><tr><th>Cue</th><th>In</th><th>Out</th><th>Scenes</th><th>Emotion</th><th>Palette</th><th>Key</th><th>Tempo</th><th>Hits</th><th>Motifs</th><th>Direction</th><th></th></tr></thead><tbody>${rows.join('')}</tbody>`;
}

/** The edits typed into a cue's row, as a PATCH body (only what changed). */
function rowPatch(row: HTMLElement, cueId: string): Record<string, unknown> {
  const c = ui.project!.cueSheet.cues.find((x) => x.id === cueId)!;
  const val = (f: string) => (row.querySelector(`[data-field="${f}"]`) as HTMLInputElement).value;
  const patch: Record<string, unknown> = {};
  const emo = { valence: Number(val('valence')), arousal: Number(val('arousal')), tension: Number(val('tension')) };
  const e = c.spec.emotion;
  const r2 = (x: number) => +x.toFixed(2);
  if (emo.valence !== r2(e.valence) || emo.arousal !== r2(e.arousal) || emo.tension !== r2(e.tension)) patch.emotion = emo;
  if (val('style') !== c.spec.style) patch.style = val('style');
  if (val('key') && val('key') !== c.spec.key) patch.key = val('key');
  if (val('mode') && val('mode') !== c.spec.mode) patch.mode = val('mode');
  const tempo = Number(val('tempo'));
  if (val('tempo') && tempo !== (c.spec.tempo ?? Math.round(c.composed?.tempo ?? 0))) patch.tempo = tempo;
  if (val('direction') !== (ui.project!.directions[cueId]?.text ?? '')) patch.direction = val('direction');
  return patch;
}

$('cue-table').addEventListener('click', (e) => {
  const t = e.target as HTMLElement;
  const row = t.closest('tr[data-cue]') as HTMLElement | null;
  if (!row) return;
  const cueId = row.dataset.cue!;
  if (t.dataset.action === 'recompose') return void recompose(cueId, () => rowPatch(row, cueId));
  if (t.tagName !== 'INPUT' && t.tagName !== 'SELECT' && cueId !== ui.cue) void selectCue(cueId);
});
$('cue-table').addEventListener('change', (e) => {
  const row = (e.target as HTMLElement).closest('tr[data-cue]') as HTMLElement | null;
  if (!row) return;
  const cueId = row.dataset.cue!;
  void act(`edit ${cueId}`, async () => {
    // Read the row when the edit runs, against the project as the edits before it left it.
    const patch = rowPatch(row, cueId);
    if (!Object.keys(patch).length) return;
    ui.project = await api.patchCue(ui.project!.id, cueId, patch);
    // Only the derived cells change: re-rendering the row would wipe what the composer is still typing.
    const live = document.querySelector(`tr[data-cue="${cueId}"]`);
    const label = live?.querySelector('[data-role=emotion-label]');
    if (label) label.textContent = ui.project.emotions[cueId] ?? '';
    // A new emotion re-derives mode and tempo on the server: show that, except in a field being typed in.
    const spec = ui.project.cueSheet.cues.find((c) => c.id === cueId)?.spec;
    for (const f of ['mode', 'tempo'] as const) {
      const el = live?.querySelector(`[data-field="${f}"]`) as HTMLInputElement | null;
      if (el && spec && !(f in patch) && document.activeElement !== el) el.value = spec[f] === undefined ? '' : String(spec[f]);
    }
    renderArc();
    $<HTMLButtonElement>('undo').disabled = false;
  });
});

async function recompose(cueId: string, edits: () => Record<string, unknown>): Promise<void> {
  await act(`recompose ${cueId}`, async () => {
    const id = ui.project!.id;
    const patch = edits();
    if (Object.keys(patch).length) await api.patchCue(id, cueId, patch);
    const take = await api.compose(id, cueId, {});
    ui.cue = cueId;
    await openProject(id);
    return take;
  });
}

async function selectCue(cueId: string): Promise<void> {
  ui.cue = cueId;
  ui.track = null;
  ui.lockedTracks.clear();
  ui.muted.clear();
  ui.solo.clear();
  renderArc();
  renderCueTable();
  await loadTake(cueId, ui.project!.selected[cueId]);
}

// ---------- takes and the roll ----------

async function loadTake(cueId: string, n: number): Promise<void> {
  ui.take = await api.take(ui.project!.id, cueId, n);
  const cue = ui.project!.cueSheet.cues.find((c) => c.id === cueId)!;
  $('cue-panel').hidden = false;
  const s = ui.take.summary;
  $('cue-title').innerHTML = `Cue ${cueId} — ${esc(cue.title)} <span class="sub">take ${n} · ${esc(s.key)} · ${Math.round(s.tempo)} bpm · ${s.meter} · ${s.bars} bars · seed ${ui.take.seed}${ui.take.lock ? ` · regenerated around ${lockText(ui.take.lock)}` : ''}</span>`;
  $('take-exports').innerHTML = `<a href="/api/projects/${ui.project!.id}/cues/${cueId}/takes/${n}/score.mid" download id="export-midi">MIDI</a> · <a href="/api/projects/${ui.project!.id}/cues/${cueId}/takes/${n}/score.musicxml" download>MusicXML</a>`;
  $<HTMLInputElement>('play-bar').max = String(s.bars);
  renderTakes();
  renderTracks();
  renderRoll();
  renderMotifTargets();
}

function lockText(l: { bars?: [number, number]; tracks?: string[] }): string {
  return [l.bars ? `bars ${l.bars[0]}–${l.bars[1]}` : '', l.tracks?.length ? l.tracks.join(', ') : ''].filter(Boolean).join(' + ');
}

function renderTakes(): void {
  const p = ui.project!;
  const takes = p.takes.filter((t) => t.cue === ui.cue);
  const cur = p.selected[ui.cue!];
  $('takes').innerHTML = takes.map((t) => `<li class="${t.n === cur ? 'current' : ''}" data-take="${t.n}"><a href="#" data-take="${t.n}">take ${t.n}</a> <span class="sub">${t.origin}${t.lock ? ` (${esc(lockText(t.lock))} locked)` : ''}${t.parent ? ` from ${t.parent}` : ''} · seed ${t.seed}</span>${t.n === cur ? ' ✓' : ''} <select class="rate" data-rate="${t.n}" title="Rate this take">${['', '1', '2', '3', '4', '5'].map((r) => `<option value="${r}"${String(t.rating ?? '') === r ? ' selected' : ''}>${r ? '★'.repeat(Number(r)) : 'rate'}</option>`).join('')}</select></li>`).join('');
  const opts = takes.map((t) => `<option value="${t.n}">take ${t.n} (${t.origin})</option>`).join('');
  const a = $<HTMLSelectElement>('ab-a');
  const b = $<HTMLSelectElement>('ab-b');
  a.innerHTML = opts;
  b.innerHTML = opts;
  // Default A/B: the current take against the one before it.
  a.value = String(cur);
  b.value = String(takes.filter((t) => t.n !== cur).at(-1)?.n ?? cur);
}

$('takes').addEventListener('change', (e) => {
  const el = e.target as HTMLSelectElement;
  const n = Number(el.dataset.rate);
  if (!n || !el.value) return;
  void act(`rate take ${n}`, async () => {
    await call('POST', `/api/projects/${ui.project!.id}/cues/${ui.cue}/takes/${n}/rating`, { rating: Number(el.value) });
    const t = ui.project!.takes.find((x) => x.cue === ui.cue && x.n === n);
    if (t) t.rating = Number(el.value);
  });
});
$('takes').addEventListener('click', (e) => {
  const n = (e.target as HTMLElement).getAttribute('data-take');
  if (!n) return;
  e.preventDefault();
  void act(`select take ${n}`, async () => { await api.select(ui.project!.id, ui.cue!, Number(n)); await openProject(ui.project!.id); });
});

function renderTracks(): void {
  const tracks = ui.take!.score.tracks;
  const g = geometry(ui.take!.score);
  const rowH = Math.max(22, Math.min(30, (g.height - 34) / Math.max(1, tracks.length)));
  $('tracks').innerHTML = `<div class="sub" style="height:34px">Tracks · S solo · M mute · L lock</div>` + tracks.map((t, i) => `<div class="track${ui.track === t.name ? ' selected' : ''}" data-track="${esc(t.name)}" style="height:${rowH}px">
    <span style="color:${t.channel === 9 ? '#a0aec0' : trackColor(i)}">■</span><span class="name" title="${esc(t.name)} · ${t.role} · program ${t.program}">${esc(t.name)}</span>
    <button class="${ui.solo.has(t.name) ? 'on' : ''}" data-act="solo" title="Solo">S</button><button class="${ui.muted.has(t.name) ? 'on' : ''}" data-act="mute" title="Mute">M</button><button class="lock ${ui.lockedTracks.has(t.name) ? 'on' : ''}" data-act="lock" title="Lock this track when regenerating">L</button></div>`).join('');
}

/** Tracks that sound: soloed ones if any, else all but the muted. */
function silenced(): Set<string> {
  const names = ui.take!.score.tracks.map((t) => t.name);
  return new Set(ui.solo.size ? names.filter((n) => !ui.solo.has(n)) : names.filter((n) => ui.muted.has(n)));
}

$('tracks').addEventListener('click', (e) => {
  const t = e.target as HTMLElement;
  const row = t.closest('[data-track]') as HTMLElement | null;
  if (!row) return;
  const name = row.dataset.track!;
  const toggle = (s: Set<string>) => (s.has(name) ? s.delete(name) : s.add(name));
  if (t.dataset.act === 'solo') toggle(ui.solo);
  else if (t.dataset.act === 'mute') toggle(ui.muted);
  else if (t.dataset.act === 'lock') toggle(ui.lockedTracks);
  else ui.track = ui.track === name ? null : name;
  renderTracks();
  renderRoll();
  const chans = new Set([...silenced()].map((n) => ui.take!.score.tracks.find((x) => x.name === n)!.channel));
  // A channel sounds if any of its tracks should.
  for (const tr of ui.take!.score.tracks) if (!silenced().has(tr.name)) chans.delete(tr.channel);
  player.setMuted(chans);
});

function lockedBars(): [number, number] | null {
  const a = Number($<HTMLInputElement>('lock-from').value);
  const b = Number($<HTMLInputElement>('lock-to').value || a);
  return a >= 1 && b >= 1 ? [Math.min(a, b), Math.max(a, b)] : null;
}

function renderRoll(): void {
  const t = ui.take!;
  $('roll').innerHTML = rollSvg({ score: t.score, chords: t.chords, selectedTrack: ui.track, muted: silenced(), lockedBars: lockedBars(), lockedTracks: ui.lockedTracks });
}
for (const id of ['lock-from', 'lock-to']) $(id).addEventListener('input', () => ui.take && renderRoll());

$('roll').addEventListener('click', (e) => {
  const t = ui.take;
  if (!t) return;
  const target = e.target as Element;
  const svg = $('roll').querySelector('svg')!;
  const box = svg.getBoundingClientRect();
  if (target.classList.contains('note')) {
    if (!e.shiftKey) { ui.track = target.getAttribute('data-track'); renderTracks(); renderRoll(); return; }
    const edit = { op: 'delete', track: target.getAttribute('data-track')!, tick: Number(target.getAttribute('data-tick')), pitch: Number(target.getAttribute('data-pitch')) };
    void applyEdits([edit], 'delete a note');
    return;
  }
  const g = geometry(t.score);
  const pitch = g.pitchAtY(e.clientY - box.top);
  const tick = Math.round(g.tickAtX(e.clientX - box.left) / 240) * 240;
  if (pitch < g.lo || pitch > g.hi || tick >= t.score.endTick) return;
  const track = ui.track ?? t.score.tracks.find((x) => x.role === 'melody')?.name ?? t.score.tracks[0]?.name;
  if (!track) return;
  void applyEdits([{ op: 'add', track, note: { tick, duration: 480, pitch, velocity: 80 } }], `add a note to ${track}`);
});

async function applyEdits(edits: unknown[], label: string): Promise<void> {
  await act(label, async () => {
    const take = await api.edit(ui.project!.id, ui.cue!, ui.take!.n, edits);
    await openProject(ui.project!.id);
    return take;
  });
}

// ---------- compose / lock / regenerate ----------

$('regenerate').addEventListener('click', () => {
  const bars = lockedBars();
  const tracks = [...ui.lockedTracks];
  if (!bars && !tracks.length) return status('lock some bars (from–to) or tracks (L) first', true);
  void act(`regenerate ${ui.cue} around ${lockText({ bars: bars ?? undefined, tracks })}`, async () => {
    await api.compose(ui.project!.id, ui.cue!, { lock: { ...(bars ? { bars } : {}), ...(tracks.length ? { tracks } : {}) }, from: ui.take!.n });
    await openProject(ui.project!.id);
  });
});
$('recompose').addEventListener('click', () => {
  const row = document.querySelector(`tr[data-cue="${ui.cue}"]`) as HTMLElement;
  void recompose(ui.cue!, () => rowPatch(row, ui.cue!));
});

// ---------- audition ----------

async function playTake(n: number, fromBar: number): Promise<void> {
  await act('audition', async () => {
    const take = n === ui.take!.n ? ui.take! : await api.take(ui.project!.id, ui.cue!, n);
    const midi = await (await fetch(`/api/projects/${ui.project!.id}/cues/${ui.cue}/takes/${n}/score.mid`)).arrayBuffer();
    const bars = barTicks(take.score);
    const startTick = bars[Math.max(0, Math.min(bars.length - 1, fromBar - 1))] ?? 0;
    const muted = new Set<number>();
    for (const t of take.score.tracks) if (silenced().has(t.name)) muted.add(t.channel);
    for (const t of take.score.tracks) if (!silenced().has(t.name)) muted.delete(t.channel);
    await player.play(midi, secondsAt(take.score, startTick), muted);
    requestAnimationFrame(followPlayhead);
  });
}
$('play').addEventListener('click', () => void playTake(ui.take!.n, Number($<HTMLInputElement>('play-bar').value) || 1));
$('stop').addEventListener('click', () => player.stop());
$('ab-play-a').addEventListener('click', () => void playTake(Number($<HTMLSelectElement>('ab-a').value), 1));
$('ab-play-b').addEventListener('click', () => void playTake(Number($<HTMLSelectElement>('ab-b').value), 1));

function followPlayhead(): void {
  const line = document.getElementById('playhead');
  const pos = player.position();
  if (!line || pos === null || !ui.take) { line?.setAttribute('visibility', 'hidden'); return; }
  const g = geometry(ui.take.score);
  const x = g.x(tickAt(ui.take.score, pos, ui.take.score.endTick));
  line.setAttribute('x1', String(x));
  line.setAttribute('x2', String(x));
  line.setAttribute('visibility', 'visible');
  const roll = $('roll');
  if (x < roll.scrollLeft || x > roll.scrollLeft + roll.clientWidth - 40) roll.scrollLeft = Math.max(0, x - 60);
  requestAnimationFrame(followPlayhead);
}

// ---------- A/B ----------

function pick(which: 'a' | 'b'): void {
  const a = Number($<HTMLSelectElement>('ab-a').value);
  const b = Number($<HTMLSelectElement>('ab-b').value);
  if (a === b) return status('choose two different takes for A and B', true);
  const [winner, loser] = which === 'a' ? [a, b] : [b, a];
  void act(`pick take ${winner}`, async () => { player.stop(); await api.pick(ui.project!.id, ui.cue!, winner, loser); await openProject(ui.project!.id); });
}
$('ab-pick-a').addEventListener('click', () => pick('a'));
$('ab-pick-b').addEventListener('click', () => pick('b'));

// ---------- motif import ----------

function renderMotifTargets(): void {
  const p = ui.project!;
  const sel = $<HTMLSelectElement>('motif-target');
  const prev = sel.value;
  sel.innerHTML = `<option value="cue:${ui.cue}">theme of cue ${ui.cue}</option>` + p.cueSheet.motifs.map((m) => `<option value="character:${esc(m.character)}">${esc(m.character)}'s leitmotif</option>`).join('');
  if ([...sel.options].some((o) => o.value === prev)) sel.value = prev;
}

const NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
/** Notes picked in the roll as typed motif text: the top line of the selected track over the chosen bars. */
$('motif-from-roll').addEventListener('click', () => {
  const t = ui.take;
  if (!t) return;
  const track = t.score.tracks.find((x) => x.name === ui.track) ?? t.score.tracks.find((x) => x.role === 'melody') ?? t.score.tracks[0];
  const [a, b] = lockedBars() ?? [1, 2];
  const bars = barTicks(t.score);
  const from = bars[a - 1] ?? 0;
  const to = bars[b] ?? t.score.endTick;
  const top = new Map<number, { tick: number; duration: number; pitch: number }>();
  for (const n of track.notes) if (n.tick >= from && n.tick < to && (!top.has(n.tick) || top.get(n.tick)!.pitch < n.pitch)) top.set(n.tick, n);
  const line = [...top.values()].sort((x, y) => x.tick - y.tick);
  const q = (ticks: number) => Math.max(0.25, Math.round((ticks / 480) * 4) / 4);
  const tokens: string[] = [];
  line.forEach((n, i) => {
    const prevEnd = i ? line[i - 1].tick + line[i - 1].duration : n.tick;
    if (n.tick - prevEnd >= 120) tokens.push(`r/${q(n.tick - prevEnd)}`);
    const len = line[i + 1] ? Math.min(n.duration, line[i + 1].tick - n.tick) : n.duration;
    tokens.push(`${NAMES[n.pitch % 12]}${Math.floor(n.pitch / 12) - 1}/${q(len)}`);
  });
  $<HTMLInputElement>('motif-text').value = tokens.slice(0, 64).join(' ');
  $<HTMLInputElement>('motif-file').value = '';
  status(tokens.length ? `${tokens.length} notes and rests from ${track.name}, bars ${a}–${b}: edit them or import` : `no notes in ${track.name}, bars ${a}–${b}`, !tokens.length);
});

$('motif-import').addEventListener('click', () => {
  const file = $<HTMLInputElement>('motif-file').files?.[0];
  const text = $<HTMLInputElement>('motif-text').value.trim();
  const [kind, who] = $<HTMLSelectElement>('motif-target').value.split(/:(.*)/s);
  void act('import motif', async () => {
    const body: Record<string, unknown> = { target: kind === 'cue' ? { cue: who } : { character: who } };
    if (file) {
      if (file.size > 512 * 1024) throw new Error('a motif MIDI file may be at most 512 KB');
      const bytes = new Uint8Array(await file.arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      body.midiBase64 = btoa(bin);
    } else if (text) body.text = text;
    else throw new Error('choose a MIDI file or type some notes');
    const r = await api.motif(ui.project!.id, body);
    // Recompose the cue(s) that state it, so the composer hears it at once.
    const cues = r.cues.includes(ui.cue!) ? [ui.cue!] : r.cues.slice(0, 1);
    for (const c of cues) await api.compose(ui.project!.id, c, {});
    $('motif-result').textContent = `imported “${r.motif.name ?? r.motif.id}” (${r.understood.pitches.length} notes)${cues.length ? `; recomposed ${cues.join(', ')}` : ''}`;
    await openProject(ui.project!.id);
  });
});

// ---------- render ----------

$('render').addEventListener('click', () => {
  const bar = $<HTMLProgressElement>('render-progress');
  void act('render', async () => {
    const job = await api.render(ui.project!.id, { cues: [ui.cue], stems: true });
    bar.hidden = false;
    await new Promise<void>((done) => {
      const es = new EventSource(`/api/jobs/${job.id}/events`);
      es.onmessage = (m) => {
        const s = JSON.parse(m.data) as JobStatus;
        ui.lastJob = s;
        bar.value = s.progress;
        status(`render: ${s.label} ${(s.progress * 100).toFixed(0)} %`);
        if (s.state !== 'running') {
          es.close();
          $('render-files').innerHTML = s.state === 'done' ? s.files.map((f) => `<a href="/api/projects/${ui.project!.id}/files/${f}" download>${esc(f.split('/').slice(2).join('/'))}</a>`).join('<br>') : `failed: ${esc(s.error ?? '')}`;
          done();
        }
      };
      es.onerror = () => { es.close(); done(); };
    });
  });
});

// ---------- new project, undo/redo ----------

$('new-project').addEventListener('click', () => $<HTMLDialogElement>('new-dialog').showModal());
$('new-file').addEventListener('change', async () => {
  const f = $<HTMLInputElement>('new-file').files?.[0];
  if (!f) return;
  $<HTMLTextAreaElement>('new-script').value = await f.text();
  const name = $<HTMLInputElement>('new-name');
  if (!name.value || name.value === 'Untitled film') name.value = f.name.replace(/\.[^.]+$/, '');
});
$('new-form').addEventListener('submit', (e) => {
  if ((e.submitter as HTMLButtonElement | null)?.value !== 'create') return;
  const name = $<HTMLInputElement>('new-name').value.trim() || 'Untitled film';
  const style = $<HTMLSelectElement>('new-style').value;
  const blank = $<HTMLInputElement>('new-blank').checked;
  const file = $<HTMLInputElement>('new-file').files?.[0];
  const text = $<HTMLTextAreaElement>('new-script').value;
  const format = file?.name.toLowerCase().endsWith('.fdx') ? 'fdx' : undefined;
  void act('create project', async () => {
    const body = blank ? { name, style, blank: { duration: Number($<HTMLInputElement>('new-blank-seconds').value) || 45 } } : { name, style, script: text, ...(format ? { format } : {}) };
    const { id } = await api.create(body);
    ui.cue = null;
    await openProject(id, false);
  });
});
$('project-list').addEventListener('change', () => {
  const id = $<HTMLSelectElement>('project-list').value;
  if (id) void act('open project', () => openProject(id, false));
});
const undo = (step: 'undo' | 'redo') => void act(step, async () => { await api[step](ui.project!.id); await openProject(ui.project!.id); });
$('undo').addEventListener('click', () => undo('undo'));
$('redo').addEventListener('click', () => undo('redo'));
document.addEventListener('keydown', (e) => {
  if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' || !ui.project) return;
  if ((e.target as HTMLElement).tagName === 'INPUT' || (e.target as HTMLElement).tagName === 'TEXTAREA') return;
  e.preventDefault();
  undo(e.shiftKey ? 'redo' : 'undo');
});

void act('load', async () => {
  await refreshProjectList();
  const id = location.hash.slice(1);
  if (id) await openProject(id, false);
});
