import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { PasswordField } from '../../components/Field';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n/context';
import { passwordLengthError } from '../../i18n/describeError';
import type { MessageKey } from '../../i18n/translate';

// A refusal naming "password" is about the new one.
const IDS: Record<string, string> = {
  current_password: 'settings-current-password',
  new_password: 'settings-new-password',
  password: 'settings-new-password',
};

export function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const errors = useFormErrors((f) => IDS[f] ?? '', (f) => f in IDS);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    setStatus(null);
    const found = {
      current_password: current === '' ? ('errors.required' as const) : undefined,
      new_password: passwordLengthError(next),
    };
    if (errors.showLocal(found, ['current_password', 'new_password'])) return;
    setBusy(true);
    try {
      await api.changePassword({ current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setStatus('settings.password_changed');
      onChanged();
    } catch (e) {
      errors.showError(e, 'password', { password: next });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="settings-password">
      <h2 id="settings-password">{t('settings.password_heading')}</h2>
      <form class="form" onSubmit={onSubmit} noValidate>
        <ErrorRegion text={errors.form} />
        <StatusRegion text={status ? t(status) : null} />
        <PasswordField
          id="settings-current-password"
          label={t('settings.current_password')}
          value={current}
          onInput={setCurrent}
          error={errors.field('current_password')}
          autoComplete="current-password"
          maxLength={256}
        />
        <PasswordField
          id="settings-new-password"
          label={t('settings.new_password')}
          hint={t('signup.password_hint')}
          value={next}
          onInput={setNext}
          error={errors.field('new_password') ?? errors.field('password')}
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
