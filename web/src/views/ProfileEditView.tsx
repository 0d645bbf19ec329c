import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Audience, Circle, Company, OwnProfile, School } from '../api/types';
import { useAuth } from '../auth';
import { AudienceSelect } from '../components/Audience';
import { EntityPicker } from '../components/EntityPicker';
import { Field, SelectField, TextAreaField } from '../components/Field';
import { ShieldIcon } from '../components/Icons';
import { ErrorRegion, StatusRegion } from '../components/Live';
import { Loading, Page } from '../components/Page';
import { NameText } from '../components/ProfileCard';
import { useFormErrors } from '../components/useFormErrors';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/translate';
import {
  CAREER_STATUSES,
  COMMON_COUNTRIES,
  COMMON_LANGUAGES,
  CONTACT_KINDS,
  currentMonth,
  CURRENCIES,
  type EntryOf,
  fieldDomId,
  formFieldPaths,
  JOB_FUNCTIONS,
  LIMITS,
  LINK_KINDS,
  type ListName,
  moveEntry,
  newEntry,
  PROFICIENCIES,
  type ProfileForm,
  SENIORITIES,
  toDocument,
  toForm,
  validateProfile,
} from '../profile/form';
import { countryName, languageName } from '../profile/format';
import {
  CAREER_STATUS_LABEL,
  CONTACT_LABEL,
  FUNCTION_LABEL,
  LINK_LABEL,
  PROFICIENCY_LABEL,
  SENIORITY_LABEL,
} from '../profile/labels';
import { displayName, isEmptyName, pickName } from '../profile/names';
import { EntryList } from './profile/EntryList';
import { PhotoEditor } from './profile/PhotoEditor';
import { WhoSeesWhat } from './profile/WhoSeesWhat';

