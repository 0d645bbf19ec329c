import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { focusSoon } from '../../components/focus';
import { ErrorRegion } from '../../components/Live';
import { Page } from '../../components/Page';
import { useSignedOutGuard } from '../../components/useSignedOutGuard';
import { useI18n } from '../../i18n/context';
import { describeError } from '../../i18n/describeError';
import { queryProblemMessage } from '../../search/labels';
import {
  activeFilterCount,
  filtersOf,
  PAGE_SIZE,
  parseSearchQuery,
  SEARCH_DEPTH,
  searchPath,
  type SearchFilters,
} from '../../search/query';
import { SEARCH_INPUT_ID } from '../../components/SearchBar';
import { SearchFiltersForm } from './SearchFiltersForm';
import { SearchResultItem } from './SearchResultItem';
import { useResultPages } from '../../search/hooks';

/** True for the daily cap: trying again today does not help, so no retry button is offered. */
const isCap = (e: unknown) => isApiError(e) && e.code === 'resource_exhausted';

/** True for an error about a filter's value (unknown company, bad language tag …). */
const isFilterError = (e: unknown) => isApiError(e) && e.code === 'invalid_argument' && e.field !== undefined && e.field !== 'q' && e.field !== 'cursor';

/**
 * `/search?q=…&company=…&degree=1,2`: the members a search finds, 20 at a time, with the filters
 * that narrow it; everything the page shows is in its URL. The query itself is typed in the
 * search bar of the top bar.
 */
export function SearchView() {
  const { t, formatDelay } = useI18n();
  const { query, route } = useLocation();
  const guard = useSignedOutGuard();
  const req = parseSearchQuery(query);
  const key = searchPath(req);
  const filters = filtersOf(req);
  const filterCount = activeFilterCount(filters);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [state, pages] = useResultPages((r, cursor, signal) => api.searchMembers(r, cursor ? { limit: PAGE_SIZE, cursor } : { limit: PAGE_SIZE }, { signal }));

  useEffect(() => pages.show(req), [key]);

  useEffect(() => {
    if (state.status === 'failed') guard(describeError(state.error, 'search'));
    if (state.status === 'ready' && typeof state.more === 'object') guard(describeError(state.more.error, 'search'));
  }, [state]);

  const apply = (f: SearchFilters) => {
    // The results take the screen again; the summary still counts the filters.
    setFiltersOpen(false);
    route(searchPath({ q: req.q, ...f }));
  };
  const message = (e: unknown) => {
    const d = describeError(e, 'search', { formatDelay });
    return t(d.key, d.params);
  };

  let body;
  switch (state.status) {
    case 'empty':
      body = (
        <div class="card empty search-empty">
          <p>{t('search.start')}</p>
          <div class="form-actions">
            <button type="button" class="btn btn-secondary" onClick={() => focusSoon(SEARCH_INPUT_ID)}>
              {t('search.focus_box')}
            </button>
          </div>
        </div>
      );
      break;
    case 'invalid': {
      const m = queryProblemMessage(state.problem);
      body = <ErrorRegion text={t(m.key, m.params)} />;
      break;
    }
    case 'loading':
      body = (
        <p class="muted" role="status">
          {t('search.searching')}
        </p>
      );
      break;
    case 'failed':
      body = (
        <div class="search-problem" data-problem={isCap(state.error) ? 'cap' : 'error'}>
          <ErrorRegion text={message(state.error)} />
          {isFilterError(state.error) ? (
            <button type="button" class="btn btn-secondary" onClick={() => apply({})}>
              {t('search.clear_filters')}
            </button>
          ) : (
            !isCap(state.error) && (
              <button type="button" class="btn btn-secondary" onClick={() => pages.retry()}>
                {t('common.retry')}
              </button>
            )
          )}
        </div>
      );
      break;
    case 'ready': {
      const moreError = typeof state.more === 'object' ? state.more.error : undefined;
      body =
        state.results.length === 0 ? (
          <div class="card empty search-none">
            <p>{filterCount > 0 ? t('search.no_results_filters', { q: req.q }) : t('search.no_results', { q: req.q })}</p>
            <p class="hint">{t('search.no_results_hint')}</p>
            {filterCount > 0 && (
              <div class="form-actions">
                <button type="button" class="btn btn-secondary" onClick={() => apply({})}>
                  {t('search.clear_filters')}
                </button>
              </div>
            )}
          </div>
        ) : (
          <>
            <ul class="member-list search-results">
              {state.results.map((r) => (
                <SearchResultItem key={r.member.id} result={r} />
              ))}
            </ul>
            <ErrorRegion text={moreError === undefined ? null : message(moreError)} />
            {state.next && !(moreError !== undefined && isCap(moreError)) && (
              <p class="list-more">
                <button type="button" class="btn btn-secondary" aria-disabled={state.more === 'loading' ? 'true' : undefined} onClick={() => pages.more()}>
                  {state.more === 'loading' ? t('search.loading_more') : t('search.more')}
                </button>
              </p>
            )}
            {!state.next && state.results.length >= SEARCH_DEPTH && <p class="hint search-depth">{t('search.depth_reached', { max: SEARCH_DEPTH })}</p>}
          </>
        );
      break;
    }
  }

  return (
    <Page title={req.q ? t('search.results_title', { q: req.q }) : t('search.title')} class="search">
      {req.q !== '' && (
        <details class="card search-filters" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
          <summary>{filterCount > 0 ? t('search.filters_count', { count: filterCount }) : t('search.filters')}</summary>
          <SearchFiltersForm value={filters} onApply={apply} />
        </details>
      )}
      <p class="visually-hidden" role="status" aria-live="polite">
        {state.status === 'ready' && state.results.length > 0 ? t('search.shown', { count: state.results.length }) : ''}
      </p>
      {body}
      <p class="hint search-note">
        {t('search.lead')} <a href="/settings/privacy">{t('search.own_visibility')}</a>
      </p>
    </Page>
  );
}
