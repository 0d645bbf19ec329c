import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { PasswordField } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { useI18n } from '../../i18n/context';
import { describeError, passwordLengthError } from '../../i18n/describeError';
import type { MessageKey, Params } from '../../i18n/translate';
import { useSignedOutGuard } from './useSignedOutGuard';

type Errors = { current_password?: MessageKey; new_password?: MessageKey };
const IDS = { current_password: 'settings-current-password', new_password: 'settings-new-password' } as const;

export function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const { t, formatDelay } = useI18n();
  const guard = useSignedOutGuard();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<{ key: MessageKey; params?: Params } | null>(null);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    setStatus(null);
    setError(null);
    const found: Errors = {};
    if (current === '') found.current_password = 'errors.required';
    const lengthError = passwordLengthError(next);
    if (lengthError) found.new_password = lengthError;
    setErrors(found);
    if (found.current_password || found.new_password) {
      setError({ key: 'errors.check_fields' });
      focusSoon(found.current_password ? IDS.current_password : IDS.new_password);
      return;
    }
    setBusy(true);
    try {
      await api.changePassword({ current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setStatus('settings.password_changed');
      onChanged();
    } catch (e) {
      const d = describeError(e, 'password', { password: next, formatDelay });
      if (guard(d)) return;
      const field = d.field === 'password' ? 'new_password' : d.field;
      if (field === 'current_password' || field === 'new_password') {
        setErrors({ [field]: d.key });
        setError({ key: 'errors.check_fields' });
        focusSoon(IDS[field]);
      } else {
        setError(d.params ? { key: d.key, params: d.params } : { key: d.key });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="settings-password">
      <h2 id="settings-password">{t('settings.password_heading')}</h2>
      <form class="form" onSubmit={onSubmit} noValidate>
        <ErrorRegion text={error ? t(error.key, error.params) : null} />
        <StatusRegion text={status ? t(status) : null} />
        <PasswordField
          id={IDS.current_password}
          label={t('settings.current_password')}
          value={current}
          onInput={setCurrent}
          error={errors.current_password ? t(errors.current_password) : undefined}
          autoComplete="current-password"
          maxLength={256}
        />
        <PasswordField
          id={IDS.new_password}
          label={t('settings.new_password')}
          hint={t('signup.password_hint')}
          value={next}
          onInput={setNext}
          error={errors.new_password ? t(errors.new_password) : undefined}
          autoComplete="new-password"
          maxLength={256}
        />
        <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('common.saving') : t('settings.password_submit')}
        </button>
      </form>
    </section>
  );
}
