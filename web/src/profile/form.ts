// The profile editor's form model, and its mapping to and from the wire document of
// GET/PUT /me/profile. Field paths are the server's ("positions[2].title", "name.family"),
// so a local check and a 400 from the server land next to the same input.
import type {
  Audience,
  Career,
  CareerStatus,
  Company,
  ContactKind,
  Education,
  EducationInput,
  JobFunction,
  LinkKind,
  Locale,
  OwnProfile,
  OwnProfileInput,
  PersonName,
  Position,
  PositionInput,
  Proficiency,
  School,
  Seniority,
} from '../api/types';
import type { MessageKey, Params } from '../i18n/translate';
import { DEFAULT_AUDIENCE } from './audience';
import { emptyPersonName } from './names';

export const JOB_FUNCTIONS: readonly JobFunction[] = [
  'engineering',
  'design',
  'product',
  'research',
  'operations',
  'finance',
  'legal',
  'marketing',
  'sales',
  'recruiting',
  'headhunting',
  'human_resources',
  'education',
  'healthcare',
  'consulting',
  'management',
  'other',
];

export const SENIORITIES: readonly Seniority[] = [
  'intern',
  'entry',
  'mid',
  'senior',
  'lead',
  'manager',
  'director',
  'executive',
];

export const PROFICIENCIES: readonly Proficiency[] = ['elementary', 'working', 'professional', 'native'];
export const CAREER_STATUSES: readonly CareerStatus[] = ['not_looking', 'open', 'actively_looking'];
export const LINK_KINDS: readonly LinkKind[] = ['link', 'project'];
export const CONTACT_KINDS: readonly ContactKind[] = ['email', 'phone', 'line', 'wechat'];
export const CURRENCIES: readonly string[] = ['JPY', 'CNY', 'USD', 'HKD', 'TWD', 'SGD', 'KRW', 'EUR', 'GBP'];
/** Languages offered first in the language list (BCP 47); any other tag is kept as it came. */
export const COMMON_LANGUAGES: readonly string[] = [
  'ja', 'zh-Hans', 'zh-Hant', 'en', 'ko', 'yue', 'fr', 'de', 'es', 'pt', 'it', 'ru', 'vi', 'th', 'id', 'ms', 'hi', 'ar',
];
/** Countries offered for schools (ISO 3166-1 alpha-2). */
export const COMMON_COUNTRIES: readonly string[] = [
  'JP', 'CN', 'HK', 'TW', 'KR', 'SG', 'US', 'GB', 'CA', 'AU', 'DE', 'FR', 'NL', 'CH', 'MY', 'TH', 'VN', 'ID', 'IN',
];

/** Limits of docs/API.md, in characters. */
export const LIMITS = {
  display_name: 100,
  name: 100,
  headline: 200,
  about: 4000,
  location: 100,
  title: 200,
  description: 2000,
  skill: 80,
  contact: 200,
  url: 2048,
  /** Not in the contract; kept modest so a label fits on a phone. */
  short_text: 100,
} as const;

export const MAX_ENTRIES = {
  positions: 50,
  education: 30,
  languages: 30,
  skills: 100,
  links: 50,
  contacts: 20,
} as const;

export type ListName = keyof typeof MAX_ENTRIES;

export interface Visible<T> {
  value: T;
  audience: Audience;
}

interface Entry {
  /** Stable key for rendering and reordering: the id, or a local one for new entries. */
  key: string;
  id?: string;
  audience: Audience;
}

export interface PositionForm extends Entry {
  company: Company | null;
  title: string;
  function: JobFunction | '';
  seniority: Seniority | '';
  start: string;
  end: string;
  current: boolean;
  description: string;
}

export interface EducationForm extends Entry {
  school: School | null;
  degree: string;
  field: string;
  country: string;
  start: string;
  end: string;
}

export interface LanguageForm extends Entry {
  language: string;
  proficiency: Proficiency;
}

export interface SkillForm extends Entry {
  name: string;
}

export interface LinkForm extends Entry {
  kind: LinkKind;
  title: string;
  url: string;
  description: string;
}

export interface ContactForm extends Entry {
  kind: ContactKind;
  value: string;
}

export interface CareerForm {
  status: CareerStatus;
  /** Free text, items separated by commas or new lines. */
  roles: string;
  locations: string;
  salary_min: string;
  salary_max: string;
  salary_currency: string;
}

export interface ProfileForm {
  display_name: Visible<string>;
  name: Visible<PersonName>;
  headline: Visible<string>;
  about: Visible<string>;
  location: Visible<string>;
  photo: { audience: Audience; url: string | null };
  career: Visible<CareerForm>;
  positions: PositionForm[];
  education: EducationForm[];
  languages: LanguageForm[];
  skills: SkillForm[];
  links: LinkForm[];
  contacts: ContactForm[];
}

