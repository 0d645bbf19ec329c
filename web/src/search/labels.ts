// Message keys of people search: what a result matched, and the degree filter's choices.
import type { SearchField } from '../api/types';
import type { Message } from '../i18n/fieldErrors';
import type { MessageKey } from '../i18n/translate';
import { QUERY_MAX, QUERY_MAX_WORDS, type DegreeFilter, type QueryProblem } from './query';

export const MATCH_LABEL: Readonly<Record<SearchField, MessageKey>> = {
  name: 'search.match_name',
  headline: 'search.match_headline',
  company: 'search.match_company',
  school: 'search.match_school',
  skill: 'search.match_skill',
  language: 'search.match_language',
  location: 'search.match_location',
  seniority: 'search.match_seniority',
};

/** The labels of what a result matched, in the server's order, each once; unknown values are left out. */
export function matchLabels(matched: readonly string[]): MessageKey[] {
  const out: MessageKey[] = [];
  for (const field of matched) {
    const key = (MATCH_LABEL as Readonly<Record<string, MessageKey>>)[field];
    if (key && !out.includes(key)) out.push(key);
  }
  return out;
}

export const DEGREE_FILTER_LABEL: Readonly<Record<DegreeFilter, MessageKey>> = {
  1: 'search.degree_1',
  2: 'search.degree_2',
  3: 'search.degree_3',
};

/** What to say about a query that cannot be searched. */
export function queryProblemMessage(problem: Exclude<QueryProblem, 'empty'>): Message {
  switch (problem) {
    case 'too_long':
      return { key: 'errors.too_long', params: { max: QUERY_MAX } };
    case 'too_many_words':
      return { key: 'errors.search_words', params: { max: QUERY_MAX_WORDS } };
    case 'short_word':
      return { key: 'errors.search_short_word' };
    case 'control':
      return { key: 'errors.search_query', params: { max: QUERY_MAX, words: QUERY_MAX_WORDS } };
  }
}
