import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api/client';
import type { SearchPage, SearchResult } from '../api/types';
import { Avatar } from './Avatar';
import { DegreeBadge } from './DegreeBadge';
import { SearchIcon } from './Icons';
import { useSignedOutGuard } from './useSignedOutGuard';
import { useI18n } from '../i18n/context';
import { describeError } from '../i18n/describeError';
import { imeActive } from '../messaging/composer';
import { memberName } from '../relationships/requests';
import { queryProblemMessage } from '../search/labels';
import type { LiveState } from '../search/live';
import { cleanQuery, filtersOf, parseSearchQuery, QUERY_MAX, queryProblem, SEARCH_PATH, searchPath, SUGGESTION_COUNT } from '../search/query';
import { useLiveSearch } from '../search/hooks';

/** The input's id: the results page's empty state moves focus to it. */
export const SEARCH_INPUT_ID = 'site-search';

const LIST_ID = `${SEARCH_INPUT_ID}-list`;
const optionId = (i: number) => `${SEARCH_INPUT_ID}-opt-${i}`;

/** The results the list shows: the answer, or while the next is on its way, the last one. */
function shownResults(state: LiveState<SearchPage>): SearchResult[] {
  if (state.status === 'done') return state.data.results;
  if (state.status === 'searching') return state.previous?.data.results ?? [];
  return [];
}

/** One member in the list under the search bar: photo, name, degree badge and headline. */
function SuggestionOption({ result, index, active, onPick }: {
  result: SearchResult;
  index: number;
  active: boolean;
  onPick: () => void;
}) {
  const { t } = useI18n();
  const { member } = result;
  const name = memberName(member, t('profile.unnamed'));
  return (
    <li
      id={optionId(index)}
      role="option"
      aria-selected={active ? 'true' : 'false'}
      class="search-option"
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPick}
    >
      <Avatar name={name} photoUrl={member.photo_url} />
      <span class="search-option-text">
        <span class="search-option-name">
          <span>{name}</span>
          <DegreeBadge degree={member.degree} />
        </span>
        {member.headline && <span class="search-option-headline">{member.headline}</span>}
      </span>
    </li>
  );
}

/**
 * The search bar of the top bar, on every screen of a signed-in member: members appear under it
 * as the member types (after a pause, never in the middle of an IME conversion); Enter or the
 * last option opens the results page, an option the member's profile. A combobox with a listbox
 * popup (WAI-ARIA 1.2). On the results page it starts with that page's query and keeps its filters.
 */