export type EntryOf<L extends ListName> = ProfileForm[L][number];

let localKeys = 0;
function newKey(): string {
  localKeys += 1;
  return `new-${localKeys}`;
}

/** Splits "PM、SRE, データ基盤" into items: commas of any script, semicolons and new lines. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Joins items for editing, with the comma the UI language uses. */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'ja' ? '、' : locale === 'zh-Hans' ? '，' : ', ');
}

/** Reads a salary as typed: digits with optional group separators; undefined when empty, NaN when not a number. */
export function parseAmount(text: string): number | undefined {
  const compact = text.replace(/[\s,，_'.]/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (compact === '') return undefined;
  if (!/^\d{1,15}$/.test(compact)) return Number.NaN;
  return Number(compact);
}

export function toForm(own: OwnProfile, locale: Locale): ProfileForm {
  const career = own.career?.value;
  return {
    display_name: { value: own.display_name?.value ?? '', audience: own.display_name?.audience ?? DEFAULT_AUDIENCE.display_name },
    name: {
      value: { ...emptyPersonName(locale), ...(own.name?.value ?? {}) },
      audience: own.name?.audience ?? DEFAULT_AUDIENCE.other,
    },
    headline: { value: own.headline?.value ?? '', audience: own.headline?.audience ?? DEFAULT_AUDIENCE.headline },
    about: { value: own.about?.value ?? '', audience: own.about?.audience ?? DEFAULT_AUDIENCE.other },
    location: { value: own.location?.value ?? '', audience: own.location?.audience ?? DEFAULT_AUDIENCE.other },
    photo: { audience: own.photo?.audience ?? DEFAULT_AUDIENCE.other, url: own.photo?.url ?? null },
    career: {
      value: {
        status: career?.status ?? 'not_looking',
        roles: joinList(career?.roles ?? [], locale),
        locations: joinList(career?.locations ?? [], locale),
        salary_min: career?.salary_min === undefined ? '' : String(career.salary_min),
        salary_max: career?.salary_max === undefined ? '' : String(career.salary_max),
        salary_currency: career?.salary_currency ?? (locale === 'zh-Hans' ? 'CNY' : locale === 'ja' ? 'JPY' : ''),
      },
      audience: own.career?.audience ?? DEFAULT_AUDIENCE.career,
    },
    positions: (own.positions ?? []).map((p: Position) => ({
      key: p.id,
      id: p.id,
      audience: p.audience,
      company: p.company ?? { id: p.company_id, names: {} },
      title: p.title,
      function: p.function,
      seniority: p.seniority,
      start: p.start,
      end: p.end ?? '',
      current: !p.end,
      description: p.description ?? '',
    })),
    education: (own.education ?? []).map((e: Education) => ({
      key: e.id,
      id: e.id,
      audience: e.audience,
      school: e.school ?? { id: e.school_id, names: {}, country: e.country ?? '' },
      degree: e.degree ?? '',
      field: e.field ?? '',
      country: e.country ?? '',
      start: e.start,
      end: e.end ?? '',
    })),
    languages: (own.languages ?? []).map((l) => ({ key: l.id, id: l.id, audience: l.audience, language: l.language, proficiency: l.proficiency })),
    skills: (own.skills ?? []).map((s) => ({ key: s.id, id: s.id, audience: s.audience, name: s.name })),
    links: (own.links ?? []).map((l) => ({
      key: l.id,
      id: l.id,
      audience: l.audience,
      kind: l.kind,
      title: l.title,
      url: l.url,
      description: l.description ?? '',
    })),
    contacts: (own.contacts ?? []).map((c) => ({ key: c.id, id: c.id, audience: c.audience, kind: c.kind, value: c.value })),
  };
}

/** A new, empty entry for a list, with the narrow default audience of that list. */
export function newEntry<L extends ListName>(list: L): EntryOf<L> {
  const audience: Audience = list === 'contacts' ? DEFAULT_AUDIENCE.contacts : DEFAULT_AUDIENCE.other;
  const base = { key: newKey(), audience };
  const entries: { [K in ListName]: EntryOf<K> } = {
    positions: { ...base, company: null, title: '', function: '', seniority: '', start: '', end: '', current: true, description: '' },
    education: { ...base, school: null, degree: '', field: '', country: '', start: '', end: '' },
    languages: { ...base, language: '', proficiency: 'working' },
    skills: { ...base, name: '' },
    links: { ...base, kind: 'link', title: '', url: '', description: '' },
    contacts: { ...base, kind: 'email', value: '' },
  };
  return entries[list];
}

/** Moves the entry at `index` by `delta` places (−1 up, +1 down); out of range: unchanged. */
export function moveEntry<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(target, 0, item as T);
  return out;
}

const withId = <T extends object>(id: string | undefined, body: T): T & { id?: string } => (id ? { id, ...body } : body);

function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const v = value.trim();
  return v === '' ? {} : ({ [key]: v } as Record<K, string>);
}

