// Routing an API error to the input it is about. The server names fields by their path in
// the request body ("positions[2].title", "name.family"); a form shows the message next to
// the most specific input it has for that path, or at the top of the form otherwise.
import type { DescribedError } from './describeError';
import type { MessageKey, Params } from './translate';

export interface Message {
  key: MessageKey;
  params?: Params;
}

/** The profile's fields of the form {"value", "audience"} (contacts[i].value is a real field). */
const AUDIENCED = new Set(['display_name', 'name', 'headline', 'about', 'location', 'career']);

/**
 * Drops the `value` level of an Audienced field ("name.value.family" → "name.family",
 * "headline.value" → "headline"), so either spelling finds the same input.
 */
export function normalizeFieldPath(field: string): string {
  const parts = field.split('.');
  return parts.filter((part, i) => !(i === 1 && part === 'value' && AUDIENCED.has(parts[0] ?? ''))).join('.');
}

/**
 * The path and its ancestors, most specific first:
 * "positions[2].start" → ["positions[2].start", "positions[2]", "positions"].
 */
export function fieldAncestors(field: string): string[] {
  const out: string[] = [];
  let rest = normalizeFieldPath(field);
  while (rest !== '') {
    out.push(rest);
    const cut = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('['));
    rest = cut > 0 ? rest.slice(0, cut) : '';
  }
  return out;
}

export interface RoutedError {
  /** The form's field the message goes next to; undefined for a form-level message. */
  field: string | undefined;
  /** The message next to that field (when `field` is set). */
  fieldMessage: Message | undefined;
  /** The message at the top of the form: the error itself, or "check the fields below". */
  formMessage: Message;
}

const toMessage = (d: { key: MessageKey; params?: Params | undefined }): Message =>
  d.params ? { key: d.key, params: d.params } : { key: d.key };

/**
 * Decides where a described error is shown. `isField` tells which paths the form has an
 * input (or an entry) for; the most specific of the error's path and its ancestors wins.
 */
export function routeError(d: DescribedError, isField: (path: string) => boolean): RoutedError {
  if (d.field) {
    const target = fieldAncestors(d.field).find(isField);
    if (target !== undefined) {
      return { field: target, fieldMessage: toMessage(d), formMessage: { key: 'errors.check_fields' } };
    }
  }
  return { field: undefined, fieldMessage: undefined, formMessage: toMessage(d) };
}

/** The last named part of a path: "positions[2].title" → "title", "positions[2]" → "positions". */
function leaf(path: string): { name: string; indexed: boolean } {
  const normalized = normalizeFieldPath(path);
  const last = normalized.split('.').at(-1) ?? '';
  const m = /^([^[]*)(\[\d+\])?$/.exec(last);
  return { name: m?.[1] ?? last, indexed: Boolean(m?.[2]) };
}

const LIST_LIMITS: Readonly<Record<string, number>> = {
  positions: 50,
  education: 30,
  languages: 30,
  skills: 100,
  links: 50,
  contacts: 20,
};

/**
 * The message for a 400 about one field of the profile document. The server's own text is
 * for developers, so the message is chosen by the field alone, and says what is accepted.
 */
export function describeProfileField(field: string): Message {
  const normalized = normalizeFieldPath(field);
  const parts = normalized.split('.');
  const top = (parts[0] ?? '').replace(/\[\d+\]$/, '');
  const { name, indexed } = leaf(normalized);
  if (parts.length === 1 && !indexed && name in LIST_LIMITS) {
    return { key: 'errors.too_many', params: { max: LIST_LIMITS[name] as number } };
  }
  if (parts.length === 1 && indexed) return { key: 'errors.entry_invalid' };
  switch (name) {
    case 'display_name':
      return { key: 'errors.display_name_invalid' };
    case 'family':
    case 'given':
    case 'family_reading':
    case 'given_reading':
    case 'latin_family':
    case 'latin_given':
      return { key: 'errors.too_long', params: { max: 100 } };
    case 'headline':
      return { key: 'errors.too_long', params: { max: 200 } };
    case 'about':
      return { key: 'errors.too_long', params: { max: 4000 } };
    case 'location':
      return { key: 'errors.too_long', params: { max: 100 } };
    case 'title':
      return { key: 'errors.length_range', params: { max: 200 } };
    case 'description':
      return { key: 'errors.too_long', params: { max: 2000 } };
    case 'name':
      return top === 'skills' ? { key: 'errors.length_range', params: { max: 80 } } : { key: 'errors.field_invalid' };
    case 'value':
      return top === 'contacts' ? { key: 'errors.length_range', params: { max: 200 } } : { key: 'errors.field_invalid' };
    case 'url':
      return { key: 'errors.url_invalid' };
    case 'start':
      return { key: 'errors.month_start' };
    case 'end':
      return { key: 'errors.end_before_start' };
    case 'company_id':
      return { key: 'errors.company_required' };
    case 'school_id':
      return { key: 'errors.school_required' };
    case 'audience':
      return { key: 'errors.audience_invalid' };
    case 'id':
      return { key: 'errors.entry_stale' };
    case 'salary_min':
    case 'salary_max':
      return { key: 'errors.number_invalid' };
    case 'function':
    case 'seniority':
    case 'proficiency':
    case 'language':
    case 'kind':
    case 'status':
    case 'order':
    case 'salary_currency':
      return { key: 'errors.choice_required' };
    default:
      return { key: 'errors.field_invalid' };
  }
}
