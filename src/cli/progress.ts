import { statSync } from 'node:fs';
import type { InputSummary, RawEvent } from '../model/events.js';
import { expandPaths, STDIN_PATH } from '../ingest/read-inputs.js';
import { terminalSafe } from './terminal-safe.js';

/** The stream the progress line is drawn on (stderr). */
export interface ProgressStream {
  write(s: string): boolean;
  columns?: number;
}

/**
 * A one-line progress display on stderr: files done/total, MB, events, events/s and an ETA.
 * The hunt runs synchronously, so the line is redrawn from the event callback (at most every
 * `intervalMs`), not from a timer. `clear()` wipes the line so a warning printed next starts on
 * a clean line; the next redraw puts the progress back below it.
 */
export class Progress {
  private readonly files: string[];
  private readonly sizes: number[];
  private readonly totalBytes: number;
  private readonly index = new Map<string, number>();
  private filesDone = 0;
  private bytesDone = 0;
  private eventsDoneInFiles = 0;
  private events = 0;
  private tick = 0;
  private lastDraw = -Infinity;
  private shown = false;
  private readonly start: number;

  constructor(
    paths: readonly string[],
    private readonly out: ProgressStream,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 100,
  ) {
    // The same walk the reader does, to know how much there is to read.
    this.files = expandPaths(paths, () => {}).filter((p) => p !== STDIN_PATH);
    this.sizes = this.files.map((p) => {
      try {
        return statSync(p).size;
      } catch {
        return 0;
      }
    });
    this.files.forEach((p, i) => this.index.set(p, i));
    this.totalBytes = this.sizes.reduce((a, b) => a + b, 0);
    this.start = now();
  }

  onEvent(_e: RawEvent): void {
    this.events++;
    // Checking the clock on every event would cost more than the display is worth.
    if ((++this.tick & 255) !== 0) return;
    const t = this.now();
    if (t - this.lastDraw >= this.intervalMs) {
      this.lastDraw = t;
      this.draw(t);
    }
  }

  /** An input finished (archive members count toward their archive file). */
  onInput(s: InputSummary): void {
    const top = this.topFile(s.path);
    if (top === undefined) return;
    // Inputs are read in list order: every file before this one is done; this one too unless
    // it is an archive whose later members are still to come.
    const done = s.path.includes('!') ? top : top + 1;
    if (done > this.filesDone) {
      for (let i = this.filesDone; i < done; i++) this.bytesDone += this.sizes[i] ?? 0;
      this.filesDone = done;
      this.eventsDoneInFiles = this.events;
    }
  }

  /** Erases the progress line (before a warning, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.out.write('\r\x1b[2K');
    this.shown = false;
  }

  /** The text of the progress line at time `t` (exposed for tests). */
  line(t: number): string {
    const secs = Math.max(0.001, (t - this.start) / 1000);
    const rate = this.events / secs;
    // Bytes of the file being read are estimated from its events so far at the bytes-per-event
    // rate of the files already finished; the ETA follows from the byte rate.
    const perEvent = this.eventsDoneInFiles > 0 ? this.bytesDone / this.eventsDoneInFiles : 0;
    const current = this.sizes[this.filesDone] ?? 0;
    const partial = Math.min(current * 0.99, (this.events - this.eventsDoneInFiles) * perEvent);
    const bytes = this.bytesDone + partial;
    const left = this.totalBytes - bytes;
    const eta = bytes > 0 && left > 0 ? formatDuration((left / bytes) * secs) : '--:--';
    const mb = (n: number): string => (n / 1e6).toFixed(1);
    return (
      `runhunt: ${this.filesDone}/${this.files.length} files  ` +
      `${mb(bytes)}/${mb(this.totalBytes)} MB  ` +
      `${this.events.toLocaleString('en-US')} events  ` +
      `${Math.round(rate).toLocaleString('en-US')} ev/s  ETA ${eta}`
    );
  }

  private draw(t: number): void {
    const width = Math.max(20, (this.out.columns || 80) - 1);
    const text = terminalSafe(this.line(t));
    this.out.write('\r\x1b[2K' + (text.length > width ? text.slice(0, width) : text));
    this.shown = true;
  }

  private topFile(path: string): number | undefined {
    const exact = this.index.get(path);
    if (exact !== undefined) return exact;
    for (let i = path.indexOf('!'); i >= 0; i = path.indexOf('!', i + 1)) {
      const hit = this.index.get(path.slice(0, i));
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
