import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Company, School, Seniority } from '../../api/types';
import { EntityPicker, type EntityKind } from '../../components/EntityPicker';
import { Field, SelectField } from '../../components/Field';
import { useI18n } from '../../i18n/context';
import { COMMON_LANGUAGES } from '../../profile/form';
import { languageName } from '../../profile/format';
import { SENIORITY_LABEL } from '../../profile/labels';
import { DEGREE_FILTER_LABEL } from '../../search/labels';
import { activeFilterCount, cleanFilters, DEGREES, FILTER_TEXT_MAX, SENIORITIES, type DegreeFilter, type SearchFilters } from '../../search/query';

type Entity = Company | School;

/**
 * The company or school a filter names by id: the one the member picked, else fetched by id (a
 * shared link). While it loads, and when it cannot be loaded, it shows without a name.
 */
function useEntity(kind: EntityKind, id: string | undefined, picked: Entity | null): Entity | null {
  const [loaded, setLoaded] = useState<Entity | null>(null);
  const known = picked?.id === id ? picked : loaded?.id === id ? loaded : null;
  useEffect(() => {
    if (!id || known) return;
    let live = true;
    const load = kind === 'company' ? api.company(id) : api.school(id);
    load.then(
      (entity) => {
        if (live) setLoaded(entity);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [kind, id, known !== null]);
  if (!id) return null;
  return known ?? { id, names: {}, country: '' };
}

/**
 * The filters of the results page: company and school (chosen from the existing ones), location,
 * language, skill, seniority and degree. Edited as a draft; "Show results" applies it (`onApply`
 * with the clean filters), "Clear filters" applies none.
 */
export function SearchFiltersForm({ value, onApply }: { value: SearchFilters; onApply: (filters: SearchFilters) => void }) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<SearchFilters>(value);
  const [picked, setPicked] = useState<{ company: Entity | null; school: Entity | null }>({ company: null, school: null });
  const valueKey = JSON.stringify(cleanFilters(value));

  // The URL changed (Back, a link, "Clear filters"): the form shows what the page shows.
  useEffect(() => setDraft(value), [valueKey]);

  const company = useEntity('company', draft.company, picked.company);
  const school = useEntity('school', draft.school, picked.school);
  const set = (change: Partial<SearchFilters>) => setDraft((d) => ({ ...d, ...change }));
  const degrees = draft.degree ?? [];

  function toggleDegree(d: DegreeFilter, on: boolean) {
    const next = on ? [...degrees, d] : degrees.filter((x) => x !== d);
    set({ degree: DEGREES.filter((x) => next.includes(x)) });
  }

  const languages = [...new Set([...COMMON_LANGUAGES, ...(draft.language ? [draft.language] : [])])];
  const anyActive = activeFilterCount(value) > 0 || activeFilterCount(draft) > 0;

  return (
    <form
      class="search-filters-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onApply(cleanFilters(draft));
      }}
    >
      <EntityPicker
        kind="company"
        id="search-company"
        label={t('search.company')}
        value={company}
        creatable={false}
        onChange={(entity) => {
          setPicked((p) => ({ ...p, company: entity }));
          set({ company: entity?.id });
        }}
      />
      <EntityPicker
        kind="school"
        id="search-school"
        label={t('search.school')}
        value={school}
        creatable={false}
        onChange={(entity) => {
          setPicked((p) => ({ ...p, school: entity }));
          set({ school: entity?.id });
        }}
      />
      <Field id="search-location" label={t('search.location')} value={draft.location ?? ''} maxLength={FILTER_TEXT_MAX} onInput={(location) => set({ location })} />
      <SelectField
        id="search-language"
        label={t('search.language')}
        value={draft.language ?? ''}
        placeholder={t('search.any')}
        options={languages.map((code) => ({ value: code, label: languageName(code, locale), lang: code }))}
        onChange={(language) => set({ language: language || undefined })}
      />
      <Field id="search-skill" label={t('search.skill')} value={draft.skill ?? ''} maxLength={FILTER_TEXT_MAX} onInput={(skill) => set({ skill })} />
      <SelectField
        id="search-seniority"
        label={t('search.seniority')}
        value={draft.seniority ?? ''}
        placeholder={t('search.any')}
        options={SENIORITIES.map((s) => ({ value: s, label: t(SENIORITY_LABEL[s]) }))}
        onChange={(seniority) => set({ seniority: (seniority || undefined) as Seniority | undefined })}
      />
      <fieldset class="field check-grid search-degrees">
        <legend class="label">{t('search.degree')}</legend>
        {DEGREES.map((d) => (
          <label key={d} class="check">
            <input type="checkbox" checked={degrees.includes(d)} onChange={(e) => toggleDegree(d, e.currentTarget.checked)} />
            <span>{t(DEGREE_FILTER_LABEL[d])}</span>
          </label>
        ))}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          {t('search.apply')}
        </button>
        {anyActive && (
          <button
            type="button"
            class="btn btn-secondary"
            onClick={() => {
              setDraft({});
              setPicked({ company: null, school: null });
              onApply({});
            }}
          >
            {t('search.clear_filters')}
          </button>
        )}
      </div>
    </form>
  );
}
