// People search without UI: the query's local checks, the filters, and their two spellings as
// text: the API's query string (GET /search/members) and the results page's URL (/search?q=…).
import type { Seniority } from '../api/types';

/** The longest query the server accepts, in characters after trimming, and in words. */
export const QUERY_MAX = 100;
export const QUERY_MAX_WORDS = 5;
/** Results per page on the results page, and in the list under the search bar. */
export const PAGE_SIZE = 20;
export const SUGGESTION_COUNT = 5;
/** The server stops after this many results, whatever the cursor: filters narrow it down. */
export const SEARCH_DEPTH = 100;
/** The longest location or skill a filter takes (the profile's own limits are no longer). */
export const FILTER_TEXT_MAX = 100;

/** The results page's path. */
export const SEARCH_PATH = '/search';

export const SENIORITIES: readonly Seniority[] = ['intern', 'entry', 'mid', 'senior', 'lead', 'manager', 'director', 'executive'];

export type DegreeFilter = 1 | 2 | 3;
export const DEGREES: readonly DegreeFilter[] = [1, 2, 3];

/** What the results may be narrowed to; an absent filter does not narrow. */
export interface SearchFilters {
  /** A company id, from the company picker. */
  company?: string;
  /** A school id, from the school picker. */
  school?: string;
  location?: string;
  /** A BCP 47 tag: "ja", "zh-Hans", "en". */
  language?: string;
  skill?: string;
  seniority?: Seniority;
  /** Sorted, without repeats, never empty. */
  degree?: readonly DegreeFilter[];
}

export interface SearchRequest extends SearchFilters {
  q: string;
}

/** The filters in the order they are written into a query string. */
const FILTER_KEYS = ['company', 'school', 'location', 'language', 'skill', 'seniority', 'degree'] as const;

/**
 * Why the server would refuse a query: `short_word` is a word of one Latin letter or digit (one
 * kanji or kana is a word), which would match nearly everyone.
 */
export type QueryProblem = 'empty' | 'too_long' | 'control' | 'too_many_words' | 'short_word';

/** Characters as people count them (not UTF-16 units). */
const charCount = (s: string) => [...s].length;

const CONTROL = /\p{Cc}/u;
const SHORT_WORD = /^[A-Za-z0-9]$/;

/** The query as sent: what was typed, trimmed. */
export function cleanQuery(text: string): string {
  return text.trim();
}

/** Why a query (already cleaned) cannot be sent, or undefined when it can. */
export function queryProblem(q: string): QueryProblem | undefined {
  if (q === '') return 'empty';
  if (charCount(q) > QUERY_MAX) return 'too_long';
  if (CONTROL.test(q)) return 'control';
  // Full-width letters and the ideographic space count as the server reads them (NFKC).
  const words = q.normalize('NFKC').split(/\s+/).filter(Boolean);
  if (words.length > QUERY_MAX_WORDS) return 'too_many_words';
  if (words.some((w) => SHORT_WORD.test(w))) return 'short_word';
  return undefined;
}

/** "1,3" for [3, 1]; undefined for none. */
export function degreeParam(degrees: readonly DegreeFilter[] | undefined): string | undefined {
  const list = normalizeDegrees(degrees ?? []);
  return list ? list.join(',') : undefined;
}

function normalizeDegrees(degrees: readonly number[]): DegreeFilter[] | undefined {
  const list = DEGREES.filter((d) => degrees.includes(d));
  return list.length > 0 ? list : undefined;
}

/** The degrees of "1,2" (parts that are not 1, 2 or 3 are dropped); undefined for none. */
export function parseDegrees(text: string | undefined): DegreeFilter[] | undefined {
  if (!text) return undefined;
  return normalizeDegrees(text.split(',').map((part) => Number(part.trim())));
}

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

function isSeniority(v: string | undefined): v is Seniority {
  return v !== undefined && (SENIORITIES as readonly string[]).includes(v);
}

function text(v: string | undefined): string | undefined {
  const trimmed = v?.trim();
  return trimmed ? trimmed : undefined;
}

/** The filters with every empty or unusable value left out, and the degrees in order. */
export function cleanFilters(f: SearchFilters): SearchFilters {
  const out: SearchFilters = {};
  const company = text(f.company);
  const school = text(f.school);
  const location = text(f.location);
  const language = text(f.language);
  const skill = text(f.skill);
  const degree = normalizeDegrees(f.degree ?? []);
  if (company) out.company = company;
  if (school) out.school = school;
  if (location) out.location = location;
  if (language && LANGUAGE_TAG.test(language)) out.language = language;
  if (skill) out.skill = skill;
  if (isSeniority(f.seniority)) out.seniority = f.seniority;
  if (degree) out.degree = degree;
  return out;
}

/** How many filters narrow the results (the degrees count as one). */
export function activeFilterCount(f: SearchFilters): number {
  const clean = cleanFilters(f);
  return FILTER_KEYS.filter((k) => clean[k] !== undefined).length;
}

function params(req: SearchRequest): URLSearchParams {
  const out = new URLSearchParams();
  out.set('q', cleanQuery(req.q));
  const f = cleanFilters(req);
  for (const key of FILTER_KEYS) {
    const value = key === 'degree' ? degreeParam(f.degree) : f[key];
    if (value !== undefined) out.set(key, value);
  }
  return out;
}

/** The query string of GET /api/v1/search/members (no leading "?"). */
export function searchApiQuery(req: SearchRequest, page: { limit?: number; cursor?: string } = {}): string {
  const out = params(req);
  if (page.limit !== undefined) out.set('limit', String(page.limit));
  if (page.cursor) out.set('cursor', page.cursor);
  return out.toString();
}

/** The results page's URL for a search, filters included: the address to share or come back to. */
export function searchPath(req: SearchRequest): string {
  return `${SEARCH_PATH}?${params(req).toString()}`;
}

/** The search a results page's query (`useLocation().query`) asks for; unusable values are dropped. */
export function parseSearchQuery(query: Readonly<Record<string, string | undefined>>): SearchRequest {
  const filters = cleanFilters({
    company: query.company,
    school: query.school,
    location: query.location,
    language: query.language,
    skill: query.skill,
    seniority: query.seniority as Seniority | undefined,
    degree: parseDegrees(query.degree),
  });
  return { q: cleanQuery(query.q ?? ''), ...filters };
}

/** The same search with no filters. */
export function withoutFilters(req: SearchRequest): SearchRequest {
  return { q: req.q };
}

/** The filters of a search, without its text. */
export function filtersOf(req: SearchRequest): SearchFilters {
  const { q: _q, ...filters } = req;
  return cleanFilters(filters);
}

/** True when two searches ask for the same results. */
export function sameSearch(a: SearchRequest, b: SearchRequest): boolean {
  return searchPath(a) === searchPath(b);
}
