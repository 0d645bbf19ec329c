import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { PasswordField } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { ErrorRegion } from '../../components/Live';
import { useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n/context';

const IDS: Record<string, string> = { password: 'delete-password', ack: 'delete-ack' };

/** Account deletion in two steps: open the confirmation, then confirm with the password. */
export function DeleteSection() {
  const { t } = useI18n();
  const auth = useAuth();
  const { route } = useLocation();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [ack, setAck] = useState(false);
  const errors = useFormErrors((f) => IDS[f] ?? '', (f) => f === 'password');
  const [busy, setBusy] = useState(false);

  function close() {
    setOpen(false);
    setPassword('');
    setAck(false);
    errors.clear();
    focusSoon('delete-start');
  }

  async function onSubmit(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    const found = {
      password: password === '' ? ('errors.required' as const) : undefined,
      ack: ack ? undefined : ('errors.ack_required' as const),
    };
    if (errors.showLocal(found, ['password', 'ack'])) return;
    setBusy(true);
    try {
      await api.deleteAccount({ password });
      auth.signedOut('deleted');
      route('/login');
    } catch (e) {
      if (errors.showError(e, 'delete') === null) return;
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
          <ErrorRegion text={errors.form} />
          <PasswordField
            id="delete-password"
            label={t('settings.delete_password')}
            value={password}
            onInput={setPassword}
            error={errors.field('password')}
            autoComplete="current-password"
            maxLength={256}
          />
          <div class={errors.field('ack') ? 'field field-invalid' : 'field'}>
            <label class="check">
              <input
                id="delete-ack"
                type="checkbox"
                checked={ack}
                onChange={(e) => setAck(e.currentTarget.checked)}
                aria-invalid={errors.field('ack') ? 'true' : undefined}
                aria-describedby={errors.field('ack') ? 'delete-ack-error' : undefined}
              />
              <span>{t('settings.delete_ack')}</span>
            </label>
            {errors.field('ack') && (
              <p class="field-error" id="delete-ack-error">
                {errors.field('ack')}
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
