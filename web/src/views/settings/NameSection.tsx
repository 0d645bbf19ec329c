import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { Field } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { useI18n } from '../../i18n/context';
import { describeError, DISPLAY_NAME_MAX } from '../../i18n/describeError';
import type { MessageKey, Params } from '../../i18n/translate';
import { useSignedOutGuard } from './useSignedOutGuard';

export function NameSection() {
  const { t, formatDelay } = useI18n();
  const auth = useAuth();
  const guard = useSignedOutGuard();
  const [name, setName] = useState(auth.me?.display_name ?? '');
  const [fieldError, setFieldError] = useState<MessageKey | null>(null);
  const [error, setError] = useState<{ key: MessageKey; params?: Params } | null>(null);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    setStatus(null);
    setError(null);
    const trimmed = name.trim();
    const length = [...trimmed].length;
    if (length === 0 || length > DISPLAY_NAME_MAX) {
      setFieldError(length === 0 ? 'errors.required' : 'errors.display_name_invalid');
      setError({ key: 'errors.check_fields' });
      focusSoon('settings-name');
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      const me = await api.updateMe({ display_name: trimmed });
      auth.updated(me);
      setName(me.display_name);
      setStatus('settings.name_saved');
    } catch (e) {
      const d = describeError(e, 'profile', { formatDelay });
      if (guard(d)) return;
      if (d.field === 'display_name') {
        setFieldError(d.key);
        setError({ key: 'errors.check_fields' });
        focusSoon('settings-name');
      } else {
        setError(d.params ? { key: d.key, params: d.params } : { key: d.key });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="settings-name-heading">
      <h2 id="settings-name-heading">{t('settings.name_heading')}</h2>
      <form class="form" onSubmit={onSubmit} noValidate>
        <ErrorRegion text={error ? t(error.key, error.params) : null} />
        <StatusRegion text={status ? t(status) : null} />
        <Field
          id="settings-name"
          label={t('settings.name_label')}
          labelHidden
          value={name}
          onInput={setName}
          error={fieldError ? t(fieldError) : undefined}
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
