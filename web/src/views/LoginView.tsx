import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api/client';
import { useAuth, type Farewell } from '../auth';
import { Field, PasswordField } from '../components/Field';
import { focusSoon } from '../components/focus';
import { ErrorRegion, StatusRegion } from '../components/Live';
import { Page } from '../components/Page';
import { useI18n } from '../i18n/context';
import { describeError } from '../i18n/describeError';
import type { MessageKey, Params } from '../i18n/translate';

const FAREWELL_TEXT: Record<Farewell, MessageKey> = {
  logged_out: 'login.logged_out',
  deleted: 'login.deleted',
  session_expired: 'login.session_expired',
};

export function LoginView() {
  const { t, formatDelay } = useI18n();
  const auth = useAuth();
  const { route } = useLocation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ login?: MessageKey; password?: MessageKey }>({});
  const [formError, setFormError] = useState<{ key: MessageKey; params?: Params } | null>(null);
  const [busy, setBusy] = useState(false);
  // Keep the farewell for this visit of the page, and clear it from the shared state.
  const [farewell, setFarewell] = useState(auth.farewell);
  useEffect(() => {
    if (auth.farewell) auth.clearFarewell();
  }, []);

  async function onSubmit(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    setFarewell(null);
    const found: { login?: MessageKey; password?: MessageKey } = {};
    if (login.trim() === '') found.login = 'errors.required';
    if (password === '') found.password = 'errors.required';
    setErrors(found);
    if (found.login || found.password) {
      setFormError({ key: 'errors.check_fields' });
      focusSoon(found.login ? 'login-login' : 'login-password');
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const { member } = await api.login({ login: login.trim(), password });
      auth.signedIn(member);
      route('/');
    } catch (e) {
      const d = describeError(e, 'login', { formatDelay });
      if (d.field === 'login') {
        setErrors({ login: d.key });
        setFormError({ key: 'errors.check_fields' });
        focusSoon('login-login');
      } else {
        setFormError(d.params ? { key: d.key, params: d.params } : { key: d.key });
        if (d.key === 'errors.invalid_credentials') focusSoon('login-password');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('login.title')}>
      <p class="lead">{t('app.tagline')}</p>
      <form class="card form" onSubmit={onSubmit} noValidate>
        <StatusRegion text={farewell ? t(FAREWELL_TEXT[farewell]) : null} />
        <ErrorRegion text={formError ? t(formError.key, formError.params) : null} />
        <Field
          id="login-login"
          label={t('login.login_label')}
          value={login}
          onInput={setLogin}
          error={errors.login ? t(errors.login) : undefined}
          autoComplete="username"
          inputMode="email"
          autoCapitalize="off"
          spellcheck={false}
          maxLength={320}
        />
        <PasswordField
          id="login-password"
          label={t('login.password_label')}
          value={password}
          onInput={setPassword}
          error={errors.password ? t(errors.password) : undefined}
          autoComplete="current-password"
          maxLength={256}
        />
        <button type="submit" class="btn btn-primary btn-block" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p class="switch-link">
        {t('login.no_account')} <a href="/signup">{t('login.signup_link')}</a>
      </p>
    </Page>
  );
}