export function SearchBar() {
  const { t, formatDelay } = useI18n();
  const { path, query, route } = useLocation();
  const guard = useSignedOutGuard();
  const onResultsPage = path === SEARCH_PATH;
  const pageQuery = onResultsPage ? (query.q ?? '') : '';
  const [text, setText] = useState(pageQuery);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  // Set by a keydown the IME handled: the form submission it may cause is not the member's Enter.
  const imeKey = useRef(false);
  const [state, live] = useLiveSearch<SearchPage>((q, signal) => api.searchMembers({ q }, { limit: SUGGESTION_COUNT }, { signal }));

  // The results page's query shows in the box, also after Back or Forward.
  useEffect(() => {
    if (onResultsPage) setText(pageQuery);
  }, [onResultsPage, pageQuery]);

  // Preact wires `on…` props only for events the element has a property for; composition
  // events have none, so they are wired by hand.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const start = () => live.compositionStart();
    const end = () => live.compositionEnd(el.value);
    el.addEventListener('compositionstart', start);
    el.addEventListener('compositionend', end);
    return () => {
      el.removeEventListener('compositionstart', start);
      el.removeEventListener('compositionend', end);
    };
  }, [live]);

  useEffect(() => {
    setActive(-1);
    if (state.status === 'failed') guard(describeError(state.error, 'search'));
  }, [state]);

  const results = shownResults(state);
  const searchable = state.status === 'searching' || state.status === 'done' || state.status === 'failed';
  const seeAllIndex = searchable ? results.length : -1;
  const optionCount = results.length + (searchable ? 1 : 0);
  const showList = open && cleanQuery(text) !== '' && state.status !== 'idle';

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function openResults() {
    const q = cleanQuery(text);
    if (q === '') return;
    if (queryProblem(q)) {
      // Shows why under the bar.
      live.now(text);
      setOpen(true);
      return;
    }
    close();
    // The results page searches; a search still waiting for the list would only spend the daily cap.
    live.clear();
    const filters = onResultsPage ? filtersOf(parseSearchQuery(query)) : {};
    route(searchPath({ q, ...filters }));
  }

  function pick(index: number) {
    if (index === seeAllIndex) return openResults();
    const result = results[index];
    if (!result) return;
    close();
    setText('');
    live.clear();
    route(`/members/${encodeURIComponent(result.member.id)}`);
  }

  function onKeyDown(e: KeyboardEvent) {
    imeKey.current = false;
    if (imeActive(e, live.isComposing)) {
      imeKey.current = e.key === 'Enter';
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (optionCount === 0) return setActive(-1);
      if (e.key === 'ArrowDown') setActive((a) => (a + 1) % optionCount);
      else setActive((a) => (a <= 0 ? optionCount - 1 : a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (showList && active >= 0) pick(active);
      else openResults();
    } else if (e.key === 'Escape' && showList) {
      e.preventDefault();
      close();
    }
  }

  let status: string | null = null;
  let statusVisible = true;
  if (state.status === 'searching') status = t('search.searching');
  else if (state.status === 'invalid') {
    const m = queryProblemMessage(state.problem);
    status = t(m.key, m.params);
  } else if (state.status === 'failed') {
    const d = describeError(state.error, 'search', { formatDelay });
    status = t(d.key, d.params);
  } else if (state.status === 'done') {
    if (results.length === 0) status = t('search.no_results', { q: state.q });
    else {
      status = t('search.shown', { count: results.length });
      statusVisible = false;
    }
  }

  return (
    <form
      role="search"
      class="site-search"
      aria-label={t('search.label')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (imeKey.current) {
          imeKey.current = false;
          return;
        }
        openResults();
      }}
    >
      <label for={SEARCH_INPUT_ID} class="visually-hidden">
        {t('search.label')}
      </label>
      <div class="site-search-box">
        <SearchIcon class="icon site-search-icon" />
        <input
          id={SEARCH_INPUT_ID}
          ref={input}
          type="search"
          role="combobox"
          enterKeyHint="search"
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          maxLength={QUERY_MAX * 2}
          value={text}
          placeholder={t('search.placeholder')}
          aria-autocomplete="list"
          aria-expanded={showList ? 'true' : 'false'}
          aria-controls={LIST_ID}
          aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
          aria-describedby={`${SEARCH_INPUT_ID}-status`}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setText(value);
            setOpen(true);
            setActive(-1);
            live.input(value, (e as unknown as InputEvent).isComposing === true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(close, 150)}
          onKeyDown={onKeyDown}
        />
        <div class="site-search-popup" hidden={!showList}>
          {statusVisible && status && <p class="site-search-status">{status}</p>}
          <ul id={LIST_ID} role="listbox" class="site-search-list" aria-label={t('search.label')} aria-busy={state.status === 'searching' ? 'true' : undefined}>
            {results.map((r, i) => (
              <SuggestionOption key={r.member.id} result={r} index={i} active={i === active} onPick={() => pick(i)} />
            ))}
            {seeAllIndex >= 0 && (
              <li
                id={optionId(seeAllIndex)}
                role="option"
                aria-selected={seeAllIndex === active ? 'true' : 'false'}
                class="search-option search-option-all"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(seeAllIndex)}
              >
                <SearchIcon class="icon icon-small" />
                <span>{t('search.see_all', { q: cleanQuery(text) })}</span>
              </li>
            )}
          </ul>
        </div>
        <p id={`${SEARCH_INPUT_ID}-status`} class="visually-hidden" role="status" aria-live="polite">
          {showList ? status : ''}
        </p>
      </div>
    </form>
  );
}