/** Sorts field paths by where their inputs are in the page (first problem first). */
function inPageOrder(paths: string[]): string[] {
  const position = (p: string) => document.getElementById(fieldDomId(p));
  return [...paths].sort((a, b) => {
    const ea = position(a);
    const eb = position(b);
    if (!ea || !eb) return ea ? -1 : eb ? 1 : 0;
    return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

/** The loaded form, its circles, and the document last saved (to tell unsaved changes). */
type Loaded = { form: ProfileForm; circles: Circle[]; saved: string };

const snapshot = (form: ProfileForm) => JSON.stringify(toDocument(form));

export function ProfileEditView() {
  const { t, locale } = useI18n();
  const auth = useAuth();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const dirty = loaded !== null && snapshot(loaded.form) !== loaded.saved;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const paths = loaded ? formFieldPaths(loaded.form) : new Set<string>();
  const errors = useFormErrors((p) => fieldDomId(p), (p) => paths.has(p));

  async function load() {
    errors.clear();
    try {
      const [own, circles] = await Promise.all([
        api.ownProfile(),
        // Without circles the editor still works; circle audiences show a generic label.
        api.circles().then((r) => r.circles, () => [] as Circle[]),
      ]);
      const form = toForm(own, locale);
      setLoaded({ form, circles, saved: snapshot(form) });
    } catch (e) {
      errors.showError(e, 'other');
    }
  }

  useEffect(() => {
    void load();
  }, []);

  // Warn before leaving the page with unsaved changes (reload, closing the tab).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (!loaded) {
    return errors.form ? (
      <Page title={t('editor.title')}>
        <ErrorRegion text={errors.form} />
        <button type="button" class="btn btn-secondary" onClick={() => void load()}>
          {t('common.retry')}
        </button>
      </Page>
    ) : (
      <Loading />
    );
  }

  const { form, circles } = loaded;
  const update = (fn: (f: ProfileForm) => ProfileForm) => {
    setLoaded((l) => (l ? { ...l, form: fn(l.form) } : l));
    setStatus(null);
  };
  const setEntry = <L extends ListName>(list: L, index: number, patch: Partial<EntryOf<L>>) =>
    update((f) => ({ ...f, [list]: (f[list] as EntryOf<L>[]).map((e, i) => (i === index ? { ...e, ...patch } : e)) }));
  const listHandlers = <L extends ListName>(list: L, firstField: string) => ({
    onAdd: () => {
      const index = form[list].length;
      update((f) => ({ ...f, [list]: [...f[list], newEntry(list)] }));
      setTimeout(() => document.getElementById(fieldDomId(`${list}[${index}].${firstField}`))?.focus(), 0);
    },
    onRemove: (index: number) => {
      update((f) => ({ ...f, [list]: f[list].filter((_, i) => i !== index) }));
      setTimeout(() => document.getElementById(`${list}-heading`)?.focus(), 0);
    },
    onMove: (index: number, delta: -1 | 1) => {
      update((f) => ({ ...f, [list]: moveEntry(f[list] as EntryOf<L>[], index, delta) }));
      const target = index + delta;
      const edge = target === 0 || target === form[list].length - 1;
      // Keep focus on the button that was pressed, unless it is now disabled.
      const button = delta < 0 ? (edge ? 'down' : 'up') : edge ? 'up' : 'down';
      setTimeout(() => document.getElementById(`${fieldDomId(`${list}[${target}]`)}-${button}`)?.focus(), 0);
    },
    onAudience: (index: number, audience: Audience) => setEntry(list, index, { audience } as Partial<EntryOf<L>>),
    error: errors.field,
    circles,
  });
  const err = errors.field;
  const audienceOf = (key: 'display_name' | 'name' | 'headline' | 'about' | 'location' | 'career', what: string) => (
    <AudienceSelect
      id={fieldDomId(`${key}.audience`)}
      value={form[key].audience}
      circles={circles}
      what={what}
      error={err(`${key}.audience`)}
      notPublic={key === 'career'}
      onChange={(audience) => update((f) => ({ ...f, [key]: { ...f[key], audience } }))}
    />
  );
  const setText = (key: 'display_name' | 'headline' | 'about' | 'location') => (value: string) =>
    update((f) => ({ ...f, [key]: { ...f[key], value } }));
  const n = form.name.value;
  const setName = (part: keyof typeof n) => (value: string) =>
    update((f) => ({ ...f, name: { ...f.name, value: { ...f.name.value, [part]: value } } }));
  const c = form.career.value;
  const setCareer = (part: keyof typeof c) => (value: string) =>
    update((f) => ({ ...f, career: { ...f.career, value: { ...f.career.value, [part]: value } } }));
  const thisMonth = currentMonth();
  const options = <T extends string>(values: readonly T[], labels: Record<T, MessageKey>) =>
    values.map((v) => ({ value: v, label: t(labels[v]) }));
  const fullName = isEmptyName(n) ? form.display_name.value : displayName(n, locale).full;

  async function save(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    setStatus(null);
    const found = validateProfile(form);
    if (errors.showLocal(found, inPageOrder(Object.keys(found)))) return;
    setBusy(true);
    errors.clear();
    try {
      const saved: OwnProfile = await api.saveProfile(toDocument(form));
      const next = toForm(saved, locale);
      setLoaded((l) => (l ? { ...l, form: next, saved: snapshot(next) } : l));
      setStatus('editor.saved');
      if (auth.me && saved.display_name && saved.display_name.value !== auth.me.display_name) {
        auth.updated({ ...auth.me, display_name: saved.display_name.value });
      }
    } catch (e) {
      errors.showError(e, 'profile_edit');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('editor.title')} class="editor">
      <p class="lead">{t('editor.lead')}</p>
      <p class="page-actions">
        <a class="btn btn-secondary btn-small" href="/profile/preview">
          {t('editor.preview_link')}
        </a>
        <a class="btn btn-secondary btn-small" href="/settings/privacy">
          {t('editor.privacy_link')}
        </a>
      </p>
      <WhoSeesWhat form={form} circles={circles} />

      <PhotoEditor
        url={form.photo.url}
        audience={form.photo.audience}
        circles={circles}
        name={fullName}
        audienceError={err('photo.audience') ?? err('photo')}
        onUrl={(url) => setLoaded((l) => (l ? { ...l, form: { ...l.form, photo: { ...l.form.photo, url } } } : l))}
        onAudience={(audience) => update((f) => ({ ...f, photo: { ...f.photo, audience } }))}
      />

      <form class="form editor-form" onSubmit={save} noValidate>
        <section class="card editor-section" aria-labelledby="basics-heading">
          <h2 id="basics-heading">{t('editor.basics')}</h2>
          <Field
            id={fieldDomId('display_name')}
            label={t('profile.display_name')}
            hint={t('editor.display_name_hint')}
            value={form.display_name.value}
            onInput={setText('display_name')}
            error={err('display_name')}
            maxLength={LIMITS.display_name}
            autoComplete="nickname"
            aside={audienceOf('display_name', t('profile.display_name'))}
          />

          <div class="name-fields" role="group" aria-labelledby="name-legend" aria-describedby="name-preview">
            <div class="label-row">
              <span class="label" id="name-legend">
                {t('profile.name')}
              </span>
              {audienceOf('name', t('profile.name'))}
            </div>
            <SelectField
              id={fieldDomId('name.order')}
              label={t('editor.name_order')}
              value={n.order}
              options={[
                { value: 'family_first', label: t('editor.name_order_family_first') },
                { value: 'given_first', label: t('editor.name_order_given_first') },
              ]}
              onChange={(v) => setName('order')(v)}
              error={err('name.order')}
            />
            <div class="pair">
              <Field id={fieldDomId('name.family')} label={t('editor.family')} value={n.family} onInput={setName('family')} error={err('name.family')} maxLength={LIMITS.name} autoComplete="family-name" />
              <Field id={fieldDomId('name.given')} label={t('editor.given')} value={n.given} onInput={setName('given')} error={err('name.given')} maxLength={LIMITS.name} autoComplete="given-name" />
            </div>
            <p class="hint">{t('editor.reading_hint')}</p>
            <div class="pair">
              <Field id={fieldDomId('name.family_reading')} label={t('editor.family_reading')} value={n.family_reading} onInput={setName('family_reading')} error={err('name.family_reading')} maxLength={LIMITS.name} />
              <Field id={fieldDomId('name.given_reading')} label={t('editor.given_reading')} value={n.given_reading} onInput={setName('given_reading')} error={err('name.given_reading')} maxLength={LIMITS.name} />
            </div>
            <div class="pair">
              <Field id={fieldDomId('name.latin_family')} label={t('editor.latin_family')} value={n.latin_family} onInput={setName('latin_family')} error={err('name.latin_family')} maxLength={LIMITS.name} lang="en" autoCapitalize="words" spellcheck={false} />
              <Field id={fieldDomId('name.latin_given')} label={t('editor.latin_given')} value={n.latin_given} onInput={setName('latin_given')} error={err('name.latin_given')} maxLength={LIMITS.name} lang="en" autoCapitalize="words" spellcheck={false} />
            </div>
            <p class="name-preview" id="name-preview">
              <span class="muted">{t('editor.name_preview')}</span>{' '}
              {isEmptyName(n) ? (
                <span class="muted">—</span>
              ) : (
                <>
                  <span class="name-preview-name">
                    <NameText view={{ id: '', name: n, positions: [], education: [], languages: [], skills: [], links: [], contacts: [] }} />
                  </span>
                  {displayName(n, locale).latin && <span class="muted"> · {displayName(n, locale).latin}</span>}
                </>
              )}
            </p>
          </div>

          <Field
            id={fieldDomId('headline')}
            label={t('profile.headline')}
            hint={t('editor.headline_hint')}
            value={form.headline.value}
            onInput={setText('headline')}
            error={err('headline')}
            maxLength={LIMITS.headline}
            aside={audienceOf('headline', t('profile.headline'))}
          />
          <Field
            id={fieldDomId('location')}
            label={t('profile.location')}
            hint={t('editor.location_hint')}
            value={form.location.value}
            onInput={setText('location')}
            error={err('location')}
            maxLength={LIMITS.location}
            autoComplete="address-level2"
            aside={audienceOf('location', t('profile.location'))}
          />
          <TextAreaField
            id={fieldDomId('about')}
            label={t('profile.about')}
            value={form.about.value}
            onInput={setText('about')}
            error={err('about')}
            maxLength={LIMITS.about}
            rows={5}
            aside={audienceOf('about', t('profile.about'))}
          />
        </section>

        <section class="card editor-section" aria-labelledby="career-heading">
          <div class="section-head">
            <h2 id="career-heading">{t('profile.career')}</h2>
            {audienceOf('career', t('profile.career'))}
          </div>
          <div class="note note-shield">
            <ShieldIcon class="icon" />
            <p>
              {t('editor.career_shield_note')} <a href="/settings/privacy#shield-heading">{t('editor.career_shield_link')}</a>
            </p>
          </div>
          <SelectField
            id={fieldDomId('career.status')}
            label={t('career.status')}
            value={c.status}
            options={options(CAREER_STATUSES, CAREER_STATUS_LABEL)}
            onChange={setCareer('status')}
            error={err('career.status')}
          />
          <Field id={fieldDomId('career.roles')} label={t('career.roles')} hint={t('editor.list_hint')} value={c.roles} onInput={setCareer('roles')} error={err('career.roles')} />
          <Field id={fieldDomId('career.locations')} label={t('career.locations')} hint={t('editor.list_hint')} value={c.locations} onInput={setCareer('locations')} error={err('career.locations')} />
          <fieldset class="salary">
            <legend>{t('career.salary')}</legend>
            <p class="hint">{t('editor.salary_hint')}</p>
            <div class="salary-row">
              <Field id={fieldDomId('career.salary_min')} label={t('editor.salary_min')} value={c.salary_min} onInput={setCareer('salary_min')} error={err('career.salary_min')} inputMode="numeric" maxLength={20} />
              <Field id={fieldDomId('career.salary_max')} label={t('editor.salary_max')} value={c.salary_max} onInput={setCareer('salary_max')} error={err('career.salary_max')} inputMode="numeric" maxLength={20} />
              <SelectField
                id={fieldDomId('career.salary_currency')}
                label={t('editor.currency')}
                value={c.salary_currency}
                placeholder={t('common.choose')}
                options={CURRENCIES.map((cur) => ({ value: cur, label: cur }))}
                onChange={setCareer('salary_currency')}
                error={err('career.salary_currency')}
              />
            </div>
          </fieldset>
        </section>

        <EntryList
          list="positions"
          title={t('profile.positions')}
          addLabel={t('editor.position_add')}
          emptyText={t('editor.position_empty')}
          entries={form.positions}
          entryTitle={(p, i) => p.title.trim() || pickName(p.company?.names, locale).text || t('editor.entry_numbered', { n: i + 1 })}
          {...listHandlers('positions', 'company_id')}
          render={(p, i) => {
            const at = `positions[${i}]`;
            return (
              <>
                <EntityPicker
                  kind="company"
                  id={fieldDomId(`${at}.company_id`)}
                  label={t('editor.company')}
                  value={p.company}
                  onChange={(company) => setEntry('positions', i, { company: company as Company | null })}
                  error={err(`${at}.company_id`)}
                />
                <Field id={fieldDomId(`${at}.title`)} label={t('editor.job_title')} value={p.title} onInput={(title) => setEntry('positions', i, { title })} error={err(`${at}.title`)} maxLength={LIMITS.title} autoComplete="organization-title" />
                <div class="pair pair-stack-phone">
                  <SelectField id={fieldDomId(`${at}.function`)} label={t('editor.function')} value={p.function} placeholder={t('common.choose')} options={options(JOB_FUNCTIONS, FUNCTION_LABEL)} onChange={(v) => setEntry('positions', i, { function: v as typeof p.function })} error={err(`${at}.function`)} />
                  <SelectField id={fieldDomId(`${at}.seniority`)} label={t('editor.seniority')} value={p.seniority} placeholder={t('common.choose')} options={options(SENIORITIES, SENIORITY_LABEL)} onChange={(v) => setEntry('positions', i, { seniority: v as typeof p.seniority })} error={err(`${at}.seniority`)} />
                </div>
                <div class="pair">
                  <Field id={fieldDomId(`${at}.start`)} type="month" label={t('editor.start')} value={p.start} onInput={(start) => setEntry('positions', i, { start })} error={err(`${at}.start`)} max={thisMonth} placeholder="2020-04" />
                  {p.current ? (
                    <div class="field">
                      <span class="label">{t('editor.end')}</span>
                      <p class="field-static">{t('profile.present')}</p>
                    </div>
                  ) : (
                    <Field id={fieldDomId(`${at}.end`)} type="month" label={t('editor.end')} value={p.end} onInput={(end) => setEntry('positions', i, { end })} error={err(`${at}.end`)} max={thisMonth} min={p.start || undefined} placeholder="2024-03" />
                  )}
                </div>
                <div class="field">
                  <label class="check">
                    <input type="checkbox" checked={p.current} onChange={(e) => setEntry('positions', i, { current: e.currentTarget.checked })} />
                    <span>{t('editor.current_position')}</span>
                  </label>
                </div>
                <TextAreaField id={fieldDomId(`${at}.description`)} label={t('editor.description')} value={p.description} onInput={(description) => setEntry('positions', i, { description })} error={err(`${at}.description`)} maxLength={LIMITS.description} rows={3} />
              </>
            );
          }}
        />

        <EntryList
          list="education"
          title={t('profile.education')}
          addLabel={t('editor.education_add')}
          emptyText={t('editor.education_empty')}
          entries={form.education}
          entryTitle={(e, i) => pickName(e.school?.names, locale).text || t('editor.entry_numbered', { n: i + 1 })}
          {...listHandlers('education', 'school_id')}
          render={(e, i) => {
            const at = `education[${i}]`;
            return (
              <>
                <EntityPicker
                  kind="school"
                  id={fieldDomId(`${at}.school_id`)}
                  label={t('editor.school')}
                  value={e.school}
                  onChange={(school) =>
                    setEntry('education', i, {
                      school: school as School | null,
                      ...(school && !e.country && (school as School).country ? { country: (school as School).country } : {}),
                    })
                  }
                  error={err(`${at}.school_id`)}
                />
                <div class="pair">
                  <Field id={fieldDomId(`${at}.degree`)} label={t('editor.degree')} hint={t('editor.degree_hint')} value={e.degree} onInput={(degree) => setEntry('education', i, { degree })} error={err(`${at}.degree`)} maxLength={LIMITS.short_text} />
                  <Field id={fieldDomId(`${at}.field`)} label={t('editor.field_of_study')} value={e.field} onInput={(field) => setEntry('education', i, { field })} error={err(`${at}.field`)} maxLength={LIMITS.short_text} />
                </div>
                <SelectField
                  id={fieldDomId(`${at}.country`)}
                  label={t('editor.country')}
                  value={e.country}
                  placeholder={t('common.unspecified')}
                  options={[...new Set([...COMMON_COUNTRIES, ...(e.country ? [e.country] : [])])].map((code) => ({ value: code, label: countryName(code, locale) }))}
                  onChange={(country) => setEntry('education', i, { country })}
                  error={err(`${at}.country`)}
                />
                <div class="pair">
                  <Field id={fieldDomId(`${at}.start`)} type="month" label={t('editor.start')} value={e.start} onInput={(start) => setEntry('education', i, { start })} error={err(`${at}.start`)} max={thisMonth} placeholder="2012-09" />
                  <Field id={fieldDomId(`${at}.end`)} type="month" label={t('editor.end_optional')} value={e.end} onInput={(end) => setEntry('education', i, { end })} error={err(`${at}.end`)} min={e.start || undefined} placeholder="2016-07" />
                </div>
              </>
            );
          }}
        />

        <EntryList
          list="languages"
          compact
          title={t('profile.languages')}
          addLabel={t('editor.language_add')}
          emptyText={t('editor.language_empty')}
          entries={form.languages}
          entryTitle={(l, i) => (l.language ? languageName(l.language, locale) : t('editor.entry_numbered', { n: i + 1 }))}
          {...listHandlers('languages', 'language')}
          render={(l, i) => {
            const at = `languages[${i}]`;
            const codes = [...new Set([...COMMON_LANGUAGES, ...(l.language ? [l.language] : [])])];
            return (
              <div class="pair">
                <SelectField id={fieldDomId(`${at}.language`)} label={t('editor.language')} value={l.language} placeholder={t('common.choose')} options={codes.map((code) => ({ value: code, label: languageName(code, locale), lang: code }))} onChange={(language) => setEntry('languages', i, { language })} error={err(`${at}.language`)} />
                <SelectField id={fieldDomId(`${at}.proficiency`)} label={t('editor.proficiency')} value={l.proficiency} options={options(PROFICIENCIES, PROFICIENCY_LABEL)} onChange={(v) => setEntry('languages', i, { proficiency: v as typeof l.proficiency })} error={err(`${at}.proficiency`)} />
              </div>
            );
          }}
        />

        <EntryList
          list="skills"
          compact
          title={t('profile.skills')}
          addLabel={t('editor.skill_add')}
          emptyText={t('editor.skill_empty')}
          entries={form.skills}
          entryTitle={(s, i) => s.name.trim() || t('editor.entry_numbered', { n: i + 1 })}
          {...listHandlers('skills', 'name')}
          render={(s, i) => (
            <Field id={fieldDomId(`skills[${i}].name`)} label={t('editor.skill')} labelHidden value={s.name} onInput={(name) => setEntry('skills', i, { name })} error={err(`skills[${i}].name`)} maxLength={LIMITS.skill} />
          )}
        />

        <EntryList
          list="links"
          title={t('profile.links')}
          addLabel={t('editor.link_add')}
          emptyText={t('editor.link_empty')}
          entries={form.links}
          entryTitle={(l, i) => l.title.trim() || t('editor.entry_numbered', { n: i + 1 })}
          {...listHandlers('links', 'title')}
          render={(l, i) => {
            const at = `links[${i}]`;
            return (
              <>
                <SelectField id={fieldDomId(`${at}.kind`)} label={t('editor.link_kind')} value={l.kind} options={options(LINK_KINDS, LINK_LABEL)} onChange={(v) => setEntry('links', i, { kind: v as typeof l.kind })} error={err(`${at}.kind`)} />
                <Field id={fieldDomId(`${at}.title`)} label={t('editor.link_title')} value={l.title} onInput={(title) => setEntry('links', i, { title })} error={err(`${at}.title`)} maxLength={LIMITS.title} />
                <Field id={fieldDomId(`${at}.url`)} type="url" label={t('editor.link_url')} value={l.url} onInput={(url) => setEntry('links', i, { url })} error={err(`${at}.url`)} maxLength={LIMITS.url} placeholder="https://" autoCapitalize="off" spellcheck={false} inputMode="url" />
                <TextAreaField id={fieldDomId(`${at}.description`)} label={t('editor.link_description')} value={l.description} onInput={(description) => setEntry('links', i, { description })} error={err(`${at}.description`)} maxLength={LIMITS.description} rows={2} />
              </>
            );
          }}
        />

        <EntryList
          list="contacts"
          compact
          title={t('profile.contacts')}
          addLabel={t('editor.contact_add')}
          emptyText={t('editor.contact_empty')}
          intro={<p class="hint">{t('editor.contacts_hint')}</p>}
          entries={form.contacts}
          entryTitle={(ct, i) => `${t(CONTACT_LABEL[ct.kind])}${ct.value.trim() ? `: ${ct.value.trim()}` : ` ${i + 1}`}`}
          {...listHandlers('contacts', 'kind')}
          render={(ct, i) => {
            const at = `contacts[${i}]`;
            return (
              <div class="pair pair-narrow-first">
                <SelectField id={fieldDomId(`${at}.kind`)} label={t('editor.contact_kind')} value={ct.kind} options={options(CONTACT_KINDS_LIST, CONTACT_LABEL)} onChange={(v) => setEntry('contacts', i, { kind: v as typeof ct.kind })} error={err(`${at}.kind`)} />
                <Field
                  id={fieldDomId(`${at}.value`)}
                  label={t('editor.contact_value')}
                  type={ct.kind === 'email' ? 'email' : ct.kind === 'phone' ? 'tel' : 'text'}
                  value={ct.value}
                  onInput={(value) => setEntry('contacts', i, { value })}
                  error={err(`${at}.value`)}
                  maxLength={LIMITS.contact}
                  autoCapitalize="off"
                  spellcheck={false}
                />
              </div>
            );
          }}
        />

        <div class="save-bar">
          <div class="save-bar-inner">
            <ErrorRegion text={errors.form} />
            <StatusRegion text={status ? t(status) : null} />
            <p class="save-state muted" aria-live="off">
              {dirty ? t('editor.unsaved') : t('editor.all_saved')}
            </p>
            <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
              {busy ? t('common.saving') : t('editor.save')}
            </button>
          </div>
        </div>
      </form>
    </Page>
  );
}

const CONTACT_KINDS_LIST = CONTACT_KINDS;
