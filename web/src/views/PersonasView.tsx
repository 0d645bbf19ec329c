import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Persona } from '../api/types';
import { Field, TextAreaField } from '../components/Field';
import { focusSoon } from '../components/focus';
import { MaskIcon } from '../components/Icons';
import { ErrorRegion, StatusRegion } from '../components/Live';
import { Page } from '../components/Page';
import { useFormErrors } from '../components/useFormErrors';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/translate';
import { ImageUpload } from './profile/PhotoEditor';

export const PERSONA_MAX = 5;
export const BIO_MAX = 300;

/** Checks a persona handle as the server does: 3–30 letters, digits, "_" or "-". */
export function handleProblem(handle: string): MessageKey | undefined {
  const h = handle.trim();
  if (h === '') return 'errors.required';
  return /^[A-Za-z0-9_-]{3,30}$/.test(h) ? undefined : 'errors.handle_invalid';
}

function personaProblems(handle: string, bio: string) {
  return {
    handle: handleProblem(handle),
    bio: [...bio.trim()].length > BIO_MAX ? { key: 'errors.too_long' as const, params: { max: BIO_MAX } } : undefined,
  };
}

function PersonaForm(props: {
  idBase: string;
  initial: { handle: string; bio: string };
  submitLabel: string;
  submit: (v: { handle: string; bio: string }) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const [handle, setHandle] = useState(props.initial.handle);
  const [bio, setBio] = useState(props.initial.bio);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors((f) => `${props.idBase}-${f}`, (f) => f === 'handle' || f === 'bio');

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (errors.showLocal(personaProblems(handle, bio), ['handle', 'bio'])) return;
    setBusy(true);
    errors.clear();
    try {
      await props.submit({ handle: handle.trim(), bio: bio.trim() });
    } catch (err) {
      errors.showError(err, 'persona');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={onSubmit} noValidate>
      <ErrorRegion text={errors.form} />
      <Field
        id={`${props.idBase}-handle`}
        label={t('personas.handle')}
        hint={t('personas.handle_hint')}
        value={handle}
        onInput={setHandle}
        error={errors.field('handle')}
        maxLength={30}
        autoCapitalize="off"
        spellcheck={false}
      />
      <TextAreaField
        id={`${props.idBase}-bio`}
        label={t('personas.bio')}
        hint={t('personas.bio_hint', { max: BIO_MAX })}
        value={bio}
        onInput={setBio}
        error={errors.field('bio')}
        maxLength={BIO_MAX}
        rows={3}
      />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-small" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('common.saving') : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="btn btn-secondary btn-small" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function PersonaRow({ persona, onChanged, onDeleted }: { persona: Persona; onChanged: (p: Persona) => void; onDeleted: () => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const errors = useFormErrors(() => '', () => false);
  // Show a just-uploaded avatar from the file (the URL may stay the same).
  const [localAvatar, setLocalAvatar] = useState<string | null>(null);
  const base = `persona-${persona.id}`;
  const avatar = localAvatar ?? persona.avatar_url;

  return (
    <li class="persona card">
      <div class="persona-head">
        {avatar ? (
          <img class="avatar" src={avatar} alt={t('personas.avatar_alt', { handle: persona.handle })} width={56} height={56} />
        ) : (
          <span class="avatar avatar-initials avatar-persona" aria-hidden="true">
            <MaskIcon />
          </span>
        )}
        <div class="persona-text">
          <h3 class="persona-handle">@{persona.handle}</h3>
          {persona.bio ? <p class="pre">{persona.bio}</p> : <p class="muted">{t('personas.no_bio')}</p>}
        </div>
      </div>
      {editing ? (
        <PersonaForm
          idBase={base}
          initial={{ handle: persona.handle, bio: persona.bio }}
          submitLabel={t('common.save')}
          submit={async (v) => {
            onChanged(await api.updatePersona(persona.id, v));
            setEditing(false);
            setStatus('personas.saved');
            focusSoon(`${base}-edit`);
          }}
          onCancel={() => {
            setEditing(false);
            focusSoon(`${base}-edit`);
          }}
        />
      ) : (
        <div class="form-actions">
          <button type="button" id={`${base}-edit`} class="btn btn-secondary btn-small" aria-label={t('personas.edit_label', { handle: persona.handle })} onClick={() => {
            setEditing(true);
            setConfirming(false);
            focusSoon(`${base}-handle`);
          }}>
            {t('common.edit')}
          </button>
          <ImageUpload
            id={`${base}-avatar`}
            label={t('personas.avatar_upload')}
            upload={async (file, type) => {
              setStatus(null);
              const updated = await api.uploadPersonaAvatar(persona.id, file, type);
              setLocalAvatar(URL.createObjectURL(file));
              onChanged(updated);
              setStatus('personas.avatar_saved');
            }}
            onError={(key, err) => {
              setStatus(null);
              if (err !== undefined) errors.showError(err, 'upload');
              else errors.setForm(key);
            }}
          />
          <button type="button" class="btn btn-link btn-danger-link" aria-label={t('personas.delete_label', { handle: persona.handle })} onClick={() => {
            setConfirming(true);
            focusSoon(`${base}-delete`);
          }}>
            {t('common.delete')}
          </button>
        </div>
      )}
      <StatusRegion text={status ? t(status) : null} />
      <ErrorRegion text={errors.form} />
      {confirming && (
        <div class="confirm-panel" role="group" aria-labelledby={`${base}-delete-title`}>
          <h3 id={`${base}-delete-title`}>{t('personas.delete_title', { handle: persona.handle })}</h3>
          <p>{t('personas.delete_text')}</p>
          <div class="form-actions">
            <button
              type="button"
              id={`${base}-delete`}
              class="btn btn-danger btn-small"
              onClick={async () => {
                errors.clear();
                try {
                  await api.deletePersona(persona.id);
                  onDeleted();
                } catch (e) {
                  errors.showError(e, 'other');
                }
              }}
            >
              {t('personas.delete_confirm')}
            </button>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

/** Personas: up to five pseudonymous identities that nobody can link to the member. */
export function PersonasView() {
  const { t } = useI18n();
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const errors = useFormErrors(() => '', () => false);

  useEffect(() => {
    api.personas().then(
      (r) => setPersonas(r.personas),
      (e) => errors.showError(e, 'other'),
    );
  }, []);

  const full = (personas?.length ?? 0) >= PERSONA_MAX;
  return (
    <Page title={t('personas.title')} class="personas">
      <div class="note note-private">
        <MaskIcon class="icon" />
        <p>{t('personas.unlinkable')}</p>
      </div>
      <p class="lead">{t('personas.lead', { max: PERSONA_MAX })}</p>
      <StatusRegion text={status ? t(status) : null} />
      <ErrorRegion text={errors.form} />
      {personas === null && !errors.form && <p class="muted">{t('common.loading')}</p>}
      {personas !== null && personas.length === 0 && <p class="muted">{t('personas.none')}</p>}
      {personas !== null && personas.length > 0 && (
        <ul class="persona-list">
          {personas.map((p) => (
            <PersonaRow
              key={p.id}
              persona={p}
              onChanged={(updated) => setPersonas((list) => list?.map((x) => (x.id === updated.id ? updated : x)) ?? null)}
              onDeleted={() => {
                setPersonas((list) => list?.filter((x) => x.id !== p.id) ?? null);
                setStatus('personas.deleted');
                focusSoon('persona-new-start');
              }}
            />
          ))}
        </ul>
      )}
      {personas !== null && (
        <section class="card" aria-labelledby="persona-new-heading">
          <h2 id="persona-new-heading">{t('personas.new_heading')}</h2>
          {full ? (
            <p class="muted">{t('errors.persona_limit')}</p>
          ) : creating ? (
            <PersonaForm
              idBase="persona-new"
              initial={{ handle: '', bio: '' }}
              submitLabel={t('personas.create')}
              submit={async (v) => {
                const created = await api.createPersona(v);
                setPersonas((list) => [...(list ?? []), created]);
                setCreating(false);
                setStatus('personas.created');
                focusSoon('persona-new-start');
              }}
              onCancel={() => {
                setCreating(false);
                focusSoon('persona-new-start');
              }}
            />
          ) : (
            <button
              type="button"
              id="persona-new-start"
              class="btn btn-secondary"
              onClick={() => {
                setCreating(true);
                focusSoon('persona-new-handle');
              }}
            >
              {t('personas.new_start')}
            </button>
          )}
        </section>
      )}
    </Page>
  );
}
