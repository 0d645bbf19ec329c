// People search: the query's checks, filters in the API's query string and the page's URL, results
// as the member types (pause, IME, cancelled and late answers), the results page's pages, errors.
import { h } from 'preact';
import { LocationProvider } from 'preact-iso';
import { renderToString } from 'preact-render-to-string';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../src/api/client';
import { ApiError } from '../src/api/errors';
import type { Locale, SearchPage, SearchResult } from '../src/api/types';
import { describeError } from '../src/i18n/describeError';
import { I18nProvider } from '../src/i18n/context';
import { matchLabels, queryProblemMessage } from '../src/search/labels';
import { LiveSearch, TYPING_PAUSE_MS, type LiveState } from '../src/search/live';
import {
  activeFilterCount,
  cleanFilters,
  parseDegrees,
  parseSearchQuery,
  queryProblem,
  searchApiQuery,
  searchPath,
  type SearchRequest,
} from '../src/search/query';
import { appendResults, ResultPages, type ResultsState } from '../src/search/results';
import { SearchResultItem } from '../src/views/search/SearchResultItem';

const result = (id: string, over: Partial<SearchResult> = {}): SearchResult => ({
  member: { id, display_name: `Member ${id}`, degree: 2 },
  mutual_count: 1,
  matched: ['name'],
  ...over,
});

/** A promise settled from outside, to answer requests in any order. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets the answers already given reach their handlers. */
const settle = () => new Promise<void>((r) => queueMicrotask(() => queueMicrotask(r)));

describe('queryProblem', () => {
  const cases: { name: string; q: string; want: ReturnType<typeof queryProblem> }[] = [
    { name: 'kana is a query', q: 'たなか', want: undefined },
    { name: 'empty', q: '', want: 'empty' },
    { name: '100 characters', q: '田'.repeat(100), want: undefined },
    { name: '101 characters', q: '田'.repeat(101), want: 'too_long' },
    // Counted as characters, not UTF-16 units: 100 characters outside the BMP are still 100.
    { name: '100 astral characters', q: '𠮷'.repeat(100), want: undefined },
    { name: 'a line break', q: '田中\n結衣', want: 'control' },
    { name: 'a tab', q: 'tanaka\tyui', want: 'control' },
    { name: 'DEL', q: 'tanaka\u007f', want: 'control' },
    { name: 'an ideographic space separates words', q: '田中\u3000結衣', want: undefined },
    { name: 'five words', q: 'a1 b2 c3 d4 e5', want: undefined },
    { name: 'six words', q: 'a1 b2 c3 d4 e5 f6', want: 'too_many_words' },
    { name: 'a word of one Latin letter', q: 'tanaka y', want: 'short_word' },
    { name: 'a word of one full-width letter', q: 'ｙ', want: 'short_word' },
    { name: 'a word of one digit', q: '7', want: 'short_word' },
    { name: 'one kanji is a word', q: '田', want: undefined },
    { name: 'one kana is a word', q: 'た', want: undefined },
  ];
  for (const c of cases) it(c.name, () => expect(queryProblem(c.q)).toBe(c.want));
});

