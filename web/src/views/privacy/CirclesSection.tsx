import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Circle } from '../../api/types';
import { Field, TextAreaField } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { CircleIcon } from '../../components/Icons';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { SubmitCancel } from '../../components/SubmitCancel';
import { useFormErrors } from '../../components/useFormErrors';
import { useSubmit } from '../../components/useSubmit';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import { parseIdList } from '../../profile/form';

const NAME_MAX = 60;

function CircleEditor({ circle, onSaved, onCancel }: { circle: Circle; onSaved: (c: Circle) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const base = `circle-${circle.id}`;
  const [name, setName] = useState(circle.name);
  const [members, setMembers] = useState(circle.members.join('\n'));
  const errors = useFormErrors((f) => `${base}-${f === 'members' ? 'members' : 'name'}`, (f) => f === 'name' || f === 'members');
  const { busy, submit } = useSubmit(errors, 'circle', {
    check: () => ({ name: name.trim() === '' ? 'errors.required' : undefined }),
    send: async () => onSaved(await api.updateCircle(circle.id, { name: name.trim(), members: parseIdList(members) })),
  });

  return (
    <form class="form circle-editor" onSubmit={submit} noValidate>
      <ErrorRegion text={errors.form} />
      <Field id={`${base}-name`} label={t('circles.name')} value={name} onInput={setName} error={errors.field('name')} maxLength={NAME_MAX} />
      <TextAreaField
        id={`${base}-members`}
        label={t('circles.members')}
        hint={t('circles.members_hint')}
        value={members}
        onInput={setMembers}
        error={errors.field('members')}
        rows={3}
      />
      <SubmitCancel busy={busy} onCancel={onCancel} />
    </form>
  );
}

/** Circles: the member's own lists, usable as audiences. Members are entered by id for now. */
export function CirclesSection() {
  const { t } = useI18n();
  const [circles, setCircles] = useState<Circle[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const errors = useFormErrors(() => 'circle-new', (f) => f === 'name');

  useEffect(() => {
    api.circles().then(
      (r) => setCircles(r.circles),
      (e) => errors.showError(e, 'other'),
    );
  }, []);

  async function create(e: Event) {
    e.preventDefault();
    if (busy) return;
    setStatus(null);
    if (errors.showLocal({ name: newName.trim() === '' ? 'errors.required' : undefined })) return;
    setBusy(true);
    errors.clear();
    try {
      const circle = await api.createCircle({ name: newName.trim(), members: [] });
      setCircles((list) => [...(list ?? []), circle]);
      setNewName('');
      setStatus('circles.created');
    } catch (err) {
      errors.showError(err, 'circle');
    } finally {
      setBusy(false);
    }
  }

  async function remove(circle: Circle) {
    setStatus(null);
    errors.clear();
    try {
      await api.deleteCircle(circle.id);
      setCircles((list) => list?.filter((c) => c.id !== circle.id) ?? null);
      setDeleting(null);
      setStatus('circles.deleted');
      focusSoon('circles-heading');
    } catch (err) {
      errors.showError(err, 'other');
    }
  }

  return (
    <section class="card" aria-labelledby="circles-heading">
      <h2 id="circles-heading" tabIndex={-1}>
        <CircleIcon class="icon heading-icon" />
        {t('circles.heading')}
      </h2>
      <p class="hint">{t('circles.intro')}</p>
      <StatusRegion text={status ? t(status) : null} />
      {circles === null && !errors.form && <p class="muted">{t('common.loading')}</p>}
      {circles !== null && circles.length === 0 && <p class="muted">{t('circles.none')}</p>}
      {circles !== null && circles.length > 0 && (
        <ul class="rows">
          {circles.map((c) => (
            <li key={c.id} class="row">
              {editing === c.id ? (
                <CircleEditor
                  circle={c}
                  onSaved={(saved) => {
                    setCircles((list) => list?.map((x) => (x.id === saved.id ? saved : x)) ?? null);
                    setEditing(null);
                    setStatus('circles.saved');
                    focusSoon(`circle-${c.id}-edit`);
                  }}
                  onCancel={() => {
                    setEditing(null);
                    focusSoon(`circle-${c.id}-edit`);
                  }}
                />
              ) : (
                <>
                  <div class="row-main">
                    <p class="strong">{c.name}</p>
                    <p class="muted small">{t('circles.member_count', { count: c.members.length })}</p>
                  </div>
                  <div class="row-actions">
                    <button type="button" id={`circle-${c.id}-edit`} class="btn btn-secondary btn-small" aria-label={t('circles.edit_label', { name: c.name })} onClick={() => {
                      setEditing(c.id);
                      setDeleting(null);
                      focusSoon(`circle-${c.id}-name`);
                    }}>
                      {t('common.edit')}
                    </button>
                    <button type="button" class="btn btn-link btn-danger-link" aria-label={t('circles.delete_label', { name: c.name })} onClick={() => {
                      setDeleting(c.id);
                      focusSoon(`circle-${c.id}-delete`);
                    }}>
                      {t('common.delete')}
                    </button>
                  </div>
                  {deleting === c.id && (
                    <div class="confirm-panel row-full" role="group" aria-labelledby={`circle-${c.id}-delete-title`}>
                      <h3 id={`circle-${c.id}-delete-title`}>{t('circles.delete_title', { name: c.name })}</h3>
                      <p>{t('circles.delete_text')}</p>
                      <div class="form-actions">
                        <button type="button" id={`circle-${c.id}-delete`} class="btn btn-danger btn-small" onClick={() => void remove(c)}>
                          {t('circles.delete_confirm')}
                        </button>
                        <button type="button" class="btn btn-secondary btn-small" onClick={() => setDeleting(null)}>
                          {t('common.cancel')}
                        </button>
                      </div>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <form class="form inline-form" onSubmit={create} noValidate>
        <ErrorRegion text={errors.form} />
        <Field id="circle-new" label={t('circles.new_label')} value={newName} onInput={setNewName} error={errors.field('name')} maxLength={NAME_MAX} placeholder={t('circles.new_placeholder')} />
        <button type="submit" class="btn btn-secondary" aria-disabled={busy ? 'true' : undefined}>
          {t('circles.create')}
        </button>
      </form>
    </section>
  );
}
