/**
 * A dataset that follows the file while serving: `current` is always one complete view of one committed version.
 * Every `pollMs` (and on `reload()`, e.g. from SIGHUP) it reads the version row; when an ingest has committed a
 * new version, it builds a whole new view (summaries, matrix, agency index) beside the old one and then swaps the
 * reference in one assignment. Whoever reads `current` once per question answers from one version only.
 */
import { datasetVersion, openDb, type Db } from './db.js';
import { Dataset, type OpenOptions } from './dataset.js';
import { readableFile } from './location.js';

export interface LiveOptions {
  /** How often to look for a new version (ms); 0 = only on reload(). Default: DISCLOSURE_BOT_RELOAD_MS or 3000. */
  pollMs?: number;
  /** How long a replaced view stays readable for a question still holding it (ms). */
  graceMs?: number;
  /** Told about every swap (after `current` is the new view) and every failed reload. */
  onSwap?: (data: Dataset, previous: Dataset) => void;
  onError?: (e: Error) => void;
  /** Work to do while the first view is read (see OpenOptions). */
  meanwhile?: OpenOptions['meanwhile'];
}

export class LiveDataset {
  private view: Dataset;
  private readonly watcher: Db;
  private timer?: NodeJS.Timeout;
  private readonly listeners: Array<(data: Dataset, previous: Dataset) => void> = [];

  private constructor(private readonly file: string, private readonly o: LiveOptions) {
    this.watcher = openDb(file, { readonly: true });
    this.view = Dataset.fromDb(openDb(file, { readonly: true }), { meanwhile: o.meanwhile });
    if (o.onSwap) this.listeners.push(o.onSwap);
  }

  /** Opens the dataset at a directory or file and starts polling (the timer does not keep the process alive). */
  static open(path: string, o: LiveOptions = {}): LiveDataset {
    const live = new LiveDataset(readableFile(path), o);
    const pollMs = o.pollMs ?? (Number(process.env.DISCLOSURE_BOT_RELOAD_MS) || 3000);
    if (pollMs > 0) live.timer = setInterval(() => live.check(), pollMs).unref();
    return live;
  }

  /** The view to answer from: read it once per question. */
  get current(): Dataset { return this.view; }

  /** Calls `fn` after every swap with the new view (e.g. to rebuild what is derived from it). */
  onSwap(fn: (data: Dataset, previous: Dataset) => void): void { this.listeners.push(fn); }

  /** Swaps in the committed version if it is newer than `current`; true when it did. Never throws. */
  check(): boolean {
    try {
      if (datasetVersion(this.watcher) === this.view.version) return false;
      return this.swap();
    } catch (e) {
      this.o.onError?.(e as Error);
      return false;
    }
  }

  /** Rebuilds the view from the file now (SIGHUP), even at the same version. Never throws. */
  reload(): boolean {
    try {
      return this.swap();
    } catch (e) {
      this.o.onError?.(e as Error);
      return false;
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.view.close();
    this.watcher.close();
  }

  private swap(): boolean {
    const next = Dataset.fromDb(openDb(this.file, { readonly: true }));
    const previous = this.view;
    this.view = next;
    for (const fn of this.listeners) fn(next, previous);
    // a question that read `current` just before the swap may still open reports of the old view
    setTimeout(() => previous.close(), this.o.graceMs ?? 30_000).unref();
    return true;
  }
}