describe('the API query string', () => {
  it('sends the trimmed query, the filters in a fixed order, then the page', () => {
    const req: SearchRequest = {
      q: '  田中 結衣 ',
      degree: [2, 1],
      seniority: 'senior',
      skill: ' Rust ',
      language: 'zh-Hans',
      location: '東京',
      school: 's/9',
      company: 'c 7',
    };
    expect(searchApiQuery(req, { limit: 20, cursor: 'abc+/=' })).toBe(
      'q=%E7%94%B0%E4%B8%AD+%E7%B5%90%E8%A1%A3&company=c+7&school=s%2F9&location=%E6%9D%B1%E4%BA%AC&language=zh-Hans&skill=Rust&seniority=senior&degree=1%2C2&limit=20&cursor=abc%2B%2F%3D',
    );
  });

  it('leaves out empty and unusable filters', () => {
    const req = { q: 'tanaka', company: '', location: '  ', language: 'not a tag', seniority: 'boss', degree: [] } as unknown as SearchRequest;
    expect(searchApiQuery(req)).toBe('q=tanaka');
  });

  it('round-trips through the results page URL', () => {
    const req: SearchRequest = { q: 'たなか', company: 'c_1', degree: [1, 3], language: 'ja' };
    const url = new URL(searchPath(req), 'http://127.0.0.1');
    expect(url.pathname).toBe('/search');
    expect(parseSearchQuery(Object.fromEntries(url.searchParams))).toEqual(req);
  });

  it('reads a URL a person edited: unknown values are dropped, the degrees put in order', () => {
    expect(parseSearchQuery({ q: ' tanaka ', degree: '3,x,1,1,7', seniority: 'ceo', language: 'ja', other: 'y' })).toEqual({
      q: 'tanaka',
      degree: [1, 3],
      language: 'ja',
    });
    expect(parseSearchQuery({})).toEqual({ q: '' });
    expect(parseDegrees('4,5')).toBeUndefined();
  });

  it('counts the filters that narrow (the degrees as one)', () => {
    expect(activeFilterCount({})).toBe(0);
    expect(activeFilterCount({ degree: [1, 2], skill: 'Go', location: ' ' })).toBe(2);
    expect(cleanFilters({ degree: [] })).toEqual({});
  });

  it('the client asks GET /search/members', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const page: SearchPage = { results: [result('m_1')], next_cursor: 'n1' };
    const client = new ApiClient({
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, init });
        return new Response(JSON.stringify(page), { status: 200 });
      }) as unknown as typeof fetch,
      cookies: () => '',
    });
    const controller = new AbortController();
    await expect(client.searchMembers({ q: 'たなか', degree: [2] }, { limit: 5 }, { signal: controller.signal })).resolves.toEqual(page);
    expect(calls[0]?.url).toBe('/api/v1/search/members?q=%E3%81%9F%E3%81%AA%E3%81%8B&degree=2&limit=5');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.init.signal?.aborted).toBe(false);
  });

  it('an aborted call rejects without an answer', async () => {
    const client = new ApiClient({
      fetch: ((_url: string, init: RequestInit) =>
        new Promise((_res, rej) => init.signal?.addEventListener('abort', () => rej(new DOMException('aborted', 'AbortError'))))) as unknown as typeof fetch,
      cookies: () => '',
    });
    const controller = new AbortController();
    const call = client.searchMembers({ q: 'tanaka' }, {}, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'network', status: 0 });
  });
});

