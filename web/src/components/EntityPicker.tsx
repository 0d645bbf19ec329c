import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Company, Locale, Names, School } from '../api/types';
import { useI18n } from '../i18n/context';
import { COMMON_COUNTRIES } from '../profile/form';
import { countryName, guessNameLanguage } from '../profile/format';
import { otherNames, pickName } from '../profile/names';
import { describedBy, Field } from './Field';
import { focusSoon } from './focus';
import { ErrorRegion } from './Live';
import { PlusIcon } from './Icons';
import { useFormErrors } from './useFormErrors';

export type EntityKind = 'company' | 'school';
type Entity = Company | School;

const SEARCH_DELAY_MS = 200;

const NAME_ORDER: Record<Locale, readonly ('ja' | 'zh' | 'en')[]> = {
  ja: ['ja', 'zh', 'en'],
  'zh-Hans': ['zh', 'ja', 'en'],
  en: ['en', 'ja', 'zh'],
};
const NAME_LABEL = { ja: 'picker.name_ja', zh: 'picker.name_zh', en: 'picker.name_en' } as const;
const NAME_LANG = { ja: 'ja', zh: 'zh-Hans', en: 'en' } as const;

async function search(kind: EntityKind, q: string): Promise<Entity[]> {
  if (kind === 'company') return (await api.searchCompanies(q)).companies;
  return (await api.searchSchools(q)).schools;
}

/** The names a new entity is created with: the non-empty ones, trimmed. */
function cleanNames(names: Names): Names {
  const out: Names = {};
  for (const key of ['ja', 'zh', 'en', 'reading'] as const) {
    const v = names[key]?.trim();
    if (v) out[key] = v;
  }
  return out;
}

/**
 * Chooses a company or school: type a few letters, pick one of the matches (GET
 * /companies?q=), or create a new one (POST /companies) when none is right. A combobox with
 * a listbox popup (WAI-ARIA 1.2); the creation form opens in place. With `creatable={false}`
 * (a search filter) only existing ones can be chosen.
 */
