import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { Field } from '../../components/Field';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n/context';
import { DISPLAY_NAME_MAX } from '../../i18n/describeError';
import type { MessageKey } from '../../i18n/translate';

export function NameSection() {
  const { t } = useI18n();
  const auth = useAuth();
  const [name, setName] = useState(auth.me?.display_name ?? '');
  const errors = useFormErrors(() => 'settings-name', (f) => f === 'display_name');
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    setStatus(null);
    const trimmed = name.trim();
    const length = [...trimmed].length;
    const problem = length === 0 ? 'errors.required' : length > DISPLAY_NAME_MAX ? 'errors.display_name_invalid' : undefined;
    if (errors.showLocal({ display_name: problem })) return;
    setBusy(true);
    try {
      const me = await api.updateMe({ display_name: trimmed });
      auth.updated(me);
      setName(me.display_name);
      setStatus('settings.name_saved');
    } catch (e) {
      errors.showError(e, 'profile');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="settings-name-heading">
      <h2 id="settings-name-heading">{t('settings.name_heading')}</h2>
      <form class="form" onSubmit={onSubmit} noValidate>
        <ErrorRegion text={errors.form} />
        <StatusRegion text={status ? t(status) : null} />
        <Field
          id="settings-name"
          label={t('settings.name_label')}
          labelHidden
          value={name}
          onInput={setName}
          error={errors.field('display_name')}
          autoComplete="nickname"
          maxLength={DISPLAY_NAME_MAX}
        />
        <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </form>
    </section>
  );
}