describe('LiveSearch', () => {
  let states: LiveState<string>[];
  let calls: { q: string; signal: AbortSignal; answer: ReturnType<typeof deferred<string>> }[];
  let live: LiveSearch<string>;

  beforeEach(() => {
    vi.useFakeTimers();
    states = [];
    calls = [];
    live = new LiveSearch<string>({
      run: (q, signal) => {
        const answer = deferred<string>();
        calls.push({ q, signal, answer });
        return answer.promise;
      },
      onChange: (s) => states.push(s),
    });
  });

  afterEach(() => {
    live.dispose();
    vi.useRealTimers();
  });

  const last = () => states.at(-1);

  it('searches once the typing pauses, with the last text', () => {
    live.input('た');
    vi.advanceTimersByTime(100);
    live.input('たな');
    vi.advanceTimersByTime(100);
    live.input('たなか');
    vi.advanceTimersByTime(TYPING_PAUSE_MS - 1);
    expect(calls).toHaveLength(0);
    expect(last()).toMatchObject({ status: 'searching', q: 'たなか' });
    vi.advanceTimersByTime(1);
    expect(calls.map((c) => c.q)).toEqual(['たなか']);
  });

  it('shows the answer, and keeps it while the next search runs', async () => {
    live.input('tanaka');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    calls[0]?.answer.resolve('R1');
    await settle();
    expect(last()).toEqual({ status: 'done', q: 'tanaka', data: 'R1' });
    live.input('tanaka yui');
    expect(last()).toEqual({ status: 'searching', q: 'tanaka yui', previous: { q: 'tanaka', data: 'R1' } });
  });

  it('does not search in the middle of an IME conversion', () => {
    live.compositionStart();
    live.input('t', true);
    live.input('た', true);
    live.input('たなか', true);
    live.input('田中', true);
    vi.advanceTimersByTime(TYPING_PAUSE_MS * 4);
    expect(calls).toHaveLength(0);
    live.compositionEnd('田中');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    expect(calls.map((c) => c.q)).toEqual(['田中']);
  });

  it('a conversion that begins during the pause cancels the waiting search', () => {
    live.input('田');
    live.compositionStart();
    vi.advanceTimersByTime(TYPING_PAUSE_MS * 2);
    expect(calls).toHaveLength(0);
    expect(last()).toEqual({ status: 'idle' });
    // Some browsers send the last input after compositionend, without isComposing: one search.
    live.compositionEnd('田中');
    live.input('田中');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    expect(calls.map((c) => c.q)).toEqual(['田中']);
  });

  it('cancels the request that newer typing replaces, and drops its answer', async () => {
    live.input('tana');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    live.input('tanaka');
    expect(calls[0]?.signal.aborted).toBe(true);
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    calls[0]?.answer.resolve('stale');
    await settle();
    expect(states.some((s) => s.status === 'done' && s.data === 'stale')).toBe(false);
    calls[1]?.answer.resolve('fresh');
    await settle();
    expect(last()).toEqual({ status: 'done', q: 'tanaka', data: 'fresh' });
  });

  it('shows only the latest answer when answers arrive out of order', async () => {
    // Enter searches at once, then more typing: the first answer comes last and is dropped.
    live.now('yu');
    live.now('yui');
    expect(calls.map((c) => c.q)).toEqual(['yu', 'yui']);
    calls[1]?.answer.resolve('yui results');
    await settle();
    calls[0]?.answer.resolve('yu results');
    await settle();
    expect(last()).toEqual({ status: 'done', q: 'yui', data: 'yui results' });
  });

  it('drops a failure of a replaced search, and shows that of the latest', async () => {
    live.now('a1');
    live.now('a2');
    calls[0]?.answer.reject(new ApiError({ status: 500, code: 'internal', message: '' }));
    await settle();
    expect(last()).toMatchObject({ status: 'searching', q: 'a2' });
    const cap = new ApiError({ status: 429, code: 'resource_exhausted', message: '', retryAfter: 3600 });
    calls[1]?.answer.reject(cap);
    await settle();
    expect(last()).toEqual({ status: 'failed', q: 'a2', error: cap });
  });

  it('spaces alone do not search again; Enter after the pause does not repeat the search', async () => {
    live.input('tanaka');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    calls[0]?.answer.resolve('R');
    await settle();
    live.input('tanaka ');
    live.input(' tanaka');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    live.now('tanaka');
    expect(calls).toHaveLength(1);
  });

  it('Enter during the pause searches at once, and only once', () => {
    live.input('tanaka');
    live.now('tanaka');
    vi.advanceTimersByTime(TYPING_PAUSE_MS * 2);
    expect(calls.map((c) => c.q)).toEqual(['tanaka']);
  });

  it('an emptied box is idle, cancels the search and forgets the last answer', async () => {
    live.input('tanaka');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    calls[0]?.answer.resolve('R');
    await settle();
    live.input('suzuki');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    live.input('   ');
    expect(calls[1]?.signal.aborted).toBe(true);
    expect(last()).toEqual({ status: 'idle' });
    live.input('sato');
    expect(last()).toEqual({ status: 'searching', q: 'sato' });
  });

  it('a word of one letter is not searched while typing: the last answer stays', async () => {
    live.input('t');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    expect(calls).toHaveLength(0);
    expect(last()).toEqual({ status: 'idle' });
    live.input('tanaka');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    calls[0]?.answer.resolve('R');
    await settle();
    live.input('tanaka y');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    expect(calls).toHaveLength(1);
    expect(last()).toEqual({ status: 'done', q: 'tanaka', data: 'R' });
    live.input('tanaka yu');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    expect(calls.map((c) => c.q)).toEqual(['tanaka', 'tanaka yu']);
    // Enter says why instead.
    live.now('tanaka y');
    expect(last()).toEqual({ status: 'invalid', q: 'tanaka y', problem: 'short_word' });
  });

  it('does not send what the server would refuse', () => {
    live.input('a'.repeat(101));
    live.input('tanaka\nyui');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    expect(calls).toHaveLength(0);
    expect(last()).toEqual({ status: 'invalid', q: 'tanaka\nyui', problem: 'control' });
  });

  it('reports nothing after dispose', async () => {
    live.input('tanaka');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    const count = states.length;
    live.dispose();
    calls[0]?.answer.resolve('late');
    await settle();
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(states).toHaveLength(count);
  });
});