export function EntityPicker(props: {
  kind: EntityKind;
  id: string;
  label: string;
  value: Entity | null;
  onChange: (value: Entity | null) => void;
  error?: string | undefined;
  /** Disables the "change" button (e.g. in a read-only list). */
  hint?: string;
  /** Offers to add a company or school that none of the matches is (default true). */
  creatable?: boolean;
}) {
  const { t, locale } = useI18n();
  const { kind, id } = props;
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Entity[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(false);
  const [searchFailed, setSearchFailed] = useState(false);
  const [creating, setCreating] = useState<Names | null>(null);
  const [country, setCountry] = useState(locale === 'zh-Hans' ? 'CN' : locale === 'ja' ? 'JP' : '');
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  // The new entity's names in the UI language's order: its own script first.
  const nameOrder = NAME_ORDER[locale];
  const createErrors = useFormErrors(
    (f) => (f === 'names' ? `${id}-new-${nameOrder[0]}` : `${id}-new-${f}`),
    (f) => f === 'names' || f === 'country',
  );

  const listId = `${id}-list`;
  const trimmed = query.trim();
  const exact = results.some((r) => Object.values(r.names).some((n) => n?.trim() === trimmed));
  // The options: the matches, then "create …" when the typed name matches none exactly.
  const creatable = props.creatable ?? true;
  const createIndex = creatable && trimmed !== '' && !exact ? results.length : -1;
  const optionCount = results.length + (createIndex >= 0 ? 1 : 0);

  useEffect(() => {
    if (props.value || trimmed === '') {
      setResults([]);
      setSearching(false);
      return;
    }
    const mine = ++seq.current;
    setSearching(true);
    const timer = setTimeout(async () => {
      try {
        const found = await search(kind, trimmed);
        if (mine !== seq.current) return;
        setResults(found.slice(0, 10));
        setSearchFailed(false);
      } catch {
        if (mine !== seq.current) return;
        setResults([]);
        setSearchFailed(true);
      } finally {
        if (mine === seq.current) setSearching(false);
      }
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [trimmed, kind, props.value]);

  function choose(entity: Entity) {
    props.onChange(entity);
    setOpen(false);
    setQuery('');
    setActive(-1);
    focusSoon(id);
  }

  function startCreate() {
    const lang = guessNameLanguage(trimmed, locale);
    setCreating({ [lang]: trimmed });
    setOpen(false);
    createErrors.clear();
    focusSoon(`${id}-new-${lang}`);
  }

  function pick(index: number) {
    if (index === createIndex) startCreate();
    else {
      const entity = results[index];
      if (entity) choose(entity);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (optionCount === 0 ? -1 : (a + 1) % optionCount));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (optionCount === 0 ? -1 : (a - 1 + optionCount) % optionCount));
    } else if (e.key === 'Enter') {
      // Never submit the surrounding form from the picker.
      e.preventDefault();
      if (open && active >= 0) pick(active);
      else if (open && optionCount === 1) pick(0);
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    }
  }

  async function create() {
    if (busy || !creating) return;
    const names = cleanNames(creating);
    const found: Record<string, 'errors.org_name_required' | 'errors.choice_required' | undefined> = {
      names: names.ja || names.zh || names.en ? undefined : 'errors.org_name_required',
      country: kind === 'school' && !country ? 'errors.choice_required' : undefined,
    };
    if (createErrors.showLocal(found, ['names', 'country'])) return;
    setBusy(true);
    try {
      const entity = kind === 'company' ? await api.createCompany({ names }) : await api.createSchool({ names, country });
      setCreating(null);
      choose(entity);
    } catch (e) {
      createErrors.showError(e, 'organization');
    } finally {
      setBusy(false);
    }
  }

  // A chosen entity: its name, and a button to choose another.
  if (props.value) {
    const picked = pickName(props.value.names, locale);
    const others = otherNames(props.value.names, locale);
    return (
      <div class={props.error ? 'field field-invalid' : 'field'}>
        <span class="label" id={`${id}-label`}>
          {props.label}
        </span>
        <div class="picked" aria-labelledby={`${id}-label`} role="group">
          <span class="picked-name">
            <span lang={picked.lang}>{picked.text || t('picker.unnamed')}</span>
            {others.length > 0 && (
              <span class="picked-other">
                {others.map((o, i) => (
                  <span key={o.text} lang={o.lang}>
                    {i > 0 ? ' · ' : ''}
                    {o.text}
                  </span>
                ))}
              </span>
            )}
          </span>
          {/* The field's id goes to the button, so an error about the field can focus it. */}
          <button
            type="button"
            id={id}
            class="btn btn-secondary btn-small"
            aria-label={t('picker.change_label', { name: picked.text })}
            aria-describedby={props.error ? `${id}-error` : undefined}
            onClick={() => {
              props.onChange(null);
              setQuery(picked.text);
              setOpen(true);
              focusSoon(id);
            }}
          >
            {t('picker.change')}
          </button>
        </div>
        {props.error && (
          <p class="field-error" id={`${id}-error`}>
            {props.error}
          </p>
        )}
      </div>
    );
  }

  if (creating) {
    const set = (key: keyof Names) => (v: string) => setCreating((c) => ({ ...c, [key]: v }));
    const nameField = (key: 'ja' | 'zh' | 'en') => (
      <Field
        key={key}
        id={`${id}-new-${key}`}
        label={t(NAME_LABEL[key])}
        value={creating[key] ?? ''}
        onInput={set(key)}
        lang={NAME_LANG[key]}
        maxLength={200}
        error={key === nameOrder[0] ? createErrors.field('names') : undefined}
      />
    );
    return (
      <div class="field">
        <div
          class="create-panel"
          role="group"
          aria-labelledby={`${id}-create-title`}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
              e.preventDefault();
              void create();
            }
          }}
        >
          <h4 id={`${id}-create-title`}>{t(kind === 'company' ? 'picker.create_company_title' : 'picker.create_school_title')}</h4>
          <p class="hint">{t('picker.create_hint')}</p>
          <ErrorRegion text={createErrors.form} />
          {nameOrder.map(nameField)}
          <Field
            id={`${id}-new-reading`}
            label={t('picker.name_reading')}
            hint={t('picker.name_reading_hint')}
            value={creating.reading ?? ''}
            onInput={set('reading')}
            maxLength={200}
          />
          {kind === 'school' && (
            <div class={createErrors.field('country') ? 'field field-invalid' : 'field'}>
              <label for={`${id}-new-country`}>{t('picker.country')}</label>
              <select
                id={`${id}-new-country`}
                value={country}
                onChange={(e) => setCountry(e.currentTarget.value)}
                aria-invalid={createErrors.field('country') ? 'true' : undefined}
              >
                <option value="">{t('common.choose')}</option>
                {COMMON_COUNTRIES.map((c) => (
                  <option key={c} value={c}>
                    {countryName(c, locale)}
                  </option>
                ))}
              </select>
              {createErrors.field('country') && <p class="field-error">{createErrors.field('country')}</p>}
            </div>
          )}
          <div class="form-actions">
            <button type="button" class="btn btn-primary btn-small" onClick={() => void create()} aria-disabled={busy ? 'true' : undefined}>
              {busy ? t('picker.creating') : t(kind === 'company' ? 'picker.create_company' : 'picker.create_school')}
            </button>
            <button
              type="button"
              class="btn btn-secondary btn-small"
              onClick={() => {
                setCreating(null);
                createErrors.clear();
                focusSoon(id);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </div>
      </div>
    );
  }

  const hintId = props.hint ? `${id}-hint` : undefined;
  const showList = open && trimmed !== '';
  return (
    <div class={props.error ? 'field field-invalid picker' : 'field picker'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <div class="picker-box">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellcheck={false}
        value={query}
        placeholder={t(kind === 'company' ? 'picker.company_placeholder' : 'picker.school_placeholder')}
        aria-autocomplete="list"
        aria-expanded={showList ? 'true' : 'false'}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" class="picker-list" hidden={!showList || optionCount === 0} aria-label={props.label}>
        {results.map((r, i) => {
          const picked = pickName(r.names, locale);
          const others = otherNames(r.names, locale);
          return (
            <li
              key={r.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active ? 'true' : 'false'}
              class="picker-option"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(i)}
            >
              <span lang={picked.lang}>{picked.text}</span>
              {others.length > 0 && <span class="picker-other">{others.map((o) => o.text).join(' · ')}</span>}
            </li>
          );
        })}
        {createIndex >= 0 && (
          <li
            id={`${id}-opt-${createIndex}`}
            role="option"
            aria-selected={createIndex === active ? 'true' : 'false'}
            class="picker-option picker-create"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(createIndex)}
          >
            <PlusIcon class="icon icon-small" />
            <span>{t(kind === 'company' ? 'picker.create_company_named' : 'picker.create_school_named', { name: trimmed })}</span>
          </li>
        )}
      </ul>
      </div>
      <p class="picker-status hint" role="status" aria-live="polite">
        {showList && searching ? t('picker.searching') : ''}
        {showList && !searching && searchFailed ? t(creatable ? 'picker.search_failed' : 'picker.search_failed_only') : ''}
        {showList && !searching && !searchFailed && results.length === 0 ? t(creatable ? 'picker.no_match' : 'picker.no_match_only') : ''}
      </p>
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}
