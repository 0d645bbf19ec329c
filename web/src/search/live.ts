// Results as the member types, without UI: waits for a pause in typing, never searches in the
// middle of an IME conversion, cancels the request a newer one replaces, and shows only the
// answer to the latest query even when answers arrive out of order.
import { cleanQuery, queryProblem, type QueryProblem } from './query';

/** The pause in typing after which a search starts. */
export const TYPING_PAUSE_MS = 250;

/** What the list under the search bar shows. */
export type LiveState<T> =
  /** Nothing typed (or only spaces). */
  | { status: 'idle' }
  /** The query cannot be sent (too long, control characters). */
  | { status: 'invalid'; q: string; problem: Exclude<QueryProblem, 'empty'> }
  /** Waiting for the typing to pause, or for the answer; `previous` is the last answer shown. */
  | { status: 'searching'; q: string; previous?: { q: string; data: T } }
  | { status: 'done'; q: string; data: T }
  | { status: 'failed'; q: string; error: unknown };

export interface LiveSearchOptions<T> {
  /** Runs one search; should stop when `signal` aborts (its answer is dropped either way). */
  run: (q: string, signal: AbortSignal) => Promise<T>;
  /** Told every new state. */
  onChange: (state: LiveState<T>) => void;
  pauseMs?: number;
}

/**
 * Follows one search input. Wire `input` to the input event (with the event's `isComposing`),
 * `compositionStart` and `compositionEnd` to the composition events, `now` to Enter, and
 * `dispose` to unmounting. Not thread-safe; callbacks run on the caller's event loop.
 */
export class LiveSearch<T> {
  private readonly run: LiveSearchOptions<T>['run'];
  private readonly onChange: LiveSearchOptions<T>['onChange'];
  private readonly pauseMs: number;
  private state: LiveState<T> = { status: 'idle' };
  private composing = false;
  private timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private inFlight: AbortController | undefined = undefined;
  /** Numbers the searches started; only the latest one's answer is shown. */
  private latest = 0;
  /** The query of the last search started or waiting to start. */
  private wanted = '';
  private lastDone: { q: string; data: T } | undefined = undefined;
  private disposed = false;

  constructor(options: LiveSearchOptions<T>) {
    this.run = options.run;
    this.onChange = options.onChange;
    this.pauseMs = options.pauseMs ?? TYPING_PAUSE_MS;
  }

  get current(): LiveState<T> {
    return this.state;
  }

  /** True between compositionstart and compositionend. */
  get isComposing(): boolean {
    return this.composing;
  }

  /** The text changed. While an IME is composing it is not searched: the conversion is not text yet. */
  input(text: string, isComposing = false): void {
    if (isComposing || this.composing) {
      this.cancelTimer();
      return;
    }
    const q = cleanQuery(text);
    const settled = this.state.status === 'done' || this.state.status === 'failed';
    // Typing that changes nothing but spaces: the search already waiting, running or answered stands.
    if (q === this.wanted && (this.timer !== undefined || this.inFlight !== undefined || settled)) return;
    // The search waiting or under way is for other text now: cancelled, its answer dropped.
    this.stop();
    if (!this.accept(q, true)) return;
    this.wanted = q;
    this.set({ status: 'searching', q, ...(this.lastDone ? { previous: this.lastDone } : {}) });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start(q);
    }, this.pauseMs);
  }

  compositionStart(): void {
    this.composing = true;
    if (this.timer === undefined) return;
    // The text typed before the conversion began is not searched either: the conversion goes on.
    this.cancelTimer();
    this.wanted = this.lastDone?.q ?? '';
    this.set(this.lastDone ? { status: 'done', ...this.lastDone } : { status: 'idle' });
  }

  /** The conversion ended with `text` in the input: searched after the usual pause. */
  compositionEnd(text: string): void {
    this.composing = false;
    this.input(text);
  }

  /** Searches `text` at once (Enter), unless that search is already under way or answered. */
  now(text: string): void {
    const q = cleanQuery(text);
    const pending = this.timer !== undefined;
    this.cancelTimer();
    if (!this.accept(q, false)) return;
    if (!pending && q === this.wanted && this.state.status !== 'failed') return;
    this.wanted = q;
    this.start(q);
  }

  /** Forgets the query and drops any answer still to come. */
  clear(): void {
    this.stop();
    this.wanted = '';
    this.lastDone = undefined;
    this.set({ status: 'idle' });
  }

  /** Stops everything: no state changes after this. */
  dispose(): void {
    this.stop();
    this.disposed = true;
  }

  /**
   * False when `q` cannot be searched: the state is then idle (nothing typed), invalid, or while
   * typing (`typing`) with a word of one letter, the last answer (the word is still growing).
   */
  private accept(q: string, typing: boolean): boolean {
    const problem = queryProblem(q);
    if (problem === undefined) return true;
    this.stop();
    if (problem === 'empty') {
      // An emptied box starts afresh: the next query's list does not begin with this one's.
      this.wanted = '';
      this.lastDone = undefined;
      this.set({ status: 'idle' });
    } else if (problem === 'short_word' && typing) {
      this.wanted = this.lastDone?.q ?? '';
      this.set(this.lastDone ? { status: 'done', ...this.lastDone } : { status: 'idle' });
    } else {
      this.wanted = '';
      this.set({ status: 'invalid', q, problem });
    }
    return false;
  }

  private start(q: string): void {
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const mine = ++this.latest;
    this.set({ status: 'searching', q, ...(this.lastDone ? { previous: this.lastDone } : {}) });
    let answer: Promise<T>;
    try {
      answer = this.run(q, controller.signal);
    } catch (e) {
      answer = Promise.reject(e);
    }
    answer.then(
      (data) => {
        if (mine !== this.latest || controller.signal.aborted) return;
        this.inFlight = undefined;
        this.lastDone = { q, data };
        this.set({ status: 'done', q, data });
      },
      (error: unknown) => {
        if (mine !== this.latest || controller.signal.aborted) return;
        this.inFlight = undefined;
        this.set({ status: 'failed', q, error });
      },
    );
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Cancels the waiting search and the one under way; answers still to come are dropped. */
  private stop(): void {
    this.cancelTimer();
    this.latest++;
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private set(state: LiveState<T>): void {
    this.state = state;
    if (!this.disposed) this.onChange(state);
  }
}