describe('ResultPages', () => {
  let states: ResultsState[];
  let calls: { req: SearchRequest; cursor: string | undefined; signal: AbortSignal; answer: ReturnType<typeof deferred<SearchPage>> }[];
  let pages: ResultPages;

  beforeEach(() => {
    states = [];
    calls = [];
    pages = new ResultPages(
      (req, cursor, signal) => {
        const answer = deferred<SearchPage>();
        calls.push({ req, cursor, signal, answer });
        return answer.promise;
      },
      (s) => states.push(s),
    );
  });

  const last = () => states.at(-1);

  it('loads the first page, then the next on request, without listing anyone twice', async () => {
    pages.show({ q: 'tanaka' });
    expect(last()).toEqual({ status: 'loading' });
    calls[0]?.answer.resolve({ results: [result('a'), result('b')], next_cursor: 'c1' });
    await settle();
    expect(last()).toEqual({ status: 'ready', results: [result('a'), result('b')], next: 'c1', more: 'idle' });
    pages.more();
    pages.more(); // already on its way
    expect(calls.map((c) => c.cursor)).toEqual([undefined, 'c1']);
    expect(last()).toMatchObject({ status: 'ready', more: 'loading' });
    calls[1]?.answer.resolve({ results: [result('b'), result('c')] });
    await settle();
    expect(last()).toEqual({ status: 'ready', results: [result('a'), result('b'), result('c')], more: 'idle' });
    pages.more(); // the last page: nothing to load
    expect(calls).toHaveLength(2);
  });

  it('a new search cancels the old one and its next page, and drops their answers', async () => {
    pages.show({ q: 'tanaka' });
    calls[0]?.answer.resolve({ results: [result('a')], next_cursor: 'c1' });
    await settle();
    pages.more();
    pages.show({ q: 'tanaka', degree: [1] });
    expect(calls[1]?.signal.aborted).toBe(true);
    calls[1]?.answer.resolve({ results: [result('old')] });
    calls[2]?.answer.resolve({ results: [result('x')] });
    await settle();
    expect(last()).toEqual({ status: 'ready', results: [result('x')], more: 'idle' });
  });

  it('answers of an earlier search arriving last are dropped', async () => {
    pages.show({ q: 'first' });
    pages.show({ q: 'second' });
    calls[1]?.answer.resolve({ results: [result('2')] });
    await settle();
    calls[0]?.answer.resolve({ results: [result('1')] });
    await settle();
    expect(last()).toEqual({ status: 'ready', results: [result('2')], more: 'idle' });
  });

  it('the same search is not loaded twice, but is loaded again after a failure', async () => {
    pages.show({ q: 'tanaka', degree: [2, 1] });
    pages.show({ q: ' tanaka ', degree: [1, 2] });
    expect(calls).toHaveLength(1);
    calls[0]?.answer.reject(new ApiError({ status: 503, code: 'unavailable', message: '' }));
    await settle();
    expect(last()).toMatchObject({ status: 'failed' });
    pages.retry();
    expect(calls).toHaveLength(2);
  });

  it('a failed next page keeps the results and can be tried again', async () => {
    pages.show({ q: 'tanaka' });
    calls[0]?.answer.resolve({ results: [result('a')], next_cursor: 'c1' });
    await settle();
    pages.more();
    const error = new ApiError({ status: 0, code: 'network', message: '' });
    calls[1]?.answer.reject(error);
    await settle();
    expect(last()).toEqual({ status: 'ready', results: [result('a')], next: 'c1', more: { error } });
    pages.more();
    expect(calls.map((c) => c.cursor)).toEqual([undefined, 'c1', 'c1']);
  });

  it('no query, or one the server would refuse, is not sent', () => {
    pages.show({ q: '' });
    expect(last()).toEqual({ status: 'empty' });
    pages.show({ q: 'x'.repeat(101) });
    expect(last()).toEqual({ status: 'invalid', problem: 'too_long' });
    expect(calls).toHaveLength(0);
  });

  it('appendResults keeps the first place of a member listed twice', () => {
    expect(appendResults([result('a')], [result('a', { mutual_count: 9 }), result('b'), result('b')]).map((r) => r.member.id)).toEqual(['a', 'b']);
  });
});

