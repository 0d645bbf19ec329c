import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { PasswordField } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { ErrorRegion } from '../../components/Live';
import { useI18n } from '../../i18n/context';
import { describeError } from '../../i18n/describeError';
import type { MessageKey, Params } from '../../i18n/translate';
import { useSignedOutGuard } from './useSignedOutGuard';

/** Account deletion in two steps: open the confirmation, then confirm with the password. */
export function DeleteSection() {
  const { t, formatDelay } = useI18n();
  const auth = useAuth();
  const guard = useSignedOutGuard();
  const { route } = useLocation();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [ack, setAck] = useState(false);
  const [errors, setErrors] = useState<{ password?: MessageKey; ack?: MessageKey }>({});
  const [error, setError] = useState<{ key: MessageKey; params?: Params } | null>(null);
  const [busy, setBusy] = useState(false);

  function close() {
    setOpen(false);
    setPassword('');
    setAck(false);
    setErrors({});
    setError(null);
    focusSoon('delete-start');
  }

  async function onSubmit(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    setError(null);
    const found: { password?: MessageKey; ack?: MessageKey } = {};
    if (password === '') found.password = 'errors.required';
    if (!ack) found.ack = 'errors.ack_required';
    setErrors(found);
    if (found.password || found.ack) {
      setError({ key: 'errors.check_fields' });
      focusSoon(found.password ? 'delete-password' : 'delete-ack');
      return;
    }
    setBusy(true);
    try {
      await api.deleteAccount({ password });
      auth.signedOut('deleted');
      route('/login');
    } catch (e) {
      const d = describeError(e, 'delete', { formatDelay });
      if (guard(d)) return;
      if (d.field === 'password') {
        setErrors({ password: d.key });
        setError({ key: 'errors.check_fields' });
        focusSoon('delete-password');
      } else {
        setError(d.params ? { key: d.key, params: d.params } : { key: d.key });
      }
      setBusy(false);
    }
  }

  return (
    <section class="card card-danger" aria-labelledby="settings-delete">
      <h2 id="settings-delete">{t('settings.delete_heading')}</h2>
      <p>{t('settings.delete_text')}</p>
      {!open ? (
        <button
          type="button"
          id="delete-start"
          class="btn btn-danger-outline"
          aria-expanded="false"
          aria-controls="delete-confirm"
          onClick={() => {
            setOpen(true);
            focusSoon('delete-password');
          }}
        >
          {t('settings.delete_start')}
        </button>
      ) : (
        <form id="delete-confirm" class="form confirm-panel" onSubmit={onSubmit} noValidate>
          <h3>{t('settings.delete_confirm_title')}</h3>
          <ErrorRegion text={error ? t(error.key, error.params) : null} />
          <PasswordField
            id="delete-password"
            label={t('settings.delete_password')}
            value={password}
            onInput={setPassword}
            error={errors.password ? t(errors.password) : undefined}
            autoComplete="current-password"
            maxLength={256}
          />
          <div class={errors.ack ? 'field field-invalid' : 'field'}>
            <label class="check">
              <input
                id="delete-ack"
                type="checkbox"
                checked={ack}
                onChange={(e) => setAck(e.currentTarget.checked)}
                aria-invalid={errors.ack ? 'true' : undefined}
                aria-describedby={errors.ack ? 'delete-ack-error' : undefined}
              />
              <span>{t('settings.delete_ack')}</span>
            </label>
            {errors.ack && (
              <p class="field-error" id="delete-ack-error">
                {t(errors.ack)}
              </p>
            )}
          </div>
          <div class="form-actions">
            <button type="submit" class="btn btn-danger" aria-disabled={busy ? 'true' : undefined}>
              {busy ? t('settings.deleting') : t('settings.delete_submit')}
            </button>
            <button type="button" class="btn btn-secondary" onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
