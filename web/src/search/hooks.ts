// People search's state in components: the as-you-type search and the results page's pages.
import { useEffect, useRef, useState } from 'preact/hooks';
import { LiveSearch, type LiveState } from './live';
import { ResultPages, type PageFetcher, type ResultsState } from './results';

/** An as-you-type search that lives as long as the component; `run` may change between renders. */
export function useLiveSearch<T>(run: (q: string, signal: AbortSignal) => Promise<T>): [LiveState<T>, LiveSearch<T>] {
  const [state, setState] = useState<LiveState<T>>({ status: 'idle' });
  const runRef = useRef(run);
  runRef.current = run;
  const live = useRef<LiveSearch<T> | null>(null);
  live.current ??= new LiveSearch<T>({ run: (q, signal) => runRef.current(q, signal), onChange: setState });
  useEffect(() => () => live.current?.dispose(), []);
  return [state, live.current];
}

/** The results of a results page, kept by a ResultPages as long as the component lives. */
export function useResultPages(fetchPage: PageFetcher): [ResultsState, ResultPages] {
  const [state, setState] = useState<ResultsState>({ status: 'empty' });
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const pages = useRef<ResultPages | null>(null);
  pages.current ??= new ResultPages((req, cursor, signal) => fetchRef.current(req, cursor, signal), setState);
  useEffect(() => () => pages.current?.dispose(), []);
  return [state, pages.current];
}