describe('search errors', () => {
  const formatDelay = (s: number) => `in ${s} s`;
  const error = (init: Partial<ConstructorParameters<typeof ApiError>[0]>) =>
    new ApiError({ status: 400, code: 'invalid_argument', message: '', ...init });

  it('the daily cap says when searching works again', () => {
    expect(describeError(error({ status: 429, code: 'resource_exhausted', retryAfter: 7200 }), 'search', { formatDelay })).toEqual({
      key: 'errors.search_quota',
      params: { when: 'in 7200 s' },
    });
    expect(describeError(error({ status: 429, code: 'resource_exhausted' }), 'search').key).toBe('errors.search_quota_soon');
  });

  it('a refused query, a stale cursor and a refused filter each have their message', () => {
    expect(describeError(error({ field: 'q' }), 'search')).toEqual({ key: 'errors.search_query', params: { max: 100, words: 5 }, field: 'q' });
    expect(describeError(error({ field: 'cursor' }), 'search').key).toBe('errors.search_cursor');
    for (const field of ['company', 'school', 'language', 'seniority', 'degree', 'limit']) {
      expect(describeError(error({ field }), 'search')).toEqual({ key: 'errors.search_filter', field });
    }
  });

  it('a lost session still signs out', () => {
    expect(describeError(error({ status: 401, code: 'unauthenticated' }), 'search').signedOut).toBe(true);
  });
});

describe('a result', () => {
  afterEach(() => vi.unstubAllGlobals());

  function render(r: SearchResult, locale: Locale) {
    vi.stubGlobal('localStorage', { getItem: () => locale, setItem: () => undefined });
    vi.stubGlobal('location', new URL('http://127.0.0.1/search?q=tanaka'));
    const html = renderToString(h(LocationProvider, null, h(I18nProvider, null, h('ul', null, h(SearchResultItem, { result: r })))));
    return { html, text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() };
  }

  it('shows name, degree badge, headline, mutual connections and what matched, linking to the profile', () => {
    const { html, text } = render(
      { member: { id: 'm/1', display_name: '田中 結衣', headline: 'データエンジニア', degree: 2 }, mutual_count: 3, matched: ['name', 'company', 'shoe_size'] },
      'ja',
    );
    expect(html).toContain('href="/members/m%2F1"');
    expect(text).toBe('田 田中 結衣 2次 2次のつながり データエンジニア 共通のつながり：3人 一致：名前、会社');
  });

  it('leaves out what the viewer may not see', () => {
    const { text } = render({ member: { id: 'm_2', degree: null }, matched: [] }, 'en');
    expect(text).toBe('M Member');
  });

  it('each refused query has its message', () => {
    expect(queryProblemMessage('too_long')).toEqual({ key: 'errors.too_long', params: { max: 100 } });
    expect(queryProblemMessage('too_many_words')).toEqual({ key: 'errors.search_words', params: { max: 5 } });
    expect(queryProblemMessage('short_word')).toEqual({ key: 'errors.search_short_word' });
    expect(queryProblemMessage('control').key).toBe('errors.search_query');
  });

  it('matchLabels keeps the known fields once, in order', () => {
    expect(matchLabels(['skill', 'name', 'skill', 'future'])).toEqual(['search.match_skill', 'search.match_name']);
  });
});