/**
 * The body of PUT /me/profile. Every entry of the form is kept, in order, so that a field
 * the server names ("positions[2].title") is the form's entry 2. Response-only fields
 * (ids of nothing, updated_at, company, school, photo.url) are never sent.
 */
export function toDocument(form: ProfileForm): OwnProfileInput {
  const c = form.career.value;
  const career: Career = {
    status: c.status,
    roles: splitList(c.roles),
    locations: splitList(c.locations),
  };
  const min = parseAmount(c.salary_min);
  const max = parseAmount(c.salary_max);
  if (min !== undefined) career.salary_min = min;
  if (max !== undefined) career.salary_max = max;
  if ((min !== undefined || max !== undefined) && c.salary_currency) career.salary_currency = c.salary_currency;

  const n = form.name.value;
  return {
    display_name: { value: form.display_name.value.trim(), audience: form.display_name.audience },
    name: {
      value: {
        family: n.family.trim(),
        given: n.given.trim(),
        family_reading: n.family_reading.trim(),
        given_reading: n.given_reading.trim(),
        latin_family: n.latin_family.trim(),
        latin_given: n.latin_given.trim(),
        order: n.order,
      },
      audience: form.name.audience,
    },
    headline: { value: form.headline.value.trim(), audience: form.headline.audience },
    about: { value: form.about.value.trim(), audience: form.about.audience },
    location: { value: form.location.value.trim(), audience: form.location.audience },
    photo: { audience: form.photo.audience },
    career: { value: career, audience: form.career.audience },
    positions: form.positions.map(
      (p): PositionInput =>
        withId(p.id, {
          company_id: p.company?.id ?? '',
          title: p.title.trim(),
          function: (p.function || 'other') as JobFunction,
          seniority: (p.seniority || 'mid') as Seniority,
          start: p.start,
          ...(p.current ? {} : optional('end', p.end)),
          ...optional('description', p.description),
          audience: p.audience,
        }),
    ),
    education: form.education.map(
      (e): EducationInput =>
        withId(e.id, {
          school_id: e.school?.id ?? '',
          ...optional('degree', e.degree),
          ...optional('field', e.field),
          ...optional('country', e.country),
          start: e.start,
          ...optional('end', e.end),
          audience: e.audience,
        }),
    ),
    languages: form.languages.map((l) => withId(l.id, { language: l.language, proficiency: l.proficiency, audience: l.audience })),
    skills: form.skills.map((s) => withId(s.id, { name: s.name.trim(), audience: s.audience })),
    links: form.links.map((l) =>
      withId(l.id, {
        kind: l.kind,
        title: l.title.trim(),
        url: l.url.trim(),
        ...optional('description', l.description),
        audience: l.audience,
      }),
    ),
    contacts: form.contacts.map((ct) => withId(ct.id, { kind: ct.kind, value: ct.value.trim(), audience: ct.audience })),
  };
}

// ------------------------------------------------------------------ local checks

export interface FieldMessage {
  key: MessageKey;
  params?: Params;
}

export type FieldErrors = Record<string, FieldMessage>;

