// The results page without UI: the first page of a search, the pages after it on request, and
// nothing of a search the member has already left (its answers are cancelled or dropped).
import type { SearchPage, SearchResult } from '../api/types';
import { queryProblem, sameSearch, type QueryProblem, type SearchRequest } from './query';

export type ResultsState =
  /** No query yet. */
  | { status: 'empty' }
  | { status: 'invalid'; problem: Exclude<QueryProblem, 'empty'> }
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | {
      status: 'ready';
      results: SearchResult[];
      /** The cursor of the next page; absent after the last. */
      next?: string;
      /** The next page: being loaded, or why it could not be. */
      more: 'idle' | 'loading' | { error: unknown };
    };

/** Fetches one page of a search; `cursor` is absent for the first. */
export type PageFetcher = (req: SearchRequest, cursor: string | undefined, signal: AbortSignal) => Promise<SearchPage>;

/** A page appended to the results shown: a member already listed is not listed twice. */
export function appendResults(shown: readonly SearchResult[], page: readonly SearchResult[]): SearchResult[] {
  const known = new Set(shown.map((r) => r.member.id));
  const fresh = page.filter((r) => {
    if (known.has(r.member.id)) return false;
    known.add(r.member.id);
    return true;
  });
  return [...shown, ...fresh];
}

/**
 * The results of the search the page shows. `show` starts a search (cancelling the one before),
 * `more` loads the next page, `retry` the first again. Only answers to the current search change
 * the state. Not thread-safe; callbacks run on the caller's event loop.
 */
export class ResultPages {
  private readonly fetchPage: PageFetcher;
  private readonly onChange: (state: ResultsState) => void;
  private state: ResultsState = { status: 'empty' };
  private req: SearchRequest | undefined = undefined;
  /** Numbers the searches shown; an answer to an earlier one is dropped. */
  private generation = 0;
  private controllers = new Set<AbortController>();
  private disposed = false;

  constructor(fetchPage: PageFetcher, onChange: (state: ResultsState) => void) {
    this.fetchPage = fetchPage;
    this.onChange = onChange;
  }

  get current(): ResultsState {
    return this.state;
  }

  /** Shows `req`'s results, unless they are already shown or on their way. */
  show(req: SearchRequest): void {
    if (this.req && sameSearch(this.req, req) && this.state.status !== 'failed') return;
    this.req = req;
    this.load();
  }

  /** Loads the first page again (after a failure). */
  retry(): void {
    if (this.req) this.load();
  }

  /** Loads the next page, if there is one and it is not already on its way. */
  more(): void {
    const s = this.state;
    if (s.status !== 'ready' || !s.next || s.more === 'loading' || !this.req) return;
    const generation = this.generation;
    const cursor = s.next;
    this.set({ ...s, more: 'loading' });
    this.fetch(this.req, cursor, (page) => {
      const now = this.state;
      if (now.status !== 'ready') return;
      const next: ResultsState = { status: 'ready', results: appendResults(now.results, page.results), more: 'idle' };
      if (page.next_cursor) next.next = page.next_cursor;
      this.set(next);
    }, (error) => {
      const now = this.state;
      if (now.status === 'ready') this.set({ ...now, more: { error } });
    }, generation);
  }

  dispose(): void {
    this.cancelAll();
    this.disposed = true;
  }

  private load(): void {
    this.cancelAll();
    const req = this.req as SearchRequest;
    const problem = queryProblem(req.q);
    if (problem === 'empty') return this.set({ status: 'empty' });
    if (problem) return this.set({ status: 'invalid', problem });
    this.set({ status: 'loading' });
    this.fetch(req, undefined, (page) => {
      const next: ResultsState = { status: 'ready', results: appendResults([], page.results), more: 'idle' };
      if (page.next_cursor) next.next = page.next_cursor;
      this.set(next);
    }, (error) => this.set({ status: 'failed', error }), this.generation);
  }

  private fetch(
    req: SearchRequest,
    cursor: string | undefined,
    done: (page: SearchPage) => void,
    failed: (error: unknown) => void,
    generation: number,
  ): void {
    const controller = new AbortController();
    this.controllers.add(controller);
    const current = () => generation === this.generation && !controller.signal.aborted && !this.disposed;
    let answer: Promise<SearchPage>;
    try {
      answer = this.fetchPage(req, cursor, controller.signal);
    } catch (e) {
      answer = Promise.reject(e);
    }
    answer.then(
      (page) => {
        this.controllers.delete(controller);
        if (current()) done(page);
      },
      (error: unknown) => {
        this.controllers.delete(controller);
        if (current()) failed(error);
      },
    );
  }

  /** Aborts every request under way and drops every answer still to come. */
  private cancelAll(): void {
    this.generation++;
    for (const c of this.controllers) c.abort();
    this.controllers.clear();
  }

  private set(state: ResultsState): void {
    this.state = state;
    if (!this.disposed) this.onChange(state);
  }
}
