/**
 * purpose: a progress bar on stderr for long jobs. It appears only after `delayMs` (default 1 s), only when
 * stderr is a TTY, and is erased when done, so pipes and CI logs stay clean.
 */
export interface Progress {
  update(fraction: number, label?: string): void;
  done(): void;
}

export function createProgress(title: string, opts: { delayMs?: number; stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const start = Date.now();
  const delay = opts.delayMs ?? 1000;
  let shown = false;
  let lastDraw = 0;
  if (!stream.isTTY) return { update() {}, done() {} };
  return {
    update(fraction: number, label?: string) {
      const now = Date.now();
      if (now - start < delay || now - lastDraw < 80) return;
      lastDraw = now;
      shown = true;
      const f = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
      const width = 28;
      const full = Math.round(f * width);
      const bar = '█'.repeat(full) + '░'.repeat(width - full);
      stream.write(`\r${title} ${bar} ${(f * 100).toFixed(0).padStart(3)}%${label ? ` ${label}` : ''}\x1b[K`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