const chars = (s: string) => [...s.trim()].length;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The current month as "YYYY-MM" in local time. */
export function currentMonth(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** True for a well-formed URL with http or https. */
export function isWebUrl(text: string): boolean {
  try {
    const u = new URL(text.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Checks the form against the limits of docs/API.md before anything is sent. Returns the
 * problems keyed by the server's field paths; empty when the form can be saved.
 */
export function validateProfile(form: ProfileForm, thisMonth: string = currentMonth()): FieldErrors {
  const errors: FieldErrors = {};
  const tooLong = (path: string, text: string, max: number) => {
    if (chars(text) > max) errors[path] = { key: 'errors.too_long', params: { max } };
  };
  const required = (path: string, text: string, max: number) => {
    if (chars(text) === 0) errors[path] = { key: 'errors.required' };
    else tooLong(path, text, max);
  };
  const months = (prefix: string, start: string, end: string | undefined) => {
    if (start === '') errors[`${prefix}.start`] = { key: 'errors.required' };
    else if (!MONTH.test(start)) errors[`${prefix}.start`] = { key: 'errors.month_invalid' };
    else if (start > thisMonth) errors[`${prefix}.start`] = { key: 'errors.month_future' };
    if (end === undefined || end === '') return;
    if (!MONTH.test(end)) errors[`${prefix}.end`] = { key: 'errors.month_invalid' };
    else if (MONTH.test(start) && end < start) errors[`${prefix}.end`] = { key: 'errors.end_before_start' };
  };
  const count = (list: ListName) => {
    const max = MAX_ENTRIES[list];
    if (form[list].length > max) errors[list] = { key: 'errors.too_many', params: { max } };
  };

  required('display_name', form.display_name.value, LIMITS.display_name);
  const n = form.name.value;
  for (const part of ['family', 'given', 'family_reading', 'given_reading', 'latin_family', 'latin_given'] as const) {
    tooLong(`name.${part}`, n[part], LIMITS.name);
  }
  tooLong('headline', form.headline.value, LIMITS.headline);
  tooLong('about', form.about.value, LIMITS.about);
  tooLong('location', form.location.value, LIMITS.location);

  const c = form.career.value;
  const min = parseAmount(c.salary_min);
  const max = parseAmount(c.salary_max);
  if (Number.isNaN(min)) errors['career.salary_min'] = { key: 'errors.number_invalid' };
  if (Number.isNaN(max)) errors['career.salary_max'] = { key: 'errors.number_invalid' };
  if (min !== undefined && max !== undefined && !Number.isNaN(min) && !Number.isNaN(max) && min > max) {
    errors['career.salary_max'] = { key: 'errors.salary_range' };
  }
  if ((min !== undefined || max !== undefined) && !c.salary_currency) {
    errors['career.salary_currency'] = { key: 'errors.choice_required' };
  }

  form.positions.forEach((p, i) => {
    const at = `positions[${i}]`;
    if (!p.company) errors[`${at}.company_id`] = { key: 'errors.company_required' };
    required(`${at}.title`, p.title, LIMITS.title);
    if (!p.function) errors[`${at}.function`] = { key: 'errors.choice_required' };
    if (!p.seniority) errors[`${at}.seniority`] = { key: 'errors.choice_required' };
    months(at, p.start, p.current ? undefined : p.end);
    tooLong(`${at}.description`, p.description, LIMITS.description);
  });
  form.education.forEach((e, i) => {
    const at = `education[${i}]`;
    if (!e.school) errors[`${at}.school_id`] = { key: 'errors.school_required' };
    tooLong(`${at}.degree`, e.degree, LIMITS.short_text);
    tooLong(`${at}.field`, e.field, LIMITS.short_text);
    months(at, e.start, e.end);
  });
  form.languages.forEach((l, i) => {
    if (!l.language) errors[`languages[${i}].language`] = { key: 'errors.choice_required' };
  });
  form.skills.forEach((s, i) => required(`skills[${i}].name`, s.name, LIMITS.skill));
  form.links.forEach((l, i) => {
    const at = `links[${i}]`;
    required(`${at}.title`, l.title, LIMITS.title);
    if (chars(l.url) === 0) errors[`${at}.url`] = { key: 'errors.required' };
    else if (chars(l.url) > LIMITS.url || !isWebUrl(l.url)) errors[`${at}.url`] = { key: 'errors.url_invalid' };
    tooLong(`${at}.description`, l.description, LIMITS.description);
  });
  form.contacts.forEach((ct, i) => required(`contacts[${i}].value`, ct.value, LIMITS.contact));
  for (const list of Object.keys(MAX_ENTRIES) as ListName[]) count(list);
  return errors;
}

/** Every field path the editor shows an input (or an entry or list message) for. */
export function formFieldPaths(form: ProfileForm): Set<string> {
  const paths = new Set<string>([
    'display_name',
    'headline',
    'about',
    'location',
    'photo',
    'career',
    'career.status',
    'career.roles',
    'career.locations',
    'career.salary_min',
    'career.salary_max',
    'career.salary_currency',
    'name',
    ...['family', 'given', 'family_reading', 'given_reading', 'latin_family', 'latin_given', 'order'].map((p) => `name.${p}`),
  ]);
  for (const top of ['display_name', 'name', 'headline', 'about', 'location', 'photo', 'career']) paths.add(`${top}.audience`);
  const entryFields: Record<ListName, readonly string[]> = {
    positions: ['company_id', 'title', 'function', 'seniority', 'start', 'end', 'description'],
    education: ['school_id', 'degree', 'field', 'country', 'start', 'end'],
    languages: ['language', 'proficiency'],
    skills: ['name'],
    links: ['kind', 'title', 'url', 'description'],
    contacts: ['kind', 'value'],
  };
  for (const list of Object.keys(entryFields) as ListName[]) {
    paths.add(list);
    form[list].forEach((_, i) => {
      paths.add(`${list}[${i}]`);
      paths.add(`${list}[${i}].audience`);
      for (const f of entryFields[list]) paths.add(`${list}[${i}].${f}`);
    });
  }
  return paths;
}

/** The element id of a field path: "positions[2].title" → "profile-positions-2-title". */
export function fieldDomId(path: string, prefix = 'profile'): string {
  return `${prefix}-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
}

/** Member ids as typed into a circle: separated by spaces, commas or new lines; duplicates dropped. */
export function parseIdList(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).filter((s) => s !== ''))];
}
