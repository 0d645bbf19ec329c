import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { ErrorRegion } from '../../components/Live';
import { Page } from '../../components/Page';
import { useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n/context';
import { GROUP_MAX_OTHERS, TITLE_MAX } from '../../messaging/asks';
import { ConnectionPicker } from './ConnectionPicker';

/**
 * `/messages/new`: a conversation with connections. One chosen opens (or reopens) the direct
 * conversation with them; two or more make a group, with an optional title.
 */
export function NewGroupView() {
  const { t } = useI18n();
  const { route } = useLocation();
  const [title, setTitle] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors((path) => (path === 'title' ? 'new-group-title' : 'new-group-members'), (path) => path === 'title' || path === 'members');

  async function create(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (errors.showLocal({ members: picked.length === 0 ? 'new_group.pick_someone' : undefined })) return;
    setBusy(true);
    errors.clear();
    try {
      const trimmed = title.trim();
      const entry = await api.startConversation(picked.length > 1 && trimmed !== '' ? { members: picked, title: trimmed } : { members: picked });
      route(`/messages/${encodeURIComponent(entry.id)}`);
    } catch (err) {
      errors.showError(err, 'message');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('new_group.title')} class="messages">
      <p>
        <a href="/messages">{t('chat.back')}</a>
      </p>
      <p class="lead">{t('new_group.lead', { max: GROUP_MAX_OTHERS + 1 })}</p>
      <form class="form" onSubmit={create} noValidate>
        <ErrorRegion text={errors.form} />
        {picked.length > 1 && (
          <Field
            id="new-group-title"
            label={t('new_group.title_label')}
            hint={t('new_group.title_hint')}
            value={title}
            maxLength={TITLE_MAX}
            onInput={setTitle}
            error={errors.field('title')}
          />
        )}
        <fieldset class="field" id="new-group-members" tabIndex={-1}>
          <legend class="label">{t('new_group.members_label')}</legend>
          <ConnectionPicker idBase="new-group" picked={picked} max={GROUP_MAX_OTHERS} onChange={setPicked} />
          {errors.field('members') && <p class="field-error">{errors.field('members')}</p>}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
            {t(picked.length > 1 ? 'new_group.create_group' : 'new_group.start')}
          </button>
        </div>
      </form>
    </Page>
  );
}
